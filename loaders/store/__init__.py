"""The warehouse: raw.* views over immutable Parquet shards (shards.py, catalog.py) plus the
marts, written by `juesuan load`/`build`/`remove`, read by everyone else.

Readers: ``connect_readonly(path)``. Writers: ``batch.raw_writer`` (load), ``writer(path)``
/ ``working_copy`` (a private copy of the catalog, published atomically; see warehouse.py
and publish.py for the order of the renames). The invariants are listed in the README.
"""

from .warehouse import (
    WarehouseBusy,
    WarehouseError,
    WarehouseMissing,
    connect_readonly,
    writer,
)

__all__ = ["connect_readonly", "writer", "WarehouseError", "WarehouseMissing", "WarehouseBusy"]
