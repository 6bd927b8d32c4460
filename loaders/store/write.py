"""Write one prepared document into raw.* — all of its rows in ONE transaction."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from . import ledger
from .interrupts import deferred_interrupts
from .rows import Rows

DOCUMENT_COLUMNS = ("document_id", "path", "file_name", "format", "bytes", "pages", "encoding", "title",
                    "unit_name", "fiscal_year", "doc_kind", "scope", "province", "city", "county",
                    "text_chars", "part", "published_on", "loaded_at", "loader_version", "extractor_version",
                    "caliber", "extraction", "ocr_pages", "ocr_seconds")


@dataclass
class DocumentRows:
    """Everything the loader writes for one document (built in the sandbox child)."""

    document: dict
    text: str
    blocks: Rows
    cells: Rows
    facts: Rows

    @property
    def document_id(self) -> str:
        return self.document["document_id"]


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Rows) -> None:
    """Bulk-insert column-oriented rows through Arrow (DuckDB casts to the column types)."""
    if len(rows) == 0:
        return
    view = "_juesuan_rows"
    con.register(view, pa.table(rows.data))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


def exists(con: duckdb.DuckDBPyConnection, document_id: str) -> str | None:
    """The path under which these bytes were first loaded, or None."""
    row = con.execute("SELECT path FROM raw.documents WHERE document_id = ?", [document_id]).fetchone()
    return row[0] if row else None


def write_document(con: duckdb.DuckDBPyConnection, rows: DocumentRows, entry: ledger.LedgerEntry) -> None:
    """Insert the document, its text, blocks, cells, facts and its ledger row atomically
    (Ctrl-C waits for the commit: DuckDB is never interrupted half way through it)."""
    with deferred_interrupts():
        _write_document(con, rows, entry)


def _write_document(con: duckdb.DuckDBPyConnection, rows: DocumentRows, entry: ledger.LedgerEntry) -> None:
    con.begin()
    try:
        doc = rows.document
        con.execute(
            f"INSERT INTO raw.documents ({', '.join(DOCUMENT_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
            [doc.get(c) for c in DOCUMENT_COLUMNS],
        )
        con.execute("INSERT INTO raw.document_texts VALUES (?, ?)", [rows.document_id, rows.text])
        insert_rows(con, "raw.blocks", rows.blocks)
        insert_rows(con, "raw.table_cells", rows.cells)
        insert_rows(con, "raw.facts", rows.facts)
        ledger.insert(con, entry)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def record(con: duckdb.DuckDBPyConnection, entry: ledger.LedgerEntry) -> None:
    """A ledger row on its own (duplicates and quarantined inputs)."""
    with deferred_interrupts():
        con.begin()
        try:
            ledger.insert(con, entry)
            con.commit()
        except BaseException:
            con.rollback()
            raise
