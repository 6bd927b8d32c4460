"""The warehouse: raw.* tables in DuckDB, written by `juesuan load`/`build`, read by everyone else.

Readers: ``connect_readonly(path)``. Writers: ``writer(path)`` (see warehouse.py for why
writers work on a private copy and publish it atomically).

The names are imported on first use (PEP 562), so that importing a submodule that needs no
DuckDB (``loaders.store.prepare`` for `juesuan extract`) does not load DuckDB.
"""

from __future__ import annotations

from typing import Any

__all__ = ["connect_readonly", "writer", "WarehouseError", "WarehouseMissing", "WarehouseBusy"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import warehouse

        return getattr(warehouse, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
