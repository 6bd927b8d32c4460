"""Text-layer PDF -> ParsedDocument (pages read by pdf_source: pypdfium2, pdfplumber as fallback).

Reading order is rebuilt from word positions (see pdf_words): numbers set in another font
on a lower baseline rejoin their sentence ("本年收入合计2946.25万元").

Per page:

* ruled tables: pdfplumber's grid; merged cells come back empty so every row keeps the
  header's columns; a cell's text is the words whose centre lies in it, wrapped lines
  folded; two-lane tables keep both lanes as columns;
* page furniture (pdf_furniture): running headers/footers and page numbers ("—5—",
  "第5页", "5/25") are left out of the text and listed in ``meta["furniture"]``;
* unruled tables (pdf_unruled): rows and columns found from word alignment, for tables
  drawn without (or with only horizontal) rules;
* the rest is headings (larger font, numbered titles that are not the first line of a
  wrapped paragraph) and paragraphs (new paragraph on first-line indent, a gap wider
  than the document's usual line gap, or a short previous line).

Across pages (pdf_stitch), a table at the top of a page continuing the table that ended the previous
page is appended to it (cells keep their own page and bbox; an unruled continuation
with fewer visible columns is placed on the first part's columns by x), and a paragraph
cut by the page break continues. ``meta["tables"]`` lists each table's pages and whether
it was ruled; ``meta["page_spans"]`` lists ``[page, char_start, char_end]`` so that
``doc.page_of(offset)`` answers the page a character is printed on, also inside a
paragraph or table that runs over a page break.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, field
from typing import Any

from ..gcpause import gc_paused
from ..model import Location, ParsedDocument
from .builder import CellSpec, DocBuilder, fold_lines
from .errors import QuarantineError
from .pdf_ocr import OcrPages, fill_image_pages  # OCR hook
from .pdf_furniture import Furniture, find_furniture
from .pdf_source import ENGINES, PageSource, SourceDoc, read_pages
from .pdf_stitch import TERMINAL, TableItem, TextItem, stitch, table_page_spans, text_page_spans
from .pdf_unruled import find_unruled_tables
from .pdf_words import Box, Line, Word, group_lines, inside, rbox, union
from .titles import looks_like_title

MAX_PAGES = 2000
MIN_TEXT_CHARS = 20  # fewer printable chars in the whole file -> treat as scanned


def _vet(data: bytes) -> int:
    """Open with pdfium first: clean errors for encrypted / corrupt files; returns pages."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg or "security" in msg:
            raise QuarantineError("encrypted PDF: a password is needed to open it")
        raise QuarantineError(f"corrupt PDF: {str(exc).splitlines()[0]}")
    try:
        n = len(doc)
    finally:
        doc.close()
    if n == 0:
        raise QuarantineError("corrupt PDF: no pages")
    if n > MAX_PAGES:
        raise QuarantineError(f"too many pages: {n} (limit {MAX_PAGES})")
    if not data.rstrip().endswith(b"%%EOF") and b"%%EOF" not in data[-2048:]:
        raise QuarantineError("corrupt PDF: truncated (no %%EOF trailer)")
    return n


def _table_rows(table: Any, words: list[Word], page_no: int) -> list[list[CellSpec]]:
    """A cell's text: the words whose centre lies in it (looked up by centre height)."""
    by_cy = sorted(range(len(words)), key=lambda i: words[i].cy)
    cys = [words[i].cy for i in by_cy]
    rows: list[list[CellSpec]] = []
    for row in table.rows:
        out: list[CellSpec] = []
        for cell in row.cells:
            if cell is None:
                out.append(CellSpec("", Location(page=page_no)))
                continue
            band = by_cy[bisect.bisect_left(cys, cell[1]) : bisect.bisect_right(cys, cell[3])]
            mine = [words[i] for i in sorted(band) if inside(words[i], cell)]
            text = fold_lines("\n".join(ln.text for ln in group_lines(mine))) if mine else ""
            out.append(CellSpec(text, Location(page=page_no, bbox=rbox(cell))))
        rows.append(out)
    return rows


def _body_size(all_lines: list[Line]) -> float:
    sizes = [round(w.size) for ln in all_lines for w in ln.words for _ in range(max(len(w.text), 1))]
    return float(statistics.mode(sizes)) if sizes else 12.0


