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
* reads the header lines above the first body line into header rows (``text_headers.py``), so
  the header rows read like those of any other layout (group label in the first column it spans,
  blanks to its right).

Missing markers and blanks stay cells of their own (the extractor reads them as NULL); column
roles, table kinds and subject codes are read by the one table reader in ``loaders/extract``.
One pass over the lines: a run of candidate lines is analysed once and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Cell, Location
from ..vocab.tables import title_words
from .text_atoms import CODE, Atom, LineLike, Row, assign, atoms_of
from .text_gaps import read_gap_table
from .text_headers import AmbiguousHeader, header_rows


@dataclass
class SpacedTable:
    rows: list[list[Cell]]
    first: int  # index of the table's first line
    stop: int  # index of the first line after it


_GAP = re.compile(r"\S(?: {2,}|\u3000+)\S|^ {2,}\S")
# [。；;！？] or a comma before a non-digit; led by one character class, so the regex engine skips
# to the first candidate character in its fast set scan instead of trying a branch at every position
_SENTENCE = re.compile(r"[。；;！？，,](?:(?<=[，,])[^\d]|(?<![，,]))")
# a caption: 单位：/ 金额单位：/ (编制)部门：/ 编制单位：or 公开 N 表 starting the line or after a space, or a
# line starting with 注：or 表 N. The words are found by a literal-led pattern (the regex engine's
# fast scan) and their place checked after: a pattern led by "(?:^|\s)" tried every branch at
# every position of a long line (tests/test_text_parse_bulk_oracle.py holds the one-pattern form)
_CAPTION_START = re.compile(r"\s*(?:注\s*[:：]|表\s*\d)")
_CAPTION_WORD = re.compile(r"(?:金额单位|编制部门|编制单位|部门|单位)\s*[:：]|公开\s*\d+\s*表(?!\S)")
_TITLE = re.compile(r"(?:" + title_words() + r")\s*(?:[(（][^)）]*[)）])?\s*$")
MAX_HEADER_LINES = 4
MAX_LONE = 24  # a one-atom line longer than this (display columns) is prose
MAX_CONFLICT_SHARE = 0.25  # more body lines than this out of line: not an aligned table
# an amount or a dash printed as a whole space-separated token (``t.split()`` splits at what regex \s
# matches, and the token holds no space: a token fullmatch is a match between spaces)
_NUMBER_TOKEN = re.compile(r"[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?|[-－—–]")
MAX_SHIFT = 8  # display columns a long label may push the rest of its line to the right


def _candidate(ln: LineLike) -> bool:
    """A line that may be a row of a space-aligned table (cheapest tests first)."""
    s = ln.s
    if "\t" in s or "|" in s or _SENTENCE.search(s) or not (_has_gap(s) or _short_row(s)):
        return False
    return not (_caption(s) or _TITLE.search(s))


def _has_gap(s: str) -> bool:
    """_GAP found in ``s``: each of its matches holds two spaces or an ideographic space."""
    return ("  " in s or "\u3000" in s) and bool(_GAP.search(s))


def _caption(s: str) -> bool:
    """A caption line (see _CAPTION_WORD): each form holds 单位, 部门, 注 or 表. A caption word
    counts where the line starts or after a space; a match of _CAPTION_WORD that does not cannot
    hide one that does (inside a match a space is followed by a space, a digit, 表 or the colon)."""
    if not ("表" in s or "单位" in s or "部门" in s or "注" in s):
        return False
    if _CAPTION_START.match(s):
        return True
    return any(m.start() == 0 or s[m.start() - 1].isspace() for m in _CAPTION_WORD.finditer(s))


def _short_row(s: str) -> bool:
    """A line without a wide gap that may still be a row: a short lone label (a wrapped name, a
    header word) or cells separated by single spaces with a number among them."""
    t = s.strip()
    if " " not in t:
        return 0 < len(t) <= MAX_LONE // 2
    return any(map(_NUMBER_TOKEN.fullmatch, t.split()))


def _columns(rows: list[Row], tol: int) -> list[tuple[int, int]]:
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


