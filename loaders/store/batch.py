"""The writer's private batch: documents commit here one transaction each, then publish as shards.

The batch is an in-memory DuckDB with the raw DDL (it needs no durability: what is not
published is loaded again by the next run, so it pays no fsync per document), announced by
the marker file ``<name>.wip-<pid>`` next to the published catalog. ``publish()`` writes
one shard per raw table from it, commits the manifest and the catalog (publish.py) and
empties it. A killed writer leaves its marker behind; the next writer says so and deletes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
import os
from pathlib import Path

import duckdb

from .interrupts import deferred_interrupts
from .publish import ORDERS, commit_and_publish, prepare_published, publish_catalog
from .schema import RAW_DDL
from .shards import RAW_TABLES, write_batch
from .warehouse import WaitCallback, WarehouseError, print_to_stderr, wip_path_for, writer_lock


class RawBatch:
    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = wip_path_for(self.db_path)
        self.con: duckdb.DuckDBPyConnection | None = None
        self.known: dict[str, str] = {}  # published document_id -> path first loaded under
        self.publishes = 0
        self.staged = 0

    def open(self, say=print_to_stderr) -> None:
        self.manifest = prepare_published(self.db_path, say=say)
        self._remove_files()
        self.path.write_text(f"pid {os.getpid()}: unpublished documents of this load are held in memory\n")
        self.con = duckdb.connect(":memory:")
        self.con.execute(RAW_DDL)
        files = self.manifest.files(self.db_path, "documents")
        if files:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            self.known = dict(self.con.execute(
                f"SELECT document_id, path FROM read_parquet([{listed}])").fetchall())

    def exists(self, document_id: str) -> str | None:
        if document_id in self.known:
            return self.known[document_id]
        row = self.con.execute("SELECT path FROM raw.documents WHERE document_id = ?", [document_id]).fetchone()
        return row[0] if row else None

    def publish(self) -> bool:
        """Publish the staged rows (if any); True when a new manifest was committed."""
        with deferred_interrupts():
            if not any(self.con.execute(f"SELECT count(*) FROM raw.{t}").fetchone()[0] for t in RAW_TABLES):
                if not self.db_path.exists():
                    publish_catalog(self.db_path, self.manifest)
                return False
            added = write_batch(self.con, self.db_path, ORDERS)
            new = self.manifest.with_shards(added)
            commit_and_publish(self.db_path, new)
            self.manifest = new
            self.known.update(self.con.execute("SELECT document_id, path FROM raw.documents").fetchall())
            self.con.execute("BEGIN")
            for t in RAW_TABLES:
                self.con.execute(f"DELETE FROM raw.{t}")
            self.con.execute("COMMIT")
            self.publishes += 1
            return True

    def close(self) -> None:
        if self.con is not None:
            try:
                self.con.close()
            finally:
                self.con = None
        self._remove_files()

    def _remove_files(self) -> None:
        for p in (self.path, Path(f"{self.path}.wal")):
            p.unlink(missing_ok=True)


@contextmanager
def raw_writer(db_path: Path, on_wait: WaitCallback | None = print_to_stderr) -> Iterator[RawBatch]:
    """Lock, open a batch, yield it; publish what was committed on leaving — also after
    Ctrl-C or an error (each document committed whole, so the batch is consistent). If that
    publish fails too, the published warehouse stays as it was and the error is raised."""
    with writer_lock(Path(db_path), on_wait=on_wait):
        batch = RawBatch(Path(db_path))
        try:
            batch.open(say=on_wait or (lambda m: None))
            try:
                yield batch
            except BaseException as first:
                try:
                    batch.publish()
                except KeyboardInterrupt:
                    pass
                except Exception as e:  # noqa: BLE001 - the first error is the one to report
                    raise first from e
                raise
            else:
                batch.publish()
        finally:
            batch.close()
