"""One prepared document's rows, as Arrow tables built where it was parsed, and how they go
into a batch: all of a document's rows in ONE transaction."""

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
# raw table -> DocumentRows field; the order a document's rows are inserted in
DOCUMENT_TABLES = (("documents", "document"), ("document_texts", "text"), ("blocks", "blocks"),
                   ("table_cells", "cells"), ("facts", "facts"))


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

    def staged(self) -> "StagedDocument":
        """The rows as Arrow tables (built by the worker: the writer only appends them)."""
        doc = {c: [self.document.get(c)] for c in DOCUMENT_COLUMNS}
        tables = {"documents": pa.table(doc),
                  "document_texts": pa.table({"document_id": [self.document_id], "text": [self.text]}),
                  "blocks": pa.table(self.blocks.data), "table_cells": pa.table(self.cells.data),
                  "facts": pa.table(self.facts.data)}
        return StagedDocument(self.document_id, self.document.get("format"), len(self.facts), tables)


@dataclass
class StagedDocument:
    """A prepared document as it crosses from the worker to the writer: Arrow tables per raw
    table (pickled as Arrow buffers, so the writer pays almost nothing to receive them)."""

    document_id: str
    format: str | None
    facts: int
    tables: dict[str, pa.Table]


def _arrow(rows: Rows | pa.Table) -> pa.Table:
    return rows if isinstance(rows, pa.Table) else pa.table(rows.data)


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Rows | pa.Table) -> None:
    """Bulk-insert column-oriented rows through Arrow (DuckDB casts to the column types)."""
    if len(rows) == 0:
        return
    view = "_juesuan_rows"
    con.register(view, _arrow(rows))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {view}")
    finally:
        con.unregister(view)


def ledger_table(entries: list[ledger.LedgerEntry]) -> pa.Table:
    return pa.table({c: [getattr(e, c) for e in entries] for c in ledger.COLUMNS})


def exists(con: duckdb.DuckDBPyConnection, document_id: str) -> str | None:
    """The path under which these bytes were first loaded, or None."""
    row = con.execute("SELECT path FROM raw.documents WHERE document_id = ?", [document_id]).fetchone()
    return row[0] if row else None


def insert_staged(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table],
                  entries: list[ledger.LedgerEntry]) -> None:
    """Insert the rows of any number of staged documents and their ledger rows atomically
    (Ctrl-C waits for the commit: DuckDB is never interrupted half way through it)."""
    with deferred_interrupts():
        con.begin()
        try:
            for table, _ in DOCUMENT_TABLES:
                if table in tables:
                    insert_rows(con, f"raw.{table}", tables[table])
            if entries:
                insert_rows(con, "raw.load_ledger", ledger_table(entries))
            con.commit()
        except BaseException:
            con.rollback()
            raise


def write_document(con: duckdb.DuckDBPyConnection, rows: DocumentRows | StagedDocument,
                   entry: ledger.LedgerEntry) -> None:
    """Insert one document, its text, blocks, cells, facts and its ledger row atomically."""
    staged = rows.staged() if isinstance(rows, DocumentRows) else rows
    insert_staged(con, staged.tables, [entry])


def record(con: duckdb.DuckDBPyConnection, entry: ledger.LedgerEntry) -> None:
    """A ledger row on its own (duplicates and quarantined inputs)."""
    insert_staged(con, {}, [entry])
