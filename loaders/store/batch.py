"""The writer's private batch: documents are staged here whole, then publish as shards.

A staged document is the Arrow tables its worker built plus its ledger row, appended in one
step (``stage``), so the batch holds every row of a document or none; the writer does no
per-document database work. ``publish()`` inserts everything staged into an in-memory
DuckDB with the raw DDL in one transaction per publish (DuckDB casts to the raw types; a
document whose rows do not fit is found by inserting one document at a time and becomes a
``store failed`` quarantine row), writes one shard per raw table, commits the manifest and
the catalog (publish.py) and empties the batch. Nothing needs durability before that: what
is not published is loaded again by the next run. The batch is announced by the marker
file ``<name>.wip-<pid>`` next to the published catalog; a killed writer leaves its marker
behind, and the next writer says so and deletes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
import os
from pathlib import Path

import duckdb
import pyarrow as pa

from ..sandbox import describe_exception, one_line
from .interrupts import deferred_interrupts
from .publish import ORDERS, commit_and_publish, prepare_published, publish_catalog
from .schema import RAW_DDL
from .ledger import QUARANTINED, LedgerEntry
from .shards import RAW_TABLES, write_batch
from .warehouse import WaitCallback, WarehouseError, print_to_stderr, wip_path_for, writer_lock
from .write import StagedDocument, insert_staged


class RawBatch:
    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = wip_path_for(self.db_path)
        self.con: duckdb.DuckDBPyConnection | None = None
        self.known: dict[str, str] = {}  # published document_id -> path first loaded under
        self.publishes = 0
        self.pending: list[tuple[LedgerEntry, StagedDocument | None]] = []  # staged, not yet in con
        self.pending_ids: dict[str, str] = {}  # staged document_id -> path
        self._flushed = False  # con holds rows (flushed, not yet published)

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
        """The path these bytes were first loaded under (published or staged), or None."""
        return self.known.get(document_id) or self.pending_ids.get(document_id) or self._in_con(document_id)

    def _in_con(self, document_id: str) -> str | None:
        if not self._flushed:
            return None
        row = self.con.execute("SELECT path FROM raw.documents WHERE document_id = ?", [document_id]).fetchone()
        return row[0] if row else None

    def stage(self, entry: LedgerEntry, document: StagedDocument | None = None) -> None:
        """Add one input's ledger row and (if loaded) all of its rows, in one step."""
        with deferred_interrupts():
            self.pending.append((entry, document))
            if document is not None:
                self.pending_ids[document.document_id] = entry.input_path

    def record(self, entry: LedgerEntry) -> None:
        self.stage(entry, None)

    def flush(self) -> None:
        """Everything staged -> the in-memory DuckDB batch, in one transaction (per document
        only if the whole does not fit, see the module docstring)."""
        if not self.pending:
            return
        with deferred_interrupts():
            self._flushed = True
            entries = [e for e, _ in self.pending]
            docs = [d for _, d in self.pending if d is not None]
            try:
                insert_staged(self.con, _concat(docs), entries)
            except Exception:  # noqa: BLE001 - find the document(s) that do not fit, one at a time
                while self.pending:
                    self._insert_one(*self.pending[0])
                    self.pending.pop(0)
            self.pending.clear()
            self.pending_ids.clear()

    def _insert_one(self, entry: LedgerEntry, doc: StagedDocument | None) -> None:
        try:
            insert_staged(self.con, doc.tables if doc is not None else {}, [entry])
        except Exception as e:  # noqa: BLE001 - the document's rows were rolled back
            if doc is None:
                raise
            entry.status, entry.facts = QUARANTINED, None
            entry.reason = one_line(f"store failed: {describe_exception(e)}")
            insert_staged(self.con, {}, [entry])

    def publish(self) -> bool:
        """Publish the staged rows (if any); True when a new manifest was committed."""
        with deferred_interrupts():
            self.flush()
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
            self._flushed = False
            self.publishes += 1
            return True

    def close(self) -> None:
        self.pending.clear()
        if self.con is not None:
            try:
                self.con.close()
            finally:
                self.con = None
        self._remove_files()

    def _remove_files(self) -> None:
        for p in (self.path, Path(f"{self.path}.wal")):
            p.unlink(missing_ok=True)


def _concat(docs: list[StagedDocument]) -> dict[str, pa.Table]:
    """One table per raw table from many documents (column types unified: a column that is
    all NULL in one document takes the type of the others)."""
    out: dict[str, pa.Table] = {}
    for table in {t for d in docs for t in d.tables}:
        parts = [d.tables[table] for d in docs if table in d.tables and d.tables[table].num_rows]
        if parts:
            out[table] = pa.concat_tables(parts, promote_options="permissive")
    return out


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
