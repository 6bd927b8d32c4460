"""Space-aligned text tables (``pdftotext -layout`` and similar exports) -> rows of Cells.

Columns are printed as runs of spaces (or full-width spaces) between cells, aligned across the
lines of the table, with no ``|`` or tab. The reader:

* cuts every line into atoms (runs of non-space characters) with their display positions
  (CJK characters are two columns wide: ``unicodedata.east_asian_width``; a layout aligned by
  character count is tried too, the one that aligns better wins);
* takes the column boundaries from the body lines (lines holding a number): a column is a run
  of display positions covered by an atom in the body lines; a line whose atoms straddle the
  gaps (a long label pushing its numbers right) is assigned by overlap and, when two numbers
  still fall into one column, left out (a number under an uncertain column is never read);
* puts the atoms of a line that fall into one column into one cell (``项　目``, ``201 03 01``);
* reads the header lines above the first body line into header rows: a label printed over
  several columns spans them; a group label centred over columns whose labels sit on a lower
  line (``基本支出`` over 小计 / 人员经费 / 公用经费) spans them too when its centre says so; a
  label with nothing above it moves up to the top header row (a label printed over two or three
  lines, ``本年支出`` / ``合计``, stacks in one column), so the header rows read like those of
  any other layout (group label in the first column it spans, blanks to its right).

Missing markers and blanks stay cells of their own (the extractor reads them as NULL); column
roles, table kinds and subject codes are read by the one table reader in ``loaders/extract``.
One pass over the lines: a run of candidate lines is analysed once and cached.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Protocol, Sequence

from ..model import Cell, Location
from ..vocab.tables import column_role, title_words
from ..numbers import is_missing


class LineLike(Protocol):
    no: int
    start: int
    end: int
    s: str


@dataclass
class SpacedTable:
    rows: list[list[Cell]]
    first: int  # index of the table's first line
    stop: int  # index of the first line after it


_NUMBER = re.compile(r"^[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?$")
_MISSING_CHARS = frozenset("-－—–/无")


def _is_number(t: str) -> bool:
    """An amount, a code part or a missing marker (the text_rows cell kind 'n'), checked fast."""
    if _NUMBER.match(t):
        return True
    return len(t) <= 3 and (t[0] in _MISSING_CHARS or not t.isascii()) and is_missing(t)


_CODE = re.compile(r"^\d{2,7}$")  # digits a subject code may print in front of its name
_ATOM = re.compile(r"[^ \t\u3000\r]+")
_GAP = re.compile(r"\S(?: {2,}|\u3000+)\S|^ {2,}\S")
_SENTENCE = re.compile(r"[。；;！？]|[，,][^\d]")
_CAPTION = re.compile(r"(?:^|\s)(?:金额)?单位\s*[:：]|(?:^|\s)(?:编制)?(?:部门|单位)\s*[:：]|^\s*注\s*[:：]"
                      r"|(?:^|\s)公开\s*\d+\s*表(?:\s|$)|^\s*表\s*\d")
_TITLE = re.compile(r"(?:" + title_words() + r")\s*(?:[(（][^)）]*[)）])?\s*$")
MAX_HEADER_LINES = 4
MAX_LONE = 24  # a one-atom line longer than this (display columns) is prose
MAX_CONFLICT_SHARE = 0.25  # more body lines than this out of line: not an aligned table
CENTRE_TOL = 3  # display columns a centred group label may sit off its columns' centre
NEAR_MARGIN = 8  # a group label may take a column this much farther from it than from a neighbour


@dataclass
class _Atom:
    start: int  # char offsets into the text
    end: int
    x0: int  # display columns
    x1: int
    text: str
    num: bool


@dataclass
class _Row:
    idx: int  # line index
    line: LineLike
    atoms: list[_Atom]
    body: bool = field(default=False)


def _widths(s: str, wide: bool) -> list[int]:
    """Display column of every char boundary of ``s``."""
    out = [0]
    if not wide or s.isascii():
        return list(range(len(s) + 1))
    x = 0
    for ch in s:
        x += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        out.append(x)
    return out


def _atoms(ln: LineLike, wide: bool) -> list[_Atom]:
    xs = _widths(ln.s, wide)
    return [_Atom(ln.start + m.start(), ln.start + m.end(), xs[m.start()], xs[m.end()], m.group(),
                  _is_number(m.group())) for m in _ATOM.finditer(ln.s)]


def _candidate(ln: LineLike) -> bool:
    s = ln.s
    if not s.strip() or "\t" in s or "|" in s or _CAPTION.search(s) or _TITLE.search(s):
        return False
    if _SENTENCE.search(s):
        return False
    return True


def _short_row(s: str) -> bool:
    """A line without a wide gap that may still be a row: a short lone label (a wrapped name, a
    header word) or cells separated by single spaces with a number among them."""
    t = s.strip()
    if " " not in t:
        return len(t) <= MAX_LONE // 2
    return any(_is_number(w) for w in t.split())


def _columns(rows: list[_Row], tol: int) -> list[tuple[int, int]]:
    width = max(a.x1 for r in rows for a in r.atoms)
    cov = [0] * (width + 1)
    for r in rows:
        for a in r.atoms:
            for x in range(a.x0, a.x1):
                cov[x] += 1
    cols, start = [], None
    for x, n in enumerate(cov):
        if n > tol and start is None:
            start = x
        elif n <= tol and start is not None:
            cols.append((start, x))
            start = None
    return cols


def _pruned(rows: list[_Row], cols: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Columns that some atom belongs to (a sliver of a misaligned atom is no column)."""
    while cols:
        used = {_assign(a, cols) for r in rows for a in r.atoms}
        if len(used) == len(cols):
            break
        cols = [c for j, c in enumerate(cols) if j in used]
    return cols


