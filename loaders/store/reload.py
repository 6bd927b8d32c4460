"""`juesuan reload --stale`: re-extract documents loaded by another extractor version.

Loads skip bytes seen before, so a warehouse keeps the facts of the extractor that first read
each document. ``raw.documents.extractor_version`` records that version
(``loaders.extract.EXTRACTOR_VERSION`` at load; NULL for documents loaded before it was
recorded); a document whose version differs from the running one is *stale*.

Per stale document: its bytes come from the original file (``raw.documents.path``) when that
file still has the same sha256; else from its stored text (``raw.document_texts``) parsed as a
plain-text document — which keeps every sentence but loses PDF pages and ruled tables, so for
non-text formats it is only done with ``allow_text=True``. The document is then prepared
exactly as ``juesuan load`` prepares it (sandboxed parse, metadata, extraction) and ALL its
raw rows (document, text, blocks, cells, facts) are replaced in ONE transaction: a failure
leaves the old rows untouched, and facts are replaced, never duplicated. No ledger row is
written (the ledger records load runs of input files; a reload is not one).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..sandbox import DEFAULT_MEMORY_BYTES, DEFAULT_TIMEOUT_S, describe_exception, one_line, run_isolated
from . import ledger
from .prepare import extractor_version, prepare_document, warm_up
from .warehouse import WaitCallback, print_to_stderr, working_copy
from .write import DOCUMENT_COLUMNS, DocumentRows, insert_rows

TEXT_FORMATS = ("txt", "md")
RAW_TABLES = ("raw.facts", "raw.table_cells", "raw.blocks", "raw.document_texts", "raw.documents")

FROM_FILE = "file"
FROM_TEXT = "stored text"


@dataclass
class StaleDocument:
    document_id: str
    path: str
    file_name: str
    format: str
    extractor_version: str | None


@dataclass
class ReloadResult:
    document: StaleDocument
    ok: bool
    source: str | None = None  # FROM_FILE / FROM_TEXT
    facts_before: int = 0
    facts_after: int = 0
    reason: str | None = None


def stale_documents(con: duckdb.DuckDBPyConnection, version: str | None = None) -> list[StaleDocument]:
    """Documents whose extractor version is not ``version`` (default: the running one)."""
    version = version or extractor_version()
    rows = con.execute(
        "SELECT document_id, path, file_name, format, extractor_version FROM raw.documents "
        "WHERE extractor_version IS DISTINCT FROM ? ORDER BY loaded_at, document_id",
        [version],
    ).fetchall()
    return [StaleDocument(*r) for r in rows]


def _original_bytes(doc: StaleDocument) -> bytes | None:
    """The original file's bytes when it is still there with the same sha256."""
    try:
        data = Path(doc.path).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == doc.document_id else None


def _stored_text(con: duckdb.DuckDBPyConnection, document_id: str) -> str | None:
    row = con.execute("SELECT text FROM raw.document_texts WHERE document_id = ?", [document_id]).fetchone()
    return row[0] if row else None


def replace_document(con: duckdb.DuckDBPyConnection, rows: DocumentRows) -> None:
    """Delete every raw row of the document and insert the new ones, atomically."""
    con.begin()
    try:
        for table in RAW_TABLES:
            con.execute(f"DELETE FROM {table} WHERE document_id = ?", [rows.document_id])
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
        con.commit()
    except BaseException:
        con.rollback()
        raise


def reload_one(con: duckdb.DuckDBPyConnection, doc: StaleDocument, allow_text: bool = False,
               timeout_s: float = DEFAULT_TIMEOUT_S, memory_bytes: int | None = DEFAULT_MEMORY_BYTES) -> ReloadResult:
    (before,) = con.execute("SELECT count(*) FROM raw.facts WHERE document_id = ?", [doc.document_id]).fetchone()
    result = ReloadResult(document=doc, ok=False, facts_before=before)
    data = _original_bytes(doc)
    name = doc.path
    if data is not None:
        result.source = FROM_FILE
    else:
        if doc.format not in TEXT_FORMATS and not allow_text:
            result.reason = (f"original file missing or changed ({doc.path}); re-extracting a {doc.format} from its "
                             "stored text loses pages and tables (allow it with --from-text)")
            return result
        text = _stored_text(con, doc.document_id)
        if text is None:
            result.reason = "original file missing or changed and no stored text"
            return result
        data, name, result.source = text.encode("utf-8"), f"{doc.path}.txt", FROM_TEXT
    res = run_isolated(prepare_document, data, name, doc.document_id, ledger.now(),
                       timeout_s=timeout_s, memory_bytes=memory_bytes)
    if not res.ok:
        result.reason = res.error
        return result
    rows: DocumentRows = res.value
    if result.source == FROM_TEXT:  # the document is still the file first loaded, not a .txt
        rows.document.update(path=doc.path, file_name=doc.file_name, format=doc.format)
    try:
        replace_document(con, rows)
    except Exception as e:  # noqa: BLE001 - rolled back: the old rows stay
        result.reason = one_line(f"store failed: {describe_exception(e)}")
        return result
    result.ok, result.facts_after = True, len(rows.facts)
    return result


def reload_stale(db_path: Path, allow_text: bool = False, timeout_s: float = DEFAULT_TIMEOUT_S,
                 memory_bytes: int | None = DEFAULT_MEMORY_BYTES,
                 on_wait: WaitCallback | None = print_to_stderr) -> list[ReloadResult]:
    """Re-extract every stale document of the warehouse at ``db_path`` (published at the end)."""
    warm_up()
    results: list[ReloadResult] = []
    with working_copy(Path(db_path), on_wait=on_wait) as wc:
        con = wc.connect()
        for doc in stale_documents(con):
            results.append(reload_one(con, doc, allow_text=allow_text, timeout_s=timeout_s,
                                      memory_bytes=memory_bytes))
    return results
