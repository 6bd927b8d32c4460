"""Text-layer PDF -> ParsedDocument (pdfplumber for words and ruled tables, pypdfium2 to vet).

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

Across pages, a table at the top of a page continuing the table that ended the previous
page is appended to it (cells keep their own page and bbox; an unruled continuation
with fewer visible columns is placed on the first part's columns by x), and a paragraph
cut by the page break continues. ``meta["tables"]`` lists each table's pages and whether
it was ruled; ``meta["page_spans"]`` lists ``[page, char_start, char_end]`` so that
``doc.page_of(offset)`` answers the page a character is printed on, also inside a
paragraph or table that runs over a page break.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass, field
from typing import Any

from ..model import Location, ParsedDocument
from .builder import CellSpec, DocBuilder, fold_lines
from .errors import QuarantineError
from .pdf_ocr import fill_image_pages  # OCR hook
from .pdf_furniture import Furniture, find_furniture
from .pdf_unruled import find_unruled_tables
from .pdf_words import Box, Line, Word, group_lines, inside, page_words, rbox, union
from .titles import looks_like_title

MAX_PAGES = 2000
MIN_TEXT_CHARS = 20  # fewer printable chars in the whole file -> treat as scanned

_TERMINAL = tuple("。！？；：:;!?）)")


# -- items in reading order ---------------------------------------------------------------


@dataclass
class _TextItem:
    kind: str  # heading | paragraph
    lines: list[Line]
    page: int
    bbox: Box

    @property
    def text(self) -> str:
        return fold_lines("\n".join(ln.text for ln in self.lines))

    def page_parts(self) -> list[tuple[int, str]]:
        """(page, folded text) of each page the item runs over, in order."""
        parts: list[tuple[int, list[Line]]] = []
        for ln in self.lines:
            if parts and parts[-1][0] == ln.page:
                parts[-1][1].append(ln)
            else:
                parts.append((ln.page, [ln]))
        return [(p, fold_lines("\n".join(ln.text for ln in lns))) for p, lns in parts]


@dataclass
class _TableItem:
    rows: list[list[CellSpec]]
    page: int
    bbox: Box
    pages: list[int] = field(default_factory=list)
    top_of_page: bool = False
    ends_page: bool = False
    ruled: bool = True


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
    rows: list[list[CellSpec]] = []
    for row in table.rows:
        out: list[CellSpec] = []
        for cell in row.cells:
            if cell is None:
                out.append(CellSpec("", Location(page=page_no)))
                continue
            mine = [w for w in words if inside(w, cell)]
            text = fold_lines("\n".join(ln.text for ln in group_lines(mine))) if mine else ""
            out.append(CellSpec(text, Location(page=page_no, bbox=rbox(cell))))
        rows.append(out)
    return rows


def _find_tables(page: Any) -> list[Any]:
    if not (page.lines or page.rects or page.curves):
        return []
    tables = page.find_tables()
    good = []
    for t in tables:
        rows = t.rows
        if len(rows) >= 2 and max(len(r.cells) for r in rows) >= 2:
            good.append(t)
    return good


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
    if room <= 4 * prev.size and not prev.text.rstrip().endswith(_TERMINAL):
        return True  # justified text broken before an unsplittable run or a 禁则 character
    first = min(ln.words, key=lambda w: w.x0)
    return first.text[:1].isascii() and first.text[:1].isalnum() and room < (first.x1 - first.x0) + prev.size


@dataclass
class _PageLayout:
    """A page split into tables (ruled and unruled) and the text lines outside them."""

    no: int
    tables: list[_TableItem]
    table_boxes: list[Box]
    lines: list[Line]
    furniture: list[Furniture] = field(default_factory=list)


def _ruled_layout(page: Any, page_no: int, words: list[Word]) -> tuple[list[_TableItem], list[Box], list[Line]]:
    tables = _find_tables(page)
    boxes = [t.bbox for t in tables]
    items = [_TableItem(_table_rows(t, words, page_no), page_no, rbox(t.bbox), [page_no]) for t in tables]
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
        lay.tables.append(_TableItem(t.rows, lay.no, t.bbox, [lay.no], ruled=False))
        lay.table_boxes.append(t.bbox)


def _page_items(
    lay: _PageLayout, body: float, line_gap: float
) -> tuple[list[_TextItem | _TableItem], tuple[float, float] | None]:
    """A page's tables and text items in reading order, plus its text margins (left, right)."""
    page_no, boxes = lay.no, lay.table_boxes
    items: list[tuple[float, _TextItem | _TableItem]] = [(t.bbox[1], t) for t in lay.tables]
    lines = lay.lines
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=0.0)
    cur: _TextItem | None = None
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
        cur = _TextItem("heading" if heading else "paragraph", [ln], page_no, rbox(ln.bbox))
        items.append((ln.top, cur))
    items.sort(key=lambda it: it[0])
    out = [it for _, it in items]
    # position flags used to stitch tables and paragraphs across page breaks
    for i, it in enumerate(out):
        if isinstance(it, _TableItem):
            it.top_of_page = i == 0
            it.ends_page = i == len(out) - 1
    return out, ((left, right) if lines else None)