def _with_empty_columns(cols: list[tuple[int, int]], bottom: _Row) -> list[tuple[int, int]]:
    """Columns plus one for each bottom header label that overlaps no body column and sits
    clear of them (a fund column left blank in every row)."""
    extra = [(a.x0, a.x1) for a in bottom.atoms
             if not any(min(a.x1, c1) - max(a.x0, c0) > -2 for c0, c1 in cols)]
    return sorted(cols + extra) if extra else cols


def _assign(a: _Atom, cols: list[tuple[int, int]]) -> int:
    """The column an atom overlaps most (columns are sorted and disjoint), else the nearest."""
    k = bisect_right(cols, (a.x0, 1 << 30)) - 1  # the last column starting at or before the atom
    best, best_ov = -1, 0
    for j in range(max(0, k), len(cols)):
        c0, c1 = cols[j]
        if c0 >= a.x1:
            break
        ov = min(a.x1, c1) - max(a.x0, c0)
        if ov > best_ov:
            best, best_ov = j, ov
    if best >= 0:
        return best
    near = [j for j in (k, k + 1) if 0 <= j < len(cols)]
    return min(near, key=lambda j: max(cols[j][0] - a.x1, a.x0 - cols[j][1]))


def _span(a: _Atom, cols: list[tuple[int, int]]) -> tuple[int, int]:
    least = max(2.0, (a.x1 - a.x0) * 0.4)  # a label reaching into the next column stays in one
    hit = [j for j, (c0, c1) in enumerate(cols) if min(a.x1, c1) - max(a.x0, c0) >= least]
    if not hit:
        j = _assign(a, cols)
        return j, j
    return hit[0], hit[-1]


def _body_cells(row: _Row, cols: list[tuple[int, int]]) -> dict[int, list[_Atom]] | None:
    """Atoms of a body line by column; None when two numbers (or a number and a label) fall into
    one column: the line is out of alignment."""
    out: dict[int, list[_Atom]] = {}
    for a in row.atoms:
        j = _assign(a, cols)
        got = out.setdefault(j, [])
        if got and (a.num or any(g.num and not _CODE.match(g.text) for g in got)):
            return None  # (a code in front of its name, ``201 03 01 行政运行``, is one cell)
        got.append(a)
    return out


def _layout(rows: list[_Row]) -> tuple[list[tuple[int, int]], list[dict[int, list[_Atom]] | None]] | None:
    body = [r for r in rows if r.body]
    best = None
    for tol in (0, 1) if len(body) >= 4 else (0,):
        cols = _pruned(body, _columns(body, tol))
        cells = [_body_cells(r, cols) for r in body]
        bad = sum(1 for c in cells if c is None)
        if best is None or bad < best[0]:
            best = (bad, cols, cells)
        if bad == 0:
            break
    assert best is not None
    bad, cols, cells = best
    if len(cols) < 2 or bad > MAX_CONFLICT_SHARE * len(body):
        return None
    return cols, cells


# ------------------------------------------------------------------------------ headers

@dataclass
class _HCell:
    row: int
    a: int  # first and last column spanned
    b: int
    atoms: list[_Atom]
    line: LineLike

    @property
    def x0(self) -> int:
        return self.atoms[0].x0

    @property
    def text(self) -> str:
        return "".join(a.text for a in self.atoms)

    @property
    def x1(self) -> int:
        return self.atoms[-1].x1


