"""The two readers of a PDF's pages: words and ruled-table candidates per page.

* ``pdfium`` (the default, fast): characters and drawn edges from pypdfium2
  (pdf_pdfium); words are grouped from the characters as pdfplumber's ``WordExtractor``
  groups them (``words_of_chars``) and ruled tables found from the edges with pdfplumber's
  ``TableFinder`` (pdf_grid) — pure Python over the dicts, no pdfminer — so both readers
  hand the layout code the same structures.
* ``pdfplumber``: pdfminer interprets each page (about ten times slower). Used for the
  pages pdfium cannot read (each one listed with its reason) and as the reference path.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from ..gcpause import gc_paused
from .errors import QuarantineError
from .pdf_words import Box, Word

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
    image_regions: list[Box] | None = None  # image regions to OCR (pdf_ocr.image_regions); None: not read


@dataclass
class SourceDoc:
    pages: list[PageSource]
    encrypted: bool = False
    fallback: list[dict[str, Any]] = field(default_factory=list)  # [{page, reason}]


def _word(w: dict[str, Any]) -> Word:
    return Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"]))


def plumber_words(chars: list[dict[str, Any]]) -> list[Word]:
    """pdfplumber's ``extract_words`` (our settings) on pdfplumber-style character dicts."""
    from pdfplumber.utils.text import WordExtractor

    raw = WordExtractor(**_WORD_SETTINGS).extract_words(chars)
    return [_word(w) for w in raw if w["text"].strip()]


def words_of_chars(chars: list[dict[str, Any]]) -> list[Word]:
    """The same words as ``plumber_words``, by the same steps written for upright text.

    Runs of characters in content order with one font size; in each run, lines are the
    clusters of ``top`` values (each within 3 pt of the previous one); in each line, by x,
    a word ends at a blank, or where the next character starts left of the previous one,
    more than 3 pt right of its end, or more than 3 pt above or below it. Runs of rotated
    characters go to pdfplumber's own code.
    """
    from pdfplumber.utils.text import LIGATURES

    tol = 3.0  # pdfplumber's x_tolerance and y_tolerance
    out: list[Word] = []
    for (upright, _size), group in groupby(chars, key=itemgetter("upright", "size")):
        run = list(group)
        if not upright:
            out.extend(plumber_words(run))
            continue
        cluster: dict[float, int] = {}
        last: float | None = None
        for t in sorted({c["top"] for c in run}):
            cluster[t] = len(cluster) if last is None or t > last + tol else cluster[last]
            last = t
        lines: dict[int, list[dict[str, Any]]] = {}
        for c in run:
            lines.setdefault(cluster[c["top"]], []).append(c)
        for key in sorted(lines):
            word: list[dict[str, Any]] = []
            for c in sorted(lines[key], key=itemgetter("x0")):
                if c["text"].isspace():
                    _flush(word, out, LIGATURES)
                    word = []
                    continue
                if word:
                    prev = word[-1]
                    if c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + tol or abs(c["top"] - prev["top"]) > tol:
                        _flush(word, out, LIGATURES)
                        word = []
                word.append(c)
            _flush(word, out, LIGATURES)
    return out


def _flush(word: list[dict[str, Any]], out: list[Word], ligatures: dict[str, str]) -> None:
    if not word:
        return
    text = "".join(ligatures.get(c["text"], c["text"]) for c in word)
    if text.strip():
        out.append(Word(text, min(c["x0"] for c in word), max(c["x1"] for c in word),
                        min(c["top"] for c in word), max(c["bottom"] for c in word), float(word[0]["size"])))


def _good_tables(tables: list[Any]) -> list[Any]:
    return [t for t in tables if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]


def _pdfium_page(doc: Any, index: int, images: bool = False) -> PageSource:
    from .pdf_grid import find_tables
    from .pdf_pdfium import read_page

    page = read_page(doc, index, images)
    tables = _good_tables(find_tables(page.edges, page.bbox))
    return PageSource(page.no, page.height, words_of_chars(page.chars), tables, page.image_regions)


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


@gc_paused  # pdfium's pages make (almost) no reference cycles, pdfplumber's do: see loaders/gcpause.py
def _pdfium_pages(doc: Any, images: bool) -> tuple[list[PageSource | None], list[dict[str, Any]]]:
    """Every page of the open document read by pdfium (None for one it cannot read, with the
    reason in the second list). ``images``: the file holds images (else fill_image_pages never
    asks for image regions, or looks itself)."""
    from .pdf_pdfium import PageUnreadable

    pages: list[PageSource | None] = []
    fallback: list[dict[str, Any]] = []
    for i in range(len(doc)):
        try:
            pages.append(_pdfium_page(doc, i, images))
        except PageUnreadable as exc:
            pages.append(None)
            fallback.append({"page": i + 1, "reason": str(exc)})
        except Exception as exc:  # noqa: BLE001 - any surprise on one page: read it the slow way
            pages.append(None)
            fallback.append({"page": i + 1, "reason": f"pdfium: {type(exc).__name__}: {' '.join(str(exc).split())[:150]}"})
    return pages, fallback


def _pdfium_doc(data: bytes) -> SourceDoc:
    import pypdfium2 as pdfium
    import pypdfium2.raw as R

    doc = pdfium.PdfDocument(data)
    try:
        encrypted = R.FPDF_GetSecurityHandlerRevision(doc.raw) != -1
        pages, fallback = _pdfium_pages(doc, b"/Image" in data)
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
