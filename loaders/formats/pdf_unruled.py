"""Tables without ruling lines, found from how words line up (PDF).

Many published 决算 PDFs (Word exports, other provinces) draw no grid, or only a top and
bottom rule. Their text would otherwise read as paragraphs of numbers. Here:

* a line's words split into *segments* where the horizontal gap is at least
  ``SEGMENT_GAP`` em (a sentence has no such gaps; letter-spaced words stay together);
* a run of consecutive lines with two or more segments (short one-segment lines inside
  it allowed: wrapped labels, 小计 rows, header fragments) is a candidate region;
* columns are the x ranges that the region's segments cover, separated by vertical
  whitespace "rivers" that (almost) no segment crosses — right-aligned numbers of any
  width share their column, a centred header sits over its column;
* every line is a row; a label-only line tight against a row whose cell in that column
  it continues (a wrapped label) is folded into that row.

A region becomes a table only when most of its rows fill two or more columns. Cells keep
their page and the bbox of their words.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from ..model import Location
from .builder import CellSpec, fold_lines
from .pdf_words import Box, Line, Word, join_words, rbox, union

SEGMENT_GAP = 1.0  # em: a wider gap between two words of a line separates two cells
MAX_ROW_GAP = 2.2  # em: a wider vertical gap ends a region
MIN_ROWS = 3  # multi-segment lines a table needs (2 when both have 3+ segments)
MIN_FILLED_SHARE = 0.6  # share of multi-segment lines that must fill 2+ columns
FRAGMENT_WIDTH = 0.45  # a one-segment line inside a region is at most this share of its width

_NUMERIC = re.compile(r"^[-+−]?(?:\d[\d,，]*(?:\.\d+)?|\.\d+)%?$|^[-—–]{1,2}$")


def is_numeric(text: str) -> bool:
    return bool(_NUMERIC.match(text.replace(" ", "")))


@dataclass
class UnruledTable:
    rows: list[list[CellSpec]]
    bbox: Box
    lines: list[Line]


def segments(ln: Line) -> list[list[Word]]:
    ws = sorted(ln.words, key=lambda w: w.x0)
    out = [[ws[0]]]
    for prev, w in zip(ws, ws[1:]):
        if w.x0 - prev.x1 >= SEGMENT_GAP * min(prev.size, w.size):
            out.append([w])
        else:
            out[-1].append(w)
    return out


def _span(seg: list[Word]) -> tuple[float, float]:
    return min(w.x0 for w in seg), max(w.x1 for w in seg)


def _merge_spans(spans: list[tuple[float, float]], pad: float = 0.0) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1] + pad:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _columns(segs_by_line: list[list[list[Word]]]) -> list[tuple[float, float]]:
    """X ranges of the columns.

    Body rows (lines with a number and two or more segments) never have ink that crosses
    from one cell into the next, so their ink, merged, gives the columns. Other lines'
    segments (header cells, sparse columns that only have a header) that fall in the
    white space between those columns make columns of their own; a header cell that
    spans several columns joins the first of them (see ``_col_of``).
    """
    multi = [segs for segs in segs_by_line if len(segs) >= 2]
    body = [segs for segs in multi if any(is_numeric(join_words(sg)) for sg in segs)]
    base = body if len(body) >= 2 else multi
    if not base:
        return []
    base_ids = {id(segs) for segs in base}
    cols = _merge_spans([_span(sg) for segs in base for sg in segs])
    size = statistics.median(w.size for segs in base for sg in segs for w in sg)
    extra = []
    for segs in segs_by_line:
        if id(segs) in base_ids:
            continue
        for sg in segs:
            a, b = _span(sg)
            if not any(min(b, c1) - max(a, c0) > -0.3 * size for c0, c1 in cols):
                extra.append((a, b))
    if extra:
        cols = sorted(cols + _merge_spans(extra, pad=0.3 * size))
    return cols


def _col_of(span: tuple[float, float], cols: list[tuple[float, float]]) -> int:
    """The column a segment belongs to: the one it overlaps most; a segment over several
    columns (a spanning header cell) goes to the first of them, like a merged cell."""
    a, b = span
    over = [i for i, (c0, c1) in enumerate(cols) if min(b, c1) - max(a, c0) > 0]
    if len(over) >= 2:
        width = b - a
        big = [i for i in over if min(b, cols[i][1]) - max(a, cols[i][0]) >= 0.2 * width]
        return big[0] if big else over[0]
    if over:
        return over[0]
    return min(range(len(cols)), key=lambda i: min(abs(a - cols[i][1]), abs(b - cols[i][0]), abs(a - cols[i][0])))


@dataclass
class _Row:
    cells: list[list[Word]]
    top: float
    bottom: float
    lines: list[Line]

    def texts(self) -> list[str]:
        return [join_words(ws) if ws else "" for ws in self.cells]

    def filled(self) -> list[int]:
        return [i for i, ws in enumerate(self.cells) if ws]

    def numeric(self) -> bool:
        return any(is_numeric(t) for t in self.texts() if t)


def _assign(ln: Line, cols: list[tuple[float, float]]) -> _Row:
    cells: list[list[Word]] = [[] for _ in cols]
    for seg in segments(ln):
        cells[_col_of(_span(seg), cols)].extend(seg)
    return _Row(cells, ln.top, ln.bottom, [ln])


def _merge(into: _Row, other: _Row, above: bool) -> None:
    for i, ws in enumerate(other.cells):
        into.cells[i] = ws + into.cells[i] if above else into.cells[i] + ws
    into.top, into.bottom = min(into.top, other.top), max(into.bottom, other.bottom)
    into.lines = other.lines + into.lines if above else into.lines + other.lines


def _fold_wrapped(rows: list[_Row], size: float) -> list[_Row]:
    """Fold lines that are parts of one row.

    * two lines that overlap vertically and fill different columns are one row whose
      cells sit on different baselines (a label vertically centred, numbers not);
    * a label-only line tight against a row is the wrapped part of that row's label: it
      joins the row it is closer to — the row above (``机关事业单位基本养老保险缴`` +
      ``费支出``) or the row below when the numbers sit on the label's last line.
    """
    merged: list[_Row] = []
    for row in rows:
        if merged:
            prev = merged[-1]
            if row.top < prev.bottom - 0.5 and not set(row.filled()) & set(prev.filled()):
                _merge(prev, row, above=False)
                continue
        merged.append(row)
    rows = merged
    gaps = [b.top - a.bottom for a, b in zip(rows, rows[1:])]
    pitch = statistics.median(gaps) if gaps else size
    tight = 0.6 * pitch if pitch > 0.5 * size else 0.25 * size
    out: list[_Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        filled = row.filled()
        if len(filled) == 1 and not row.numeric():
            c = filled[0]
            prev = out[-1] if out else None
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            up = row.top - prev.bottom if prev is not None and prev.cells[c] and prev.numeric() else None
            down = nxt.top - row.bottom if nxt is not None and nxt.numeric() else None
            if up is not None and up < tight and (down is None or up <= down):
                _merge(prev, row, above=False)  # continuation of the label above
                i += 1
                continue
            if down is not None and down < tight and nxt is not None:
                _merge(nxt, row, above=True)  # first line(s) of the label below
                i += 1
                continue
        out.append(row)
        i += 1
    return out


def _cell_specs(row: _Row, page: int) -> list[CellSpec]:
    out = []
    for ws in row.cells:
        if not ws:
            out.append(CellSpec("", Location(page=page)))
            continue
        # a wrapped cell: one text per visual line, folded
        by_line: dict[int, list[Word]] = {}
        for w in ws:
            key = next(k for k, ln in enumerate(row.lines) if any(w is x for x in ln.words))
            by_line.setdefault(key, []).append(w)
        text = fold_lines("\n".join(join_words(by_line[k]) for k in sorted(by_line)))
        box = union([(w.x0, w.top, w.x1, w.bottom) for w in ws])
        out.append(CellSpec(text, Location(page=page, bbox=box)))
    return out


_UNIT_LINE = re.compile(r"单位\s*[:：]")


def _inside_one_column(ln: Line, cols: list[tuple[float, float]]) -> bool:
    return sum(1 for c0, c1 in cols if min(ln.x1, c1) - max(ln.x0, c0) > 0) == 1


def _region_table(region: list[Line], page: int) -> UnruledTable | None:
    # a unit / 编制单位 line above the table stays text (the table's context, not a row)
    while region and _UNIT_LINE.search(region[0].text):
        region = region[1:]
    cols = _columns([segments(ln) for ln in region])
    while region and not _is_multi(region[0]) and not _inside_one_column(region[0], cols):
        region = region[1:]  # a title or note above the table, not a wrapped header cell
    if not region:
        return None
    segs = [segments(ln) for ln in region]
    multi = [s for s in segs if len(s) >= 2]
    if len(multi) < MIN_ROWS and not (len(multi) >= 2 and all(len(s) >= 3 for s in multi)):
        return None
    if len(cols) < 2:
        return None
    rows = [_assign(ln, cols) for ln in region]
    multi_rows = [r for r, s in zip(rows, segs) if len(s) >= 2]
    if sum(1 for r in multi_rows if len(r.filled()) >= 2) < MIN_FILLED_SHARE * len(multi_rows):
        return None
    if not any(r.numeric() for r in rows) and len(cols) < 3:
        return None  # two columns of prose (a form, a cover) are not a table
    size = statistics.median(ln.size for ln in region)
    rows = _fold_wrapped(rows, size)
    # drop columns that no row fills (can happen after folding)
    keep = [c for c in range(len(cols)) if any(r.cells[c] for r in rows)]
    for r in rows:
        r.cells = [r.cells[c] for c in keep]
    specs = [_cell_specs(r, page) for r in rows]
    bbox = rbox(union([ln.bbox for ln in region]))
    return UnruledTable(specs, bbox, region)


def _is_multi(ln: Line) -> bool:
    return len(segments(ln)) >= 2


def _regions(lines: list[Line]) -> list[list[Line]]:
    """Runs of table-like lines: multi-segment lines plus short lines between/around them."""
    regions: list[list[Line]] = []
    cur: list[Line] = []
    for ln in lines:
        if cur and ln.top - cur[-1].bottom > MAX_ROW_GAP * ln.size:
            regions.append(cur)
            cur = []
        if _is_multi(ln):
            cur.append(ln)
        elif cur:
            cur.append(ln)  # tentatively: trimmed below if no multi-segment line follows
        else:
            cur = [ln]
    if cur:
        regions.append(cur)
    out = []
    for reg in regions:
        idx = [i for i, ln in enumerate(reg) if _is_multi(ln)]
        if not idx:
            continue
        first, last = idx[0], idx[-1]
        core = reg[first : last + 1]
        x0 = min(ln.x0 for ln in core)
        x1 = max(ln.x1 for ln in core)
        width = max(x1 - x0, 1.0)

        def short(ln: Line) -> bool:
            return (ln.x1 - ln.x0) <= FRAGMENT_WIDTH * width and ln.x0 >= x0 - ln.size and ln.x1 <= x1 + ln.size

        # one-segment lines inside the core must be short fragments, else split there
        piece: list[Line] = []
        for ln in core:
            if _is_multi(ln) or short(ln):
                piece.append(ln)
            else:
                if piece:
                    out.append(piece)
                piece = []
        if piece:
            out.append(piece)
        # header cells wrapped above the first full header line ("本年支出" over "合计");
        # kept only if each sits inside one column (checked in _region_table)
        first_piece = next((pc for pc in out if pc and pc[0] is reg[first]), None)
        k = first - 1
        while first_piece is not None and k >= 0 and first - k <= 2:
            ln, below = reg[k], reg[k + 1]
            if _is_multi(ln) or not short(ln) or below.top - ln.bottom >= 1.0 * ln.size or ln.size > below.size * 1.05:
                break
            first_piece.insert(0, ln)
            k -= 1
        # a wrapped label's last line right after the core
        if last + 1 < len(reg) and out and out[-1] and out[-1][-1] is reg[last]:
            nxt = reg[last + 1]
            if short(nxt) and not nxt.text.rstrip().endswith(("。", "：", ":")) and nxt.size <= reg[last].size * 1.05:
                if nxt.top - reg[last].bottom < 0.6 * nxt.size:
                    out[-1].append(nxt)
    return out


def find_unruled_tables(lines: list[Line], page: int) -> list[UnruledTable]:
    """Tables among a page's free lines (already in top-to-bottom order)."""
    tables = []
    for region in _regions(lines):
        t = _region_table(region, page)
        if t is not None:
            tables.append(t)
    return tables
