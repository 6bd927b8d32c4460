"""The `juesuan` command. ``app`` is the Typer application (loaders/cli/app.py); importing this
package registers every command, in the order `juesuan --help` lists them. Start-up: every command
imports its implementation (DuckDB, dbt, pdfplumber, ...) in its body, so `juesuan --help` and
`juesuan extract` load only what they use."""

from .app import app
from . import loading, inspecting, querying, building  # noqa: F401,E402 - registers the commands

__all__ = ["app"]
