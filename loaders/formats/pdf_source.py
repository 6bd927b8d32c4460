"""The two readers of a PDF's pages: words and ruled-table candidates per page.

* ``pdfium`` (the default, fast): characters and drawn edges from pypdfium2
  (pdf_pdfium); words are grouped from the characters and ruled tables found from the
  edges with pdfplumber's own geometry (``WordExtractor``; ``TableFinder`` in pdf_grid) —
  pure Python over the dicts, no pdfminer — so both readers hand the layout code the same
  structures.
* ``pdfplumber``: pdfminer interprets each page (about ten times slower). Used for the
  pages pdfium cannot read (each one listed with its reason) and as the reference path.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from .errors import QuarantineError
from .pdf_words import Word

ENGINES = ("pdfium", "pdfplumber")
# pdfplumber's page.extract_words defaults, with the font size kept (a word never mixes sizes)
_WORD_SETTINGS: dict[str, Any] = {"extra_attrs": ["size"], "keep_blank_chars": False, "use_text_flow": False}


@dataclass
class PageSource:
    """What the layout code needs of one page."""

    no: int
    height: float
    words: list[Word]
    tables: list[Any]  # pdfplumber Table objects: .bbox, .rows[i].cells (bbox or None)


@dataclass
class SourceDoc:
    pages: list[PageSource]
    encrypted: bool = False
    fallback: list[dict[str, Any]] = field(default_factory=list)  # [{page, reason}]


def _word(w: dict[str, Any]) -> Word:
    return Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]))


def words_of_chars(chars: list[dict[str, Any]]) -> list[Word]:
    from pdfplumber.utils.text import WordExtractor

    raw = WordExtractor(**_WORD_SETTINGS).extract_words(chars)
    return [_word(w) for w in raw if w["text"].strip()]


def _good_tables(tables: list[Any]) -> list[Any]:
    return [t for t in tables if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]


def _pdfium_page(doc: Any, index: int) -> PageSource:
    from .pdf_grid import find_tables
    from .pdf_pdfium import read_page

    page = read_page(doc, index)
    tables = _good_tables(find_tables(page.edges, page.bbox))
    return PageSource(page.no, page.height, words_of_chars(page.chars), tables)


def _plumber_page(page: Any, no: int) -> PageSource:
    words = [_word(w) for w in page.extract_words(**_WORD_SETTINGS) if w["text"].strip()]
    graphics = page.lines or page.rects or page.curves
    return PageSource(no, float(page.height), words, _good_tables(page.find_tables()) if graphics else [])


def _open_plumber(data: bytes) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise QuarantineError("encrypted PDF: a password is needed to open it")
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types for broken files
        raise QuarantineError(f"corrupt PDF: {type(exc).__name__}: {' '.join(str(exc).split())[:150]}")


def _plumber_doc(data: bytes, only: set[int] | None = None) -> SourceDoc:
    with _open_plumber(data) as pdf:
        pages = [_plumber_page(p, no) for no, p in enumerate(pdf.pages, start=1) if only is None or no in only]
        return SourceDoc(pages, encrypted=bool(getattr(pdf.doc, "encryption", None)))


def _pdfium_doc(data: bytes) -> SourceDoc:
    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    from .pdf_pdfium import PageUnreadable

    doc = pdfium.PdfDocument(data)
    try:
        encrypted = R.FPDF_GetSecurityHandlerRevision(doc.raw) != -1
        pages: list[PageSource | None] = []
        fallback: list[dict[str, Any]] = []
        for i in range(len(doc)):
            try:
                pages.append(_pdfium_page(doc, i))
            except PageUnreadable as exc:
                pages.append(None)
                fallback.append({"page": i + 1, "reason": str(exc)})
            except Exception as exc:  # noqa: BLE001 - any surprise on one page: read it the slow way
                pages.append(None)
                fallback.append({"page": i + 1, "reason": f"pdfium: {type(exc).__name__}: {' '.join(str(exc).split())[:150]}"})
    finally:
        doc.close()
    if fallback:
        slow = {p.no: p for p in _plumber_doc(data, {f["page"] for f in fallback}).pages}
        pages = [p if p is not None else slow[i + 1] for i, p in enumerate(pages)]
    return SourceDoc([p for p in pages if p is not None], encrypted, fallback)


def read_pages(data: bytes, engine: str = "pdfium") -> SourceDoc:
    """Words and ruled-table candidates of every page, read with ``engine``."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (one of {', '.join(ENGINES)})")
    return _pdfium_doc(data) if engine == "pdfium" else _plumber_doc(data)
