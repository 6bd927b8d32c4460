"""The warehouse: raw.* tables in DuckDB, written by `juesuan load`/`build`, read by everyone else.

Readers: ``connect_readonly(path)``. Writers: ``writer(path)`` (see warehouse.py for why
writers work on a private copy and publish it atomically).
"""

from .warehouse import (
    WarehouseBusy,
    WarehouseError,
    WarehouseMissing,
    connect_readonly,
    writer,
)

__all__ = ["connect_readonly", "writer", "WarehouseError", "WarehouseMissing", "WarehouseBusy"]