def _header_cells(rows: list[_Row], cols: list[tuple[int, int]]) -> list[list[_HCell]]:
    out: list[list[_HCell]] = []
    for r, row in enumerate(rows):
        cells: list[_HCell] = []
        for at in row.atoms:
            a, b = _span(at, cols)
            if cells and cells[-1].b >= a:  # same column(s) as the atom before: one label
                prev = cells[-1].atoms[-1]
                if at.x0 - prev.x1 >= 2 and len(at.text) + len(prev.text) > 3:
                    raise AmbiguousHeader  # two labels over one column (``决算数  预算数``)
                cells[-1].atoms.append(at)
                cells[-1].b = max(cells[-1].b, b)
            else:
                cells.append(_HCell(r, a, b, [at], row.line))
        out.append(cells)
    return out


class AmbiguousHeader(Exception):
    """Two readings of which columns a group label spans fit equally well."""


def _adopt(levels: list[list[_HCell]]) -> None:
    """Group labels span the columns below them whose labels sit on lower lines (bottom-up):
    each run of such orphan columns between two labels of a line is shared out (left label,
    right label, or neither) so that every group label sits best centred over its children's
    labels; an orphan left to no label costs CENTRE_TOL."""
    ext: dict[int, tuple[int, int]] = {}  # column -> extent of the nearest lower label over it
    below: dict[int, str] = {}  # column -> its labels on the lower lines
    for r in range(len(levels) - 1, -1, -1):
        cells = levels[r]
        here = {j for c in cells for j in range(c.a, c.b + 1)}
        orphans = set(ext) - here
        if orphans and cells:
            _share(cells, orphans, ext, below)
        for c in cells:
            for j in range(c.a, c.b + 1):
                below[j] = c.text + below.get(j, "")
        for c in cells:
            span = [ext[j] for j in range(c.a, c.b + 1) if j in ext]
            x0, x1 = min([c.x0] + [e[0] for e in span]), max([c.x1] + [e[1] for e in span])
            for j in range(c.a, c.b + 1):
                ext[j] = (x0, x1)


def _centring(c: _HCell, a: int, b: int, ext: dict[int, tuple[int, int]]) -> float:
    xs = [ext[j] for j in range(a, b + 1) if j in ext]
    if not xs:
        return 0.0
    return abs((c.x0 + c.x1) / 2 - (min(x for x, _ in xs) + max(x for _, x in xs)) / 2)


def _share(cells: list[_HCell], orphans: set[int], ext, below: dict[int, str]) -> None:
    """Apply the centred reading; when the reading that gives each orphan to its nearest label
    differs from it and changes the role of a column, the header is ambiguous."""
    centred = _reading(cells, orphans, ext, nearest=False)
    near = _reading(cells, orphans, ext, nearest=True)
    if near != centred and _roles(cells, near, below) != _roles(cells, centred, below):
        raise AmbiguousHeader
    for c, (a, b) in zip(cells, centred):
        c.a, c.b = a, b


def _roles(cells: list[_HCell], spans, below: dict[int, str]) -> dict[int, str | None]:
    over = {j: c.text for c, (a, b) in zip(cells, spans) for j in range(a, b + 1)}
    return {j: column_role(over.get(j, "") + text) for j, text in below.items()}


def _reading(cells: list[_HCell], orphans: set[int], ext, nearest: bool) -> tuple[tuple[int, int], ...]:
    # runs[k]: orphan columns between cells[k-1] and cells[k] (contiguous, next to both)
    runs: list[list[int]] = []
    for k in range(len(cells) + 1):
        lo = cells[k - 1].b if k else -1
        hi = cells[k].a if k < len(cells) else 1 << 30
        run: list[int] = []
        for j in range(lo + 1, min(hi, lo + 64)):
            if j not in orphans:
                break
            run.append(j)
        if k == len(cells) or not run or run[-1] + 1 == hi:
            runs.append(run)
        else:  # not contiguous to the right label: only the left one may take it
            runs.append(run + [None])  # type: ignore[list-item]
    results: list[tuple[float, tuple[tuple[int, int], ...]]] = []

    def walk(k: int, taken: int, cost: float, spans: tuple[tuple[int, int], ...]) -> None:
        """cells[k] may take a suffix of runs[k] (after the ``taken`` first) and a prefix of runs[k+1]."""
        if k == len(cells):
            rest = [j for j in runs[k][taken:] if j is not None]
            results.append((cost + CENTRE_TOL * len(rest), spans))
            return
        c = cells[k]
        left_run = [j for j in runs[k][taken:]]
        right_run = runs[k + 1]
        for ls in range(len(left_run) + 1):  # cells[k] takes left_run[len-ls:]
            if ls and (k == 0 and False or None in left_run[len(left_run) - ls:]):
                continue
            a = left_run[len(left_run) - ls] if ls else c.a
            skipped = len([j for j in left_run[:len(left_run) - ls] if j is not None])
            for rs in range(len(right_run) + 1):
                if None in right_run[:rs]:
                    break
                b = right_run[rs - 1] if rs else c.b
                fit = _centring(c, a, b, ext)
                if (a, b) != (c.a, c.b) and (fit > CENTRE_TOL or not _nearest(cells, k, a, b, ext, margin)):
                    continue
                walk(k + 1, rs, cost + fit + CENTRE_TOL * skipped, spans + ((a, b),))

    margin = 0 if nearest else NEAR_MARGIN
    walk(0, 0, 0.0, ())
    results.sort(key=lambda x: x[0])
    best_cost, best = results[0]
    tie = any(cost - best_cost < 1 and spans != best for cost, spans in results[1:])
    claimed = {j for a, b in best for j in range(a, b + 1)}
    if tie or orphans - claimed:
        left = _left_aligned(cells, orphans, ext)
        if left is not None:
            return left
    if tie:
        raise AmbiguousHeader
    return best


