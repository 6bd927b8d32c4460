"""juesuan loaders: files -> document blocks -> facts -> raw tables in DuckDB."""

__version__ = "0.1.0"

from . import compiled as _compiled  # noqa: E402

_compiled.install()  # serve the text-path modules compiled when fresh (loaders/compiled.py)
