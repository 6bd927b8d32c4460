"""Bytes -> DocumentRows: parse, metadata, extraction and row building.

Runs inside the sandbox child (see loaders/sandbox.py); every failure becomes a
QuarantineError or a StageError naming the stage, which the sandbox turns into one line.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__
from .. import extract as extract_mod
from .. import formats
from ..extract import metadata as metadata_mod
from ..extract.disclosure import NOT_A_DISCLOSURE, quarantine_reason  # noqa: F401 (re-exported)
from ..config import text_samples
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
# a 预算 reaches the budget readers (tables, narratives) a 决算 never asks for
_WARM_UP_BUDGET = """某单位2024年部门预算
第二部分 2024年部门预算情况说明
一、收支预算总体情况说明
2024年收入预算合计120.50万元，支出预算合计120.50万元。与上年相比，收、支预算总计各增加10.20万元，增长9.25%。
二、财政拨款支出预算情况说明
2024年一般公共预算当年财政拨款支出120.50万元，其中：基本支出100.00万元，项目支出20.50万元。
三、“三公”经费预算情况说明
2024年“三公”经费预算数为3.00万元，其中：公务接待费1.00万元，公务用车运行维护费2.00万元。
收支预算总表
单位：万元
项目\t预算数\t项目\t预算数
一、一般公共预算拨款收入\t120.50\t一、一般公共服务支出\t120.50
本年收入合计\t120.50\t本年支出合计\t120.50
"""
_warm = False
_warm_lock = threading.Lock()


def warm_up_documents() -> list[tuple[str, bytes]]:
    """What ``warm_up`` prepares: the embedded demo corpus (``data/samples``: a 决算 exported as
    text with tab tables, one as markdown with its tables; absent from an installed package, then
    skipped), a tiny 决算 and a small 预算 with a table."""
    docs = []
    for p in text_samples():
        try:
            docs.append((p.name, p.read_bytes()))
        except OSError:
            pass
    return docs + [("warm-up.txt", _WARM_UP_TEXT.encode("utf-8")), ("warm-up-budget.txt", _WARM_UP_BUDGET.encode("utf-8"))]


def warm_up() -> None:
    """Import the parsers and prepare a few documents (``warm_up_documents``) in this process, as
    a load prepares them, so that the sandbox children forked from it start with the modules
    imported and the compile-once caches filled (lexicons and seeds read, patterns compiled).

    A child lives for one document and keeps nothing, so whatever it fills it fills again for the
    next: with only a three-line text warmed, a 35 KB text document cost a child about 3× its CPU
    (regexes compiled, seed CSVs read per document). Failures are ignored: the children will
    report them per document. Thread-safe; runs once per process."""
    global _warm
    with _warm_lock:
        if _warm:
            return
        _warm = True
        import importlib

        for name in _PRELOAD:
            try:
                importlib.import_module(name)
            except Exception:  # noqa: BLE001 - a parser that is missing or broken here fails per document
                pass
        loaded_at = datetime.now(timezone.utc).replace(tzinfo=None)
        for name, data in warm_up_documents():
            try:
                prepare_staged(data, name, "warm-up", loaded_at)
            except Exception:  # noqa: BLE001 - a document the children would fail on fails there
                pass


def extract_one(data: bytes, name: str) -> list[Fact]:
    """Facts of one document for `juesuan extract` (no metadata gate, no warehouse)."""
    return facts_of(parse(data, name))