def _left_aligned(cells: list[_HCell], orphans: set[int], ext) -> tuple[tuple[int, int], ...] | None:
    """Group labels printed at the left edge of their first child (lane labels 收入 / 支出):
    each takes the orphan columns up to the next label; None unless that claims every orphan
    and every label that takes one starts where its first child starts."""
    spans, claimed = [], set()
    for k, c in enumerate(cells):
        stop = cells[k + 1].a if k + 1 < len(cells) else 1 << 30
        b = c.b
        while b + 1 in orphans and b + 1 < stop:
            b += 1
        if b > c.b and (c.a not in ext or abs(c.x0 - ext[c.a][0]) > 2):
            return None
        spans.append((c.a, b))
        claimed |= set(range(c.b + 1, b + 1))
    return tuple(spans) if not orphans - claimed else None


def _nearest(cells: list[_HCell], k: int, a: int, b: int, ext, margin: int) -> bool:
    """Every orphan column cells[k] takes is no more than ``margin`` display columns farther
    from it than from its neighbouring labels."""
    c = cells[k]
    near = [cells[i] for i in (k - 1, k + 1) if 0 <= i < len(cells)]
    for j in range(a, b + 1):
        if c.a <= j <= c.b or j not in ext:
            continue
        if any(_dist(o, j, ext) + margin < _dist(c, j, ext) for o in near):
            return False
    return True


def _dist(c: _HCell, j: int, ext) -> int:
    x0, x1 = ext[j]
    return max(c.x0 - x1, x0 - c.x1, 0)


def _lift(levels: list[list[_HCell]], ncols: int) -> list[list[_HCell]]:
    """Move every label up while the header row above is free over all its columns."""
    grid: list[list[_HCell | None]] = [[None] * ncols for _ in levels]
    for r, cells in enumerate(levels):
        for c in cells:
            t = r
            while t > 0 and all(grid[t - 1][j] is None for j in range(c.a, c.b + 1)):
                t -= 1
            if any(grid[t][j] is not None for j in range(c.a, c.b + 1)):
                t = r  # the spot is taken (two labels of one line over one column): keep it
            for j in range(c.a, c.b + 1):
                if grid[t][j] is None:
                    grid[t][j] = c
            c.row = t
    out: list[list[_HCell]] = [[] for _ in levels]
    for cells in levels:
        for c in cells:
            out[c.row].append(c)
    return [sorted(cs, key=lambda c: c.a) for cs in out if cs]


# ------------------------------------------------------------------------------- cells

def _cell(r: int, c: int, atoms: list[_Atom], line: LineLike, text: str, at: int) -> Cell:
    if not atoms:
        return Cell(r, c, "", Location(line=line.no, char_start=at, char_end=at))
    s, e = atoms[0].start, atoms[-1].end
    return Cell(r, c, text[s:e], Location(line=line.no, char_start=s, char_end=e))


def _grid(text: str, head: list[_Row], body: list[_Row], cols, cells) -> list[list[Cell]]:
    ncols = len(cols)
    rows: list[list[Cell]] = []
    levels = _lift(_adopted(_header_cells(head, cols)), ncols) if head else []
    for cs in levels:
        r = len(rows)
        line = head[0].line
        out = [_cell(r, j, [], line, text, line.start) for j in range(ncols)]
        for c in cs:
            out[c.a] = _cell(r, c.a, c.atoms, c.line, text, c.atoms[0].start)
        rows.append(out)
    for row, by_col in zip(body, cells):
        if by_col is None:
            continue
        r = len(rows)
        out, at = [], row.line.start
        for j in range(ncols):
            got = by_col.get(j, [])
            out.append(_cell(r, j, got, row.line, text, at))
            if got:
                at = got[-1].end
        rows.append(out)
    return rows


