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


def _columns(segs_by_line: list[list[list[Word]]]) -> list[tuple[float, float]]:
    """X ranges of the columns: coverage of the multi-segment lines, split at rivers."""
    spans = [_span(s) for segs in segs_by_line if len(segs) >= 2 for s in segs]
    if not spans:
        return []
    n_multi = sum(1 for segs in segs_by_line if len(segs) >= 2)
    tol = int(0.1 * n_multi)  # a few long labels or spanning headers may cross a river
    lo, hi = int(min(a for a, _ in spans)), int(max(b for _, b in spans)) + 1
    cover = [0] * (hi - lo + 1)
    for a, b in spans:
        for x in range(int(a) - lo, int(b) - lo + 1):
            cover[x] += 1
    cols: list[tuple[float, float]] = []
    start = None
    for i, c in enumerate(cover + [0]):
        if c > tol and start is None:
            start = i
        elif c <= tol and start is not None:
            cols.append((start + lo, i - 1 + lo))
            start = None
    return cols


def _col_of(span: tuple[float, float], cols: list[tuple[float, float]]) -> int:
    a, b = span
    best, best_ov = 0, -1e9
    for i, (c0, c1) in enumerate(cols):
        ov = min(b, c1) - max(a, c0)
        if ov > best_ov:
            best, best_ov = i, ov
    return best


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
    """Fold label-only lines into the row they belong to (wrapped labels)."""
    gaps = [b.top - a.bottom for a, b in zip(rows, rows[1:])]
    pitch = statistics.median(gaps) if gaps else size
    tight = max(0.6 * pitch, 0.0) if pitch > 0.5 * size else 0.25 * size
    out: list[_Row] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        filled = row.filled()
        fragment = len(filled) == 1 and not row.numeric()
        if fragment and out:
            prev = out[-1]
            c = filled[0]
            if prev.cells[c] and row.top - prev.bottom < tight and prev.numeric():
                _merge(prev, row, above=False)  # continuation of prev's wrapped label
                i += 1
                continue
        if fragment and i + 1 < len(rows):
            nxt = rows[i + 1]
            c = filled[0]
            if not nxt.cells[c] and nxt.numeric() and nxt.top - row.bottom < tight:
                _merge(nxt, row, above=True)  # label's first line above centred numbers
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
