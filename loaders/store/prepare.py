"""Bytes -> DocumentRows: parse, metadata, extraction and row building.

Runs inside the sandbox child (see loaders/sandbox.py); every failure becomes a
QuarantineError or a StageError naming the stage, which the sandbox turns into one line.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .. import extract as extract_mod
from .. import formats
from ..extract import metadata as metadata_mod
from ..extract.disclosure import NOT_A_DISCLOSURE, quarantine_reason  # noqa: F401 (re-exported)
from ..formats.errors import QuarantineError
from ..model import Fact, ParsedDocument
from ..sandbox import StageError
from .rows import Rows, block_rows, clean_text, fact_rows

if TYPE_CHECKING:  # the writer loads DuckDB and pyarrow; `juesuan extract` needs neither
    from .write import DocumentRows, StagedDocument


def extractor_version() -> str:
    return str(getattr(extract_mod, "EXTRACTOR_VERSION", __version__))


def parse(data: bytes, name: str) -> ParsedDocument:
    try:
        return formats.parse_bytes(data, name)
    except (QuarantineError, StageError):
        raise
    except BaseException as e:  # noqa: BLE001
        raise StageError("parser", e) from e


def facts_of(doc: ParsedDocument) -> list[Fact]:
    try:
        from ..extract.ocr_verify import mark_ocr_facts

        return mark_ocr_facts(doc, extract_mod.extract_facts(doc))  # OCR'd facts: confidence + flag
    except BaseException as e:  # noqa: BLE001
        raise StageError("extractor", e) from e


def prepare_document(data: bytes, path: str, document_id: str, loaded_at) -> DocumentRows:
    """Everything to write for one document; QuarantineError when it must not be loaded."""
    from .write import DocumentRows  # DuckDB and pyarrow: only when loading

    name = Path(path).name
    doc = parse(data, name)
    try:
        meta = metadata_mod.document_metadata(doc)
    except BaseException as e:  # noqa: BLE001
        raise StageError("metadata", e) from e
    reason = quarantine_reason(doc, meta)  # README, news page, template with placeholder values
    if reason is not None:
        raise QuarantineError(reason)
    facts = facts_of(doc)
    try:
        blocks, cells = block_rows(document_id, doc)
        frows: Rows = fact_rows(document_id, doc, facts, extractor_version())
    except BaseException as e:  # noqa: BLE001
        raise StageError("row builder", e) from e
    document = {
        "document_id": document_id,
        "path": path,
        "file_name": name,
        "format": doc.format,
        "bytes": len(data),
        "pages": doc.pages,
        "encoding": doc.encoding,
        "title": clean_text(meta.title),
        "unit_name": clean_text(meta.unit_name),
        "fiscal_year": meta.fiscal_year,
        "doc_kind": meta.kind,
        "scope": meta.scope,
        "part": meta.part,
        "caliber": meta.caliber,
        "province": meta.province,
        "city": meta.city,
        "county": meta.county,
        "text_chars": len(doc.text),
        "part": getattr(meta, "part", None) or "whole",
        "published_on": getattr(meta, "published_on", None),
        "extraction": doc.meta.get("extraction") or "text",  # text / mixed / ocr
        "ocr_pages": len(doc.meta.get("ocr_pages") or []) or None,
        "ocr_seconds": doc.meta.get("ocr_seconds"),
        "loaded_at": loaded_at,
        "loader_version": __version__,
        "extractor_version": extractor_version(),
    }
    return DocumentRows(document=document, text=clean_text(doc.text) or "", blocks=blocks, cells=cells, facts=frows)


def prepare_staged(data: bytes, path: str, document_id: str, loaded_at) -> StagedDocument:
    """``prepare_document`` with the rows turned into Arrow tables here, in the worker."""
    rows = prepare_document(data, path, document_id, loaded_at)
    try:
        return rows.staged()
    except BaseException as e:  # noqa: BLE001
        raise StageError("row builder", e) from e


_PRELOAD = (
    "loaders.formats.text", "loaders.formats.html", "loaders.formats.pdf", "loaders.formats.pdf_pdfium",
    "loaders.formats.pdf_grid", "loaders.formats.docx",
    "loaders.formats.xlsx", "loaders.formats.doc", "loaders.extract.tables", "loaders.extract.prose",
    "pyarrow", "loaders.store.write",
)
_WARM_UP_TEXT = "某单位2023年度部门决算\n一、收入支出决算总体情况说明\n2023年度收、支总计100.00万元。\n"
_warm = False


def warm_up() -> None:
    """Import the parsers and run them once on a tiny fixed text in this process, so that
    forked sandbox children start with modules imported and caches filled (a child pays
    no import cost). Failures are ignored: the children will report them per document."""
    global _warm
    if _warm:
        return
    _warm = True
    import importlib

    for name in _PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a parser that is missing or broken here fails per document
            pass
    try:
        doc = formats.parse_bytes(_WARM_UP_TEXT.encode("utf-8"), "warm-up.txt")
        metadata_mod.document_metadata(doc)
        extract_mod.extract_facts(doc)
    except Exception:  # noqa: BLE001
        pass


def extract_one(data: bytes, name: str) -> list[Fact]:
    """Facts of one document for `juesuan extract` (no metadata gate, no warehouse)."""
    return facts_of(parse(data, name))