def _regrid(it: _TableItem, prev: _TableItem) -> list[list[CellSpec]] | None:
    """An unruled table continued on the next page with fewer columns (columns empty on
    that page are not seen there): its cells placed on the previous part's columns by x,
    or None when they do not fit one-to-one."""
    if it.ruled or prev.ruled or len(it.rows[0]) >= len(prev.rows[0]):
        return None
    width = len(prev.rows[0])
    spans: list[tuple[float, float] | None] = []
    for c in range(width):
        boxes = [r[c].location.bbox for r in prev.rows if c < len(r) and r[c].location.bbox]
        spans.append((min(b[0] for b in boxes), max(b[2] for b in boxes)) if boxes else None)
    target: dict[int, int] = {}
    for c in range(len(it.rows[0])):
        boxes = [r[c].location.bbox for r in it.rows if r[c].location.bbox]
        if not boxes:
            return None
        a, b = min(x[0] for x in boxes), max(x[2] for x in boxes)
        hits = [i for i, sp in enumerate(spans) if sp is not None and min(b, sp[1]) - max(a, sp[0]) > 0]
        if len(hits) != 1 or hits[0] in target.values():
            return None
        target[c] = hits[0]
    if list(target.values()) != sorted(target.values()):
        return None
    out = []
    for r in it.rows:
        row = [CellSpec("", Location(page=it.page)) for _ in range(width)]
        for c, cell in enumerate(r):
            row[target[c]] = cell
        out.append(row)
    return out


def _continues_over_break(
    prev: _TextItem, it: _TextItem, prev_margin: tuple[float, float] | None, margin: tuple[float, float] | None
) -> bool:
    """Does paragraph ``it`` (first on its page) continue ``prev`` (last on the page before)?

    Its first line starts at the left margin (no first-line indent), and ``prev`` either
    does not end a sentence or its last line runs to the right margin (a line that ends
    in "）" or "：" exactly at the margin is cut mid-sentence).
    """
    if margin is None or it.lines[0].x0 > margin[0] + 0.8 * it.lines[0].size:
        return False
    text = prev.text
    if not text.endswith(_TERMINAL):
        return True
    last = prev.lines[-1]
    return (
        prev_margin is not None
        and not text.endswith(tuple("。！？!?"))
        and prev_margin[1] - last.x1 <= 2.5 * last.size
    )


