"""Text-layer PDF -> ParsedDocument (pdfplumber for words and ruled tables, pypdfium2 to vet).

Reading order is rebuilt from word positions instead of the PDF's text runs: numbers are
often set in another font whose baseline sits a few points lower, so a plain extraction
puts "本年收入合计 万元" on one line and "2946.25" on the next. Here a word joins the line
it overlaps vertically by at least half its height, and words are ordered by x, so the
sentence reads "本年收入合计2946.25万元".

Tables: pdfplumber's ruled-table finder gives the grid (merged cells come back as empty
cells so every row keeps the header's columns); each cell's text is rebuilt from the words
whose centre lies in it, wrapped lines folded ("机关事业单位基本养老保险缴" + "费支出").
Two-lane tables keep both lanes as their own columns. A table at the top of a page with
the same number of columns as the table that ended the previous page is appended to it
(its cells keep their own page and bbox); ``meta["tables"]`` lists each table's pages.

Text outside tables becomes headings (numbered titles, larger font) and paragraphs
(new paragraph on first-line indent, a vertical gap, or a short previous line); a
paragraph cut by a page break continues on the next page.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass, field
from typing import Any

from ..model import Location, ParsedDocument
from .builder import CellSpec, DocBuilder, fold_lines
from .errors import QuarantineError
from .titles import looks_like_title

MAX_PAGES = 2000
MIN_TEXT_CHARS = 20  # fewer printable chars in the whole file -> treat as scanned

_TERMINAL = tuple("。！？；：:;!?）)")


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class _Line:
    words: list[_Word] = field(default_factory=list)
    top: float = 0.0  # band of the line's first (highest) word
    bottom: float = 0.0

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        """The font size most of the line's characters are set in."""
        weight: dict[float, int] = {}
        for w in self.words:
            weight[round(w.size, 1)] = weight.get(round(w.size, 1), 0) + len(w.text)
        return max(weight.items(), key=lambda kv: (kv[1], kv[0]))[0]

    @property
    def text(self) -> str:
        ws = sorted(self.words, key=lambda w: w.x0)
        out = ws[0].text
        for prev, w in zip(ws, ws[1:]):
            gap = w.x0 - prev.x1
            if gap > max(1.0, 0.15 * min(prev.size, w.size)) and not out.endswith(" "):
                out += " "
            out += w.text
        return out

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x0, min(w.top for w in self.words), self.x1, max(w.bottom for w in self.words))


def _group_lines(words: list[_Word]) -> list[_Line]:
    """Cluster words into lines by vertical overlap with each line's anchor band."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        best, best_ov = None, 0.0
        for ln in lines[-6:]:  # only recent lines can still overlap
            ov = min(ln.bottom, w.bottom) - max(ln.top, w.top)
            if ov >= 0.5 * min(w.height, ln.bottom - ln.top) and ov > best_ov:
                best, best_ov = ln, ov
        if best is None:
            lines.append(_Line([w], w.top, w.bottom))
        else:
            best.words.append(w)
    lines.sort(key=lambda ln: ln.top)
    return lines


def _union(boxes: list[tuple[float, float, float, float]]) -> tuple[float, float, float, float]:
    return (
        round(min(b[0] for b in boxes), 2),
        round(min(b[1] for b in boxes), 2),
        round(max(b[2] for b in boxes), 2),
        round(max(b[3] for b in boxes), 2),
    )


def _rbox(b: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


# -- items in reading order ---------------------------------------------------------------


@dataclass
class _TextItem:
    kind: str  # heading | paragraph
    lines: list[_Line]
    page: int
    bbox: tuple[float, float, float, float]

    @property
    def text(self) -> str:
        return fold_lines("\n".join(ln.text for ln in self.lines))


@dataclass
class _TableItem:
    rows: list[list[CellSpec]]
    page: int
    bbox: tuple[float, float, float, float]
    pages: list[int] = field(default_factory=list)
    top_of_page: bool = False
    ends_page: bool = False


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


def _page_words(page: Any) -> list[_Word]:
    raw = page.extract_words(extra_attrs=["size"], keep_blank_chars=False, use_text_flow=False)
    return [_Word(w["text"], w["x0"], w["x1"], w["top"], w["bottom"], float(w["size"])) for w in raw if w["text"].strip()]


def _inside(w: _Word, bbox: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = bbox
    return x0 <= w.cx <= x1 and top <= w.cy <= bottom


def _table_rows(table: Any, words: list[_Word], page_no: int) -> list[list[CellSpec]]:
    rows: list[list[CellSpec]] = []
    for row in table.rows:
        out: list[CellSpec] = []
        for cell in row.cells:
            if cell is None:
                out.append(CellSpec("", Location(page=page_no)))
                continue
            mine = [w for w in words if _inside(w, cell)]
            text = fold_lines("\n".join(ln.text for ln in _group_lines(mine))) if mine else ""
            out.append(CellSpec(text, Location(page=page_no, bbox=_rbox(cell))))
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


def _body_size(all_lines: list[_Line]) -> float:
    sizes = [round(w.size) for ln in all_lines for w in ln.words for _ in range(max(len(w.text), 1))]
    return float(statistics.mode(sizes)) if sizes else 12.0


def _is_heading(ln: _Line, body: float, right: float) -> bool:
    """Larger font, or a numbered title that does not run on to the right margin."""
    if ln.size >= body * 1.15:
        return True
    return looks_like_title(ln.text) and ln.x1 < right - 4 * ln.size


def _runs_on(prev: _Line, ln: _Line, right: float) -> bool:
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
    """A page split into ruled tables and the words outside them."""

    no: int
    tables: list[_TableItem]
    table_boxes: list[tuple[float, float, float, float]]
    free: list[_Word]


def _layout(page: Any, page_no: int, words: list[_Word]) -> _PageLayout:
    tables = _find_tables(page)
    boxes = [t.bbox for t in tables]
    items = [_TableItem(_table_rows(t, words, page_no), page_no, _rbox(t.bbox), [page_no]) for t in tables]
    free = [w for w in words if not any(_inside(w, b) for b in boxes)]
    return _PageLayout(page_no, items, boxes, free)


def _page_items(
    lay: _PageLayout, body: float
) -> tuple[list[_TextItem | _TableItem], tuple[float, float] | None]:
    """A page's tables and text items in reading order, plus its text margins (left, right)."""
    page_no, boxes = lay.no, lay.table_boxes
    items: list[tuple[float, _TextItem | _TableItem]] = [(t.bbox[1], t) for t in lay.tables]
    lines = _group_lines(lay.free)
    left = min((ln.x0 for ln in lines), default=0.0)
    right = max((ln.x1 for ln in lines), default=0.0)
    cur: _TextItem | None = None
    for ln in lines:
        heading = _is_heading(ln, body, right)
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
                and gap < 0.8 * ln.size
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
                cur.bbox = _union([cur.bbox, ln.bbox])
                continue
        cur = _TextItem("heading" if heading else "paragraph", [ln], page_no, _rbox(ln.bbox))
        items.append((ln.top, cur))
    items.sort(key=lambda it: it[0])
    out = [it for _, it in items]
    # position flags used to stitch tables and paragraphs across page breaks
    for i, it in enumerate(out):
        if isinstance(it, _TableItem):
            it.top_of_page = i == 0
            it.ends_page = i == len(out) - 1
    return out, ((left, right) if lines else None)