def _line_gap(pages: list[list[Line]], body: float) -> float:
    """The usual white space between two lines of one body paragraph.

    Measured on line pairs that surely continue each other: the first fills the line to
    the right margin, the second starts at the left margin (no first-line indent).
    """
    gaps: list[float] = []
    for lines in pages:
        if len(lines) < 2:
            continue
        left = min(ln.x0 for ln in lines)
        right = max(ln.x1 for ln in lines)
        for prev, ln in zip(lines, lines[1:]):
            if abs(ln.size - body) >= 0.6 or abs(prev.size - body) >= 0.6:
                continue
            if prev.x1 >= right - 2.5 * body and ln.x0 <= left + 0.5 * body:
                gap = ln.top - prev.bottom
                if 0 <= gap < 2 * body:
                    gaps.append(gap)
    return statistics.median(gaps) if gaps else 0.0


def _is_heading(ln: Line, body: float, right: float, nxt: Line | None = None, max_gap: float = 0.0) -> bool:
    """Larger font, or a numbered title that is not the first line of a wrapped paragraph.

    A numbered title-like line that ends close to the right margin and is followed,
    without a paragraph gap, by a line that starts further left (the wrap of an indented
    first line) is a paragraph: "5、……（款）行政单位离退休" + "（项）。主要用于……".
    """
    if ln.size >= body * 1.15:
        return True
    if not looks_like_title(ln.text) or ln.x1 >= right - 1.5 * ln.size:
        return False
    if ln.x1 < right - 4 * ln.size or nxt is None:
        return True
    wraps = nxt.x0 < ln.x0 - 0.25 * ln.size and nxt.top - ln.bottom < max_gap and abs(nxt.size - ln.size) < 0.6
    return not wraps


def _runs_on(prev: Line, ln: Line, right: float) -> bool:
    """Did ``prev`` fill its line (so ``ln`` continues the sentence)?

    A line a few characters short counts as full unless it ends a sentence; it also counts when the first word of ``ln`` (a number or Latin word the
    typesetter would not split) could not have fitted in the space left on ``prev``.
    """
    room = right - prev.x1
    if room <= 2.5 * prev.size:
        return True
    if room <= 4 * prev.size and not prev.text.rstrip().endswith(TERMINAL):
        return True  # justified text broken before an unsplittable run or a 禁则 character
    first = min(ln.words, key=lambda w: w.x0)
    return first.text[:1].isascii() and first.text[:1].isalnum() and room < (first.x1 - first.x0) + prev.size


@dataclass
class _PageLayout:
    """A page split into tables (ruled and unruled) and the text lines outside them."""

    no: int
    tables: list[TableItem]
    table_boxes: list[Box]
    lines: list[Line]
    furniture: list[Furniture] = field(default_factory=list)


def _find_tables(page: PageSource) -> list[Any]:
    """The page's ruled tables (grids of its drawn lines, found by the page reader)."""
    return page.tables


def _ruled_layout(page: PageSource) -> tuple[list[TableItem], list[Box], list[Line]]:
    tables, page_no, words = _find_tables(page), page.no, page.words
    boxes = [t.bbox for t in tables]
    items = [TableItem(_table_rows(t, words, page_no), page_no, rbox(t.bbox), [page_no]) for t in tables]
    free = [w for w in words if not any(inside(w, b) for b in boxes)]
    return items, boxes, group_lines(free, page_no)


def _add_unruled(lay: _PageLayout) -> None:
    """Move the lines that form unruled tables out of the text and into tables."""
    found = find_unruled_tables(lay.lines, lay.no)
    if not found:
        return
    used = {id(ln) for t in found for ln in t.lines}
    lay.lines = [ln for ln in lay.lines if id(ln) not in used]
    for t in found:
        lay.tables.append(TableItem(t.rows, lay.no, t.bbox, [lay.no], ruled=False))
        lay.table_boxes.append(t.bbox)