def _pruned(rows: list[Row], cols: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Columns that some atom belongs to (a sliver of a misaligned atom is no column)."""
    while cols:
        used = {assign(a, cols) for r in rows for a in r.atoms}
        if len(used) == len(cols):
            break
        cols = [c for j, c in enumerate(cols) if j in used]
    return cols


def _with_empty_columns(cols: list[tuple[int, int]], bottom: Row) -> list[tuple[int, int]]:
    """Columns plus one for each bottom header label that overlaps no body column and sits
    clear of them (a fund column left blank in every row)."""
    extra = [(a.x0, a.x1) for a in bottom.atoms
             if not any(min(a.x1, c1) - max(a.x0, c0) > -2 for c0, c1 in cols)]
    return sorted(cols + extra) if extra else cols


def _body_cells(row: Row, cols: list[tuple[int, int]]) -> dict[int, list[Atom]] | None:
    """Atoms of a body line by column; None when two numbers (or a number and a label) fall into
    one column, or when its label reaches over half of the next column: the line is out of
    alignment. A line whose long label pushed the rest of it a little to the right is read with
    the rest shifted back, when a shift of up to MAX_SHIFT columns puts every number squarely
    (half its width or more) under one column."""
    lead = next((k for k, a in enumerate(row.atoms) if not a.num), None)
    if lead is not None and _pushes(row.atoms[lead], cols):
        return None  # which columns its numbers belong to is not printed
    got = _by_column(row.atoms, cols, 0, 0)
    if got is not None or lead is None:
        return got
    for d in range(1, MAX_SHIFT + 1):
        got = _by_column(row.atoms, cols, d, lead + 1)
        if got is not None:
            return got
    return None


def _pushes(label: Atom, cols: list[tuple[int, int]]) -> bool:
    """A label reaching over half of the next column: the numbers after it may sit one column
    right of where they belong."""
    j = assign(label, cols)
    if j + 1 >= len(cols):
        return False
    c0, c1 = cols[j + 1]
    return label.x1 - c0 > (c1 - c0) // 2


def _by_column(atoms: list[Atom], cols: list[tuple[int, int]], shift: int, after: int) -> dict[int, list[Atom]] | None:
    out: dict[int, list[Atom]] = {}
    for k, a in enumerate(atoms):
        if shift and k >= after:
            moved = Atom(a.start, a.end, a.x0 - shift, a.x1 - shift, a.text, a.num)
            j = assign(moved, cols)
            if a.num and min(moved.x1, cols[j][1]) - max(moved.x0, cols[j][0]) < (a.x1 - a.x0 + 1) // 2:
                return None
        else:
            j = assign(a, cols)
        got = out.setdefault(j, [])
        if got and (a.num or any(g.num and not CODE.match(g.text) for g in got)):
            return None  # (a code in front of its name, ``201 03 01 行政运行``, is one cell)
        got.append(a)
    return out


def _layout(rows: list[Row]) -> tuple[list[tuple[int, int]], list[dict[int, list[Atom]] | None]] | None:
    body = [r for r in rows if r.body]
    best = None
    for tol in ([0, 1] if len(body) >= 4 else [0]):
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


# ------------------------------------------------------------------------------- cells

def _cell(r: int, c: int, atoms: list[Atom], line: LineLike, text: str, at: int) -> Cell:
    if not atoms:
        return Cell(r, c, "", Location(line=line.no, char_start=at, char_end=at))
    s, e = atoms[0].start, atoms[-1].end
    return Cell(r, c, text[s:e], Location(line=line.no, char_start=s, char_end=e))


def _grid(text: str, head: list[Row], body: list[Row], cols, cells) -> list[list[Cell]]:
    ncols = len(cols)
    rows: list[list[Cell]] = []
    levels = header_rows(head, cols) if head else []
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
        # A line that is no candidate starts no table, and asking changes nothing: a table read
        # earlier starts at a candidate line (its rows are the non-blank lines of a run of
        # candidate and blank lines), and a run from a non-candidate line is empty (stop == i).
        if not _candidate(self.lines[i]):
            return None
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
                if j + 1 < n and j > i and _has_gap(lines[j + 1].s) and _candidate(lines[j + 1]):
                    j += 1
                    continue
                break
            if not _candidate(ln):
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
        if best is None:  # not aligned: cells cut at the gaps and placed by count (text_gaps.py)
            gaps = read_gap_table(self.text, self.lines, i, stop)
            return SpacedTable(gaps.rows, gaps.first, gaps.stop) if gaps is not None else None
        return best[1]

    def _read_as(self, i: int, stop: int, wide: bool) -> tuple[int, SpacedTable] | None:
        rows = [Row(k, self.lines[k], atoms_of(self.lines[k], wide)) for k in range(i, stop) if self.lines[k].s.strip()]
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