def _stitch(pages: list[list[_TextItem | _TableItem]], margins: list[tuple[float, float] | None]) -> list[_TextItem | _TableItem]:
    """Join page lists, appending continued tables and paragraphs to their start."""
    out: list[_TextItem | _TableItem] = []
    for p, items in enumerate(pages):
        for i, it in enumerate(items):
            prev = out[-1] if out else None
            if i == 0 and prev is not None and p > 0:
                if (
                    isinstance(it, _TableItem)
                    and isinstance(prev, _TableItem)
                    and prev.ends_page
                    and len(it.rows[0]) == len(prev.rows[0])
                ):
                    prev.rows.extend(it.rows)
                    prev.pages.append(it.page)
                    continue
                m = margins[p]
                if (
                    isinstance(it, _TextItem)
                    and isinstance(prev, _TextItem)
                    and it.kind == prev.kind == "paragraph"
                    and m is not None
                    and it.lines[0].x0 <= m[0] + 0.8 * it.lines[0].size
                    and not prev.text.endswith(_TERMINAL)
                ):
                    prev.lines.extend(it.lines)
                    continue
            out.append(it)
    return out


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
        page_words = [_page_words(p) for p in pdf.pages]
        n_chars = sum(len(w.text) for ws in page_words for w in ws)
        if n_chars < MIN_TEXT_CHARS:
            raise QuarantineError("scanned PDF: needs OCR (no text layer)")
        layouts = [_layout(p, no, ws) for no, (p, ws) in enumerate(zip(pdf.pages, page_words), start=1)]
        body = _body_size(_group_lines([w for lay in layouts for w in lay.free]))
        per_page, margins = [], []
        for lay in layouts:
            items_p, margin = _page_items(lay, body)
            per_page.append(items_p)
            margins.append(margin)
        empty_pages = [no for no, ws in enumerate(page_words, start=1) if not ws]
    items = _stitch(per_page, margins)
    b = DocBuilder("pdf")
    table_meta = []
    for it in items:
        if isinstance(it, _TableItem):
            blk = b.add_table(it.rows, Location(page=it.page, bbox=it.bbox))
            if blk is not None:
                table_meta.append({"table_no": blk.table_no, "pages": it.pages})
        else:
            b.add_text(it.kind, it.text, Location(page=it.page, bbox=it.bbox))
    meta: dict[str, Any] = {"tables": table_meta, "body_font_size": body}
    if empty_pages:
        meta["pages_without_text"] = empty_pages
    if encrypted:
        meta["encrypted_no_password"] = True
    return b.build(pages=n_pages, meta=meta)