def _page_items(
    lay: _PageLayout, body: float, line_gap: float
) -> tuple[list[TextItem | TableItem], tuple[float, float] | None]:
    """A page's tables and text items in reading order, plus its text margins (left, right)."""
    page_no, boxes = lay.no, lay.table_boxes
    items: list[tuple[float, TextItem | TableItem]] = [(t.bbox[1], t) for t in lay.tables]
    lines = lay.lines
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=0.0)
    cur: TextItem | None = None
    for i, ln in enumerate(lines):
        max_gap = max(0.8 * ln.size, 1.25 * line_gap + 1.0) if abs(ln.size - body) < 0.6 else 0.8 * ln.size
        heading = _is_heading(ln, body, right, lines[i + 1] if i + 1 < len(lines) else None, max_gap)
        if cur is not None:
            prev = cur.lines[-1]
            gap = ln.top - prev.bottom
            between_table = any(prev.bottom <= b[1] <= ln.top for b in boxes)
            same_heading = (
                cur.kind == "heading"
                and heading
                and abs(ln.size - prev.size) < 0.5
                and ln.size >= body * 1.15
                and not looks_like_title(ln.text)
            )
            continues = (
                not between_table
                and gap < max_gap
                and (
                    same_heading
                    or (
                        cur.kind == "paragraph"
                        and not heading
                        and ln.x0 <= left + 0.8 * ln.size
                        and _runs_on(prev, ln, right)
                    )
                )
            )
            if continues:
                cur.lines.append(ln)
                cur.bbox = union([cur.bbox, ln.bbox])
                continue
        cur = TextItem("heading" if heading else "paragraph", [ln], page_no, rbox(ln.bbox))
        items.append((ln.top, cur))
    items.sort(key=lambda it: it[0])
    out = [it for _, it in items]
    # position flags used to stitch tables and paragraphs across page breaks
    for i, it in enumerate(out):
        if isinstance(it, TableItem):
            it.top_of_page = i == 0
            it.ends_page = i == len(out) - 1
    return out, ((left, right) if lines else None)


def parse_pdf(data: bytes, engine: str = "pdfium") -> ParsedDocument:
    """``engine``: "pdfium" (fast; pages it cannot read fall back to pdfplumber, listed in
    ``meta["pdf_engine_fallback"]``) or "pdfplumber" (the reference path)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown PDF engine {engine!r} (one of {', '.join(ENGINES)})")
    n_pages = _vet(data)
    src = read_pages(data, engine)
    ocr = fill_image_pages(data, [p.words for p in src.pages], regions=[p.image_regions for p in src.pages])  # OCR hook (pdf_ocr): pages without a text layer
    n_chars = sum(len(w.text) for p in src.pages for w in p.words)
    if n_chars < MIN_TEXT_CHARS:
        raise QuarantineError("scanned PDF: needs OCR (no text layer)")
    return _document(src, ocr, n_pages)


@gc_paused  # the layout makes (almost) no reference cycles: see loaders/gcpause.py
def _document(src: SourceDoc, ocr: OcrPages, n_pages: int) -> ParsedDocument:
    """The document the pages' words and tables lay out into (after OCR)."""
    layouts = []
    for p in src.pages:
        tables, boxes, lines = _ruled_layout(p)
        layouts.append(_PageLayout(p.no, tables, boxes, lines))
    heights = [p.height for p in src.pages]
    empty_pages = [p.no for p in src.pages if not p.words]
    for lay, ids in zip(layouts, find_furniture([lay.lines for lay in layouts], heights)):
        lay.furniture = [Furniture(lay.no, ln.text, rbox(ln.bbox)) for ln in lay.lines if id(ln) in ids]
        lay.lines = [ln for ln in lay.lines if id(ln) not in ids]
    for lay in layouts:
        _add_unruled(lay)
    body = _body_size([ln for lay in layouts for ln in lay.lines])
    line_gap = _line_gap([lay.lines for lay in layouts], body)
    per_page, margins = [], []
    for lay in layouts:
        items_p, margin = _page_items(lay, body, line_gap)
        per_page.append(items_p)
        margins.append(margin)
    items = stitch(per_page, margins)
    b = DocBuilder("pdf")
    table_meta: list[dict[str, Any]] = []
    spans: list[list[int]] = []
    for it in items:
        if isinstance(it, TableItem):
            blk = b.add_table(it.rows, Location(page=it.page, bbox=it.bbox))
            if blk is not None:
                table_meta.append({"table_no": blk.table_no, "pages": it.pages, "ruled": it.ruled})
                spans.extend(table_page_spans(blk))
        else:
            blk = b.add_text(it.kind, it.text, Location(page=it.page, bbox=it.bbox))
            if blk is not None:
                spans.extend(text_page_spans(blk.location.char_start or 0, it))
    meta: dict[str, Any] = {"tables": table_meta, "body_font_size": body, "page_spans": spans}
    meta.update(ocr.meta())  # OCR hook: extraction text/mixed/ocr, OCR'd pages, boxes, time
    furniture = [{"page": f.page, "text": f.text, "bbox": f.bbox} for lay in layouts for f in lay.furniture]
    if furniture:
        meta["furniture"] = furniture
    if empty_pages:
        meta["pages_without_text"] = empty_pages
    if src.encrypted:
        meta["encrypted_no_password"] = True
    if src.fallback:
        meta["pdf_engine_fallback"] = src.fallback
    doc = b.build(pages=n_pages, meta=meta)
    return doc
