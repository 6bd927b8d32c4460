"""Replacing documents' raw rows on the shard layout: ONE manifest commit drops the old rows
and adds the new ones (used by `juesuan reload --stale`).

Shards are immutable and hold the rows of a whole load batch, so a document's old rows are
dropped by rewriting each shard that holds them: the staging batch (an in-memory DuckDB with
the raw DDL, like batch.py's) receives the new rows of every replaced document plus the
rows of the *other* documents of the affected shards; it is written as one new shard per
table (shards.write_batch) and the manifest that lists the new shards instead of the
affected ones is committed and published at once (publish.commit_and_publish). A reader sees
every replaced document wholly old or wholly new, never half replaced or twice; a failure
before the commit leaves the published warehouse as it was (the new shard files are then
unlisted garbage, as after a killed load). The old shards stay on disk (readers holding an
old snapshot may still read them). The load ledger and the withdrawals are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from .interrupts import deferred_interrupts
from .publish import ORDERS, commit_and_publish, prepare_published
from .schema import RAW_DDL
from .shards import Manifest, write_batch
from .warehouse import WaitCallback, WarehouseError, print_to_stderr, writer_lock

DOCUMENT_TABLES = ("documents", "document_texts", "blocks", "table_cells", "facts")
IDS = "_juesuan_replaced_ids"


def _listed(files: list[str]) -> str:
    return "[" + ", ".join("'" + f.replace("'", "''") + "'" for f in files) + "]"


class DocumentReplacement:
    """A staging batch whose documents replace their published versions on ``commit()``.

    Stage each document's new rows in ``con`` (schema raw) in one transaction of its own;
    or ``copy_published(ids)`` to get rows as published and edit them in ``con``."""

    def __init__(self, db_path: Path, manifest: Manifest):
        self.db_path = Path(db_path)
        self.manifest = manifest
        self.con = duckdb.connect(":memory:")
        self.con.execute(RAW_DDL)

    def copy_published(self, document_ids: list[str]) -> None:
        """Copy the published rows of these documents into the batch (to be edited there)."""
        self.con.execute("BEGIN")
        try:
            self._set_ids(document_ids)
            for table in DOCUMENT_TABLES:
                files = self.manifest.files(self.db_path, table)
                if files:
                    self.con.execute(
                        f"INSERT INTO raw.{table} BY NAME SELECT * FROM read_parquet({_listed(files)}, "
                        f"union_by_name = true) WHERE document_id IN (SELECT document_id FROM {IDS})")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def staged_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT document_id FROM raw.documents ORDER BY 1").fetchall()]

    def commit(self) -> Manifest | None:
        """Publish the staged documents in place of their old rows; the new manifest (None: nothing staged)."""
        ids = self.staged_ids()
        if not ids:
            return None
        with deferred_interrupts():
            self._set_ids(ids)
            dropped = self._keep_other_documents()
            added = write_batch(self.con, self.db_path, ORDERS)
            new = self.manifest.with_replaced(dropped, added)
            commit_and_publish(self.db_path, new)
            self.manifest = new
            for table in DOCUMENT_TABLES:  # published: a second commit() has nothing to do
                self.con.execute(f"DELETE FROM raw.{table}")
            return new

    def close(self) -> None:
        self.con.close()

    def _set_ids(self, ids: list[str]) -> None:
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {IDS} (document_id VARCHAR PRIMARY KEY)")
        self.con.executemany(f"INSERT INTO {IDS} VALUES (?)", [[i] for i in ids])

    def _keep_other_documents(self) -> dict[str, list[str]]:
        """Move the rows of the other documents of each shard holding a replaced document into
        the batch; {table: relpaths of those shards} (dropped from the manifest)."""
        dropped: dict[str, list[str]] = {}
        self.con.execute("BEGIN")
        try:
            for table in DOCUMENT_TABLES:
                rel_of = dict(zip(self.manifest.files(self.db_path, table), self.manifest.shards.get(table, [])))
                if not rel_of:
                    continue
                hit = [r[0] for r in self.con.execute(
                    f"SELECT DISTINCT filename FROM read_parquet({_listed(list(rel_of))}, union_by_name = true, "
                    f"filename = true) WHERE document_id IN (SELECT document_id FROM {IDS})").fetchall()]
                if not hit:
                    continue
                self.con.execute(
                    f"INSERT INTO raw.{table} BY NAME SELECT * EXCLUDE (filename) FROM read_parquet("
                    f"{_listed(hit)}, union_by_name = true, filename = true) "
                    f"WHERE document_id NOT IN (SELECT document_id FROM {IDS})")
                dropped[table] = [rel_of[f] for f in hit]
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        return dropped


@contextmanager
def replacing_documents(db_path: Path, on_wait: WaitCallback | None = print_to_stderr) -> Iterator[DocumentReplacement]:
    """Lock the warehouse and yield a DocumentReplacement (the lock is held until it is
    closed); nothing is published unless the caller calls ``commit()``."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise WarehouseError(f"no warehouse yet at {db_path}: run `juesuan load`")
    with writer_lock(db_path, on_wait=on_wait):
        rep = DocumentReplacement(db_path, prepare_published(db_path, say=on_wait or (lambda m: None)))
        try:
            yield rep
        finally:
            rep.close()
