"""The `juesuan` application: the Typer app, its consoles, the --db option and the helpers every command uses.
The commands live beside it, one module per group (loading, inspecting, querying, building)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import warehouse_path

def Table(*args, **kwargs):  # noqa: N802 - rich.table.Table, imported on first use
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


app = typer.Typer(
    name="juesuan",
    help="Warehouse of Chinese government final-account disclosures (部门/单位决算公开).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # click's plain help: rendering it with rich took longer than the rest of start-up
    context_settings={"max_content_width": 120, "help_option_names": ["-h", "--help"]},
)

class _Console:
    """A rich.console.Console made on first use (start-up time)."""

    def __init__(self, **kwargs) -> None:
        self._kwargs = kwargs
        self._console = None

    def __getattr__(self, name: str):
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._kwargs)
        return getattr(self._console, name)

    def __enter__(self):
        return self.__getattr__("__enter__")()

    def __exit__(self, *exc) -> None:
        return self.__getattr__("__exit__")(*exc)


out = _Console(soft_wrap=True)
err = _Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="Warehouse file (default: $JUESUAN_DB, else warehouse/juesuan.duckdb).",
                 show_default=False),
]


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def _wait_message(msg: str) -> None:
    err.print(msg, highlight=False, markup=False)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        out.print(f"juesuan {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """Warehouse of Chinese government final-account disclosures (部门/单位决算公开)."""


def _open_readonly(db: Optional[Path]):
    from ..store.warehouse import WarehouseError, connect_readonly

    try:
        return connect_readonly(warehouse_path(db), on_retry=_wait_message)
    except WarehouseError as e:
        _fail(str(e))


def _jsonable(v):
    if isinstance(v, Decimal):
        return str(v)  # exact; JSON floats would round money
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    return v
