"""juesuan loaders: files -> document blocks -> facts -> raw tables in DuckDB."""

__version__ = "0.1.0"