def _adopted(levels: list[list[_HCell]]) -> list[list[_HCell]]:
    _adopt(levels)
    return levels


# --------------------------------------------------------------------------- the reader

_DIGIT = re.compile(r"\d")
_NO_BODY = (-1, None)  # a run with no table body (tried once, not again with other widths)


class SpacedTables:
    """Space-aligned tables of one text, found from a given line (runs are analysed once)."""

    def __init__(self, text: str, lines: Sequence[LineLike]):
        self.text = text
        self.lines = lines
        self._runs: dict[int, tuple[int, SpacedTable | None]] = {}  # run start -> (stop, table)
        self._covered_until = -1
        self._current: tuple[int, SpacedTable | None] | None = None

    def table_at(self, i: int) -> SpacedTable | None:
        if i < self._covered_until:
            found = self._current[1] if self._current else None
            return found if found is not None and found.first == i else None
        stop = self._run_end(i)
        if stop - i < 2:
            return None
        found = self._read(i, stop)
        self._covered_until, self._current = (found.first + 1 if found else stop), (stop, found)
        if found is not None and found.first != i:
            return None
        return found

    def _run_end(self, i: int) -> int:
        lines, n, j = self.lines, len(self.lines), i
        while j < n:
            ln = self.lines[j]
            if not ln.s.strip():  # one blank line inside a table (a page break or row spacing)
                if j + 1 < n and j > i and _GAP.search(lines[j + 1].s) and _candidate(lines[j + 1]):
                    j += 1
                    continue
                break
            if not (_GAP.search(ln.s) or _short_row(ln.s)) or not _candidate(ln):
                break
            j += 1
        return j

    def _read(self, i: int, stop: int) -> SpacedTable | None:
        if sum(1 for ln in self.lines[i:stop] if _DIGIT.search(ln.s)) < 2 and stop - i > 6:
            return None  # a run of label lines (no table body) is not read at all
        best: tuple[int, SpacedTable] | None = None
        for wide in (True, False):
            got = self._read_as(i, stop, wide)
            if got is _NO_BODY:
                break
            if got is not None and (best is None or got[0] < best[0]):  # type: ignore[operator]
                best = got
            if got is not None and got[0] == 0:
                break
            if not any(not ln.s.isascii() for ln in self.lines[i:stop]):
                break
        return best[1] if best else None

    def _read_as(self, i: int, stop: int, wide: bool) -> tuple[int, SpacedTable] | None:
        rows = [_Row(k, self.lines[k], _atoms(self.lines[k], wide)) for k in range(i, stop) if self.lines[k].s.strip()]
        for r in rows:
            r.body = any(a.num for a in r.atoms)
        first = next((k for k, r in enumerate(rows) if r.body), None)
        if first is None:
            return _NO_BODY
        head = rows[max(0, first - MAX_HEADER_LINES):first]
        head = [r for r in head if r.atoms]
        rest = rows[first:]
        labelled = sum(1 for r in rest if r.body and any(not a.num for a in r.atoms) and len(r.atoms) >= 2)
        numeric = max(sum(1 for a in r.atoms if a.num) for r in rest)
        if labelled < 2 and not (head and numeric >= 3):
            return _NO_BODY  # the same whatever the character widths
        for r in rest:
            r.body = True  # label-only lines below the header are rows too (sections, wraps)
        lay = _layout([r for r in rest if any(a.num for a in r.atoms)])
        if lay is None:
            return None
        cols, _ = lay
        if head:  # a column empty in every body row keeps the bottom header label over it
            cols = _with_empty_columns(cols, head[-1])
        numeric = [r for r in rest if any(a.num for a in r.atoms)]
        if head and len(numeric) <= 2:  # a body of one or two rows: the bottom labels widen the columns
            wider = _pruned(numeric, _columns(numeric + head[-1:], 0))
            if len(wider) == len(cols):
                cols = wider
        cells = [_body_cells(r, cols) for r in rest]
        bad = sum(1 for c in cells if c is None)
        try:
            rows_out = _grid(self.text, head, rest, cols, cells)
        except AmbiguousHeader:
            return None
        start = (head[0] if head else rest[0]).idx
        return bad, SpacedTable(rows_out, start, rest[-1].idx + 1)