def _stitch(pages: list[list[_TextItem | _TableItem]], margins: list[tuple[float, float] | None]) -> list[_TextItem | _TableItem]:
    """Join page lists, appending continued tables and paragraphs to their start."""
    out: list[_TextItem | _TableItem] = []
    for p, items in enumerate(pages):
        for i, it in enumerate(items):
            prev = out[-1] if out else None
            if i == 0 and prev is not None and p > 0:
                if isinstance(it, _TableItem) and isinstance(prev, _TableItem) and prev.ends_page:
                    rows = it.rows if len(it.rows[0]) == len(prev.rows[0]) else _regrid(it, prev)
                    if rows is not None:
                        prev.rows.extend(rows)
                        prev.pages.append(it.page)
                        continue
                if (
                    isinstance(it, _TextItem)
                    and isinstance(prev, _TextItem)
                    and it.kind == prev.kind == "paragraph"
                    and _continues_over_break(prev, it, margins[p - 1], margins[p])
                ):
                    prev.lines.extend(it.lines)
                    continue
            out.append(it)
    return out


def _text_page_spans(start: int, item: _TextItem) -> list[list[int]]:
    """[page, char_start, char_end] for each page a text block runs over."""
    full = item.text
    spans: list[list[int]] = []
    pos = 0
    for page, part in item.page_parts():
        at = full.find(part, pos) if part else -1
        if at < 0:  # cannot happen with fold_lines; keep the block's first page then
            return [[item.page, start, start + len(full)]]
        spans.append([page, start + at, start + at + len(part)])
        pos = at + len(part)
    return spans


def _table_page_spans(blk: Any) -> list[list[int]]:
    spans: list[list[int]] = []
    for row in blk.rows:
        page = next((c.location.page for c in row if c.location.page is not None), blk.location.page)
        s, e = row[0].location.char_start, row[-1].location.char_end
        if spans and spans[-1][0] == page:
            spans[-1][2] = e
        else:
            spans.append([page, s, e])
    return spans


def parse_pdf(data: bytes) -> ParsedDocument:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    n_pages = _vet(data)
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise QuarantineError("encrypted PDF: a password is needed to open it")
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types for broken files
        raise QuarantineError(f"corrupt PDF: {type(exc).__name__}: {' '.join(str(exc).split())[:150]}")
    with pdf:
        encrypted = bool(getattr(pdf.doc, "encryption", None))
        all_words = [page_words(p) for p in pdf.pages]
        ocr = fill_image_pages(data, all_words)  # OCR hook (pdf_ocr): pages without a text layer
        n_chars = sum(len(w.text) for ws in all_words for w in ws)
        if n_chars < MIN_TEXT_CHARS:
            raise QuarantineError("scanned PDF: needs OCR (no text layer)")
        layouts = []
        for no, (p, ws) in enumerate(zip(pdf.pages, all_words), start=1):
            tables, boxes, lines = _ruled_layout(p, no, ws)
            layouts.append(_PageLayout(no, tables, boxes, lines))
        heights = [float(p.height) for p in pdf.pages]
        empty_pages = [no for no, ws in enumerate(all_words, start=1) if not ws]
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
    items = _stitch(per_page, margins)
    b = DocBuilder("pdf")
    table_meta: list[dict[str, Any]] = []
    spans: list[list[int]] = []
    for it in items:
        if isinstance(it, _TableItem):
            blk = b.add_table(it.rows, Location(page=it.page, bbox=it.bbox))
            if blk is not None:
                table_meta.append({"table_no": blk.table_no, "pages": it.pages, "ruled": it.ruled})
                spans.extend(_table_page_spans(blk))
        else:
            blk = b.add_text(it.kind, it.text, Location(page=it.page, bbox=it.bbox))
            if blk is not None:
                spans.extend(_text_page_spans(blk.location.char_start or 0, it))
    meta: dict[str, Any] = {"tables": table_meta, "body_font_size": body, "page_spans": spans}
    meta.update(ocr.meta(n_pages))  # OCR hook: extraction text/mixed/ocr, OCR'd pages, boxes, time
    furniture = [{"page": f.page, "text": f.text, "bbox": f.bbox} for lay in layouts for f in lay.furniture]
    if furniture:
        meta["furniture"] = furniture
    if empty_pages:
        meta["pages_without_text"] = empty_pages
    if encrypted:
        meta["encrypted_no_password"] = True
    doc = b.build(pages=n_pages, meta=meta)
    return doc
