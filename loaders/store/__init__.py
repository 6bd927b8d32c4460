"""The warehouse: raw.* views over immutable Parquet shards (shards.py, catalog.py) plus the
marts, written by `juesuan load`/`build`/`remove`, read by everyone else.

Readers: ``connect_readonly(path)``. Writers: ``batch.raw_writer`` (load), ``writer(path)``
/ ``working_copy`` (a private copy of the catalog, published atomically; see warehouse.py
and publish.py for the order of the renames). The invariants are listed in the README.

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
