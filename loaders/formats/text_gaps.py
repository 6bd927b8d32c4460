"""Gap-separated text tables -> rows of Cells: a table copied from a web page or a Word table
saved as text, whose cells are separated by runs of two or more spaces or by ideographic spaces
(U+3000) but whose columns are NOT aligned from line to line, so ``text_columns`` (which reads
columns from display positions) cannot place them.

    科目编码  科目名称    合计   基本支出    项目支出
    合计      80,156.42   71,468.20    8,688.22
    301   工资福利支出   52,846.70   52,846.70   -

A single ideographic space between one-character cells spaces out one word (``项　目``). Cells
are placed by count, never by position:

* the header is the one line of labels right above the first line holding an amount;
* a body line is its label cells (a code, a name) followed by its amount cells (numbers and
  missing markers such as ``-``); the header's label columns are those before the first header
  cell the column-role lexicon (``seeds/lexicon/column_roles.csv``) names, the rest its ``A``
  amount columns (with no named header cell: the widest body line's amounts give ``A``);
* a line printing all ``A`` amounts puts them under the amount columns in order, its labels in the
  label columns (a lone name under the last label column, a lone code under the first);
* a line printing fewer amounts left its blank cells out (the exporter collapsed them), so which
  column each amount belongs to is not printed: only its first amount is read, and only when the
  first amount column is the row's own amount (a 合计 / 本年收入合计 column by the column-role
  lexicon); the others are not read (a number under an
  uncertain column is never read);
* a line with more labels or more amounts than the header has columns for is out of shape and
  left out.

Column roles, table kinds and subject codes are read by the one table reader in ``loaders/extract``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from ..model import Cell, Location
from .text_atoms import CODE, NUMBER_TEXT, LineLike, is_number

# a cell gap: a run of spaces and ideographic spaces holding two spaces or an ideographic one
_GAP = re.compile(r"[ \u3000]*\u3000[ \u3000]*| {2,}")
ROW_ROLES = ("total", "income")  # a first amount column that every printed row fills
MIN_FULL_ROWS = 2  # body lines printing every amount a table needs to be read this way
MIN_AMOUNT_COLUMNS = 2


@dataclass(frozen=True)
class GapCell:
    start: int  # char offsets into the text
    end: int
    text: str


@dataclass
class GapTable:
    rows: list[list[Cell]]
    first: int  # index of the table's first line (the header)
    stop: int  # index of the first line after it


def cells_of(ln: LineLike) -> list[GapCell]:
    """The cells of one line: its text cut at the gaps, each trimmed."""
    s = ln.s
    out: list[GapCell] = []
    pos = 0
    for m in _GAP.finditer(s):
        _add(out, ln, pos, m.start())
        pos = m.end()
    _add(out, ln, pos, len(s))
    return _spaced_words(out, ln)


def _spaced_words(cells: list[GapCell], ln: LineLike) -> list[GapCell]:
    """One-character cells a single ideographic space apart are one spaced-out word (``项　目``,
    ``合　计``), not two cells."""
    out: list[GapCell] = []
    for c in cells:
        p = out[-1] if out else None
        if p is not None and len(c.text) == 1 and p.text[-1:] != "\u3000" and \
                (len(p.text) == 1 or p.text[-2:-1] == "\u3000") and ln.s[p.end - ln.start:c.start - ln.start] == "\u3000":
            out[-1] = GapCell(p.start, c.end, p.text + "\u3000" + c.text)
        else:
            out.append(c)
    return out


def _add(out: list[GapCell], ln: LineLike, a: int, b: int) -> None:
    seg = ln.s[a:b]
    body = seg.strip()
    if body:
        lead = len(seg) - len(seg.lstrip())
        out.append(GapCell(ln.start + a + lead, ln.start + a + lead + len(body), body))


def _split(cells: list[GapCell]) -> tuple[list[GapCell], list[GapCell]] | None:
    """(labels, amounts) of a body line: amounts are the cells after its last label; None when the
    line prints no amount. A subject code in front of a name is a label."""
    last_label = -1
    for k, c in enumerate(cells):
        if not is_number(c.text) or (k + 1 < len(cells) and CODE.match(c.text) and not is_number(cells[k + 1].text)):
            last_label = k
    amounts = cells[last_label + 1:]
    if not amounts:
        return None
    return cells[:last_label + 1], amounts


def read_gap_table(text: str, lines: Sequence[LineLike], first: int, stop: int,
                   cut: Callable[[LineLike], list[GapCell]] | None = None,
                   min_width: int = MIN_AMOUNT_COLUMNS) -> GapTable | None:
    """The gap-separated table among lines[first:stop] (a run of table-like lines), or None;
    ``cut`` cuts a line into its cells (``cells_of`` by default), and a table has ``min_width``
    amount columns at least."""
    from ..vocab.tables import column_role

    cut = cut or cells_of
    rows = [(k, cs, _split(cs)) for k in range(first, stop) if lines[k].s.strip() for cs in [cut(lines[k])]]
    body_at = next((n for n, (_, cs, got) in enumerate(rows) if got is not None and
                    any(not is_number(c.text) for c in cs)), None)
    if body_at is None or body_at == 0:
        return None
    head_idx, head, _ = rows[body_at - 1]
    if len(head) < min_width + 1 or any(is_number(c.text) for c in head):
        return None
    body: list[tuple[int, list[GapCell], list[GapCell]]] = []
    for k, _, got in rows[body_at:]:
        if got is None:  # a line of labels only: a section label or the text after the table
            break
        body.append((k, *got))
    roles = [column_role(c.text) for c in head]
    named = next((k for k, role in enumerate(roles) if role is not None), None)
    # the label columns: those before the first header cell the column-role lexicon knows (a
    # serial 行次 column holds numbers: it is an amount column here), else those the widest
    # body line leaves over
    n_labels = named if named is not None else len(head) - max(len(a) for _, _, a in body)
    width = len(head) - n_labels
    if width < min_width or n_labels < 1:
        return None
    first_amount_is_own = roles[n_labels] in ROW_ROLES
    full = sum(1 for _, _, a in body if len(a) == width)
    if named is None and not any(len(lb) + len(a) == len(head) for _, lb, a in body):
        return None  # no line fills the header: how many of its columns are labels is not printed
    if full < MIN_FULL_ROWS and not (first_amount_is_own and len(body) >= MIN_FULL_ROWS):
        return None
    out: list[list[Cell]] = [[_cell(0, c, g, lines[head_idx]) for c, g in enumerate(head)]]
    for k, labels, amounts in body:
        if len(labels) > n_labels or len(amounts) > width:
            continue  # out of shape: which column each cell belongs to is not printed
        ln = lines[k]
        placed: dict[int, GapCell] = {}
        if len(labels) == n_labels:
            placed.update(enumerate(labels))
        elif len(labels) == 1 and CODE.match(labels[0].text):
            placed[0] = labels[0]
        else:
            placed.update((n_labels - len(labels) + j, c) for j, c in enumerate(labels))
        if len(amounts) == width:
            placed.update((n_labels + j, c) for j, c in enumerate(amounts))
        elif first_amount_is_own:
            placed[n_labels] = amounts[0]
        r = len(out)
        at = ln.start
        row: list[Cell] = []
        for c in range(len(head)):
            g = placed.get(c)
            row.append(_cell(r, c, g, ln, at))
            if g is not None:
                at = g.end
        out.append(row)
    if len(out) < 1 + MIN_FULL_ROWS:
        return None
    return GapTable(out, head_idx, body[-1][0] + 1)


def _cell(r: int, c: int, g: GapCell | None, ln: LineLike, at: int | None = None) -> Cell:
    if g is None:
        pos = ln.start if at is None else at
        return Cell(r, c, "", Location(line=ln.no, char_start=pos, char_end=pos))
    return Cell(r, c, g.text, Location(line=ln.no, char_start=g.start, char_end=g.end))


# Word-separated tables: every run of spaces is a cell gap (the exporter collapsed each run to one
# space). Names cannot hold a space then, so only lines of a strict shape are rows: a subject code
# or a total word, an optional name, then amounts (or missing markers).
@lru_cache(maxsize=1)
def _word_row() -> re.Pattern[str]:
    from ..vocab.tables import TOTAL_ROW_WORDS

    return re.compile(r"^\s*(?:\d{3}|\d{5}|\d{7}|" + "|".join(TOTAL_ROW_WORDS) + r")(?: +[^\s\d][^\s]{0,40})?(?: +(?:"
                      + NUMBER_TEXT + r"|[-－—–]{1,2}))+\s*$")
_WORD_GAP = re.compile(r"[ \u3000]+")
MAX_WORD_HEADER_CELLS = 8


def word_cells(ln: LineLike) -> list[GapCell]:
    """The cells of a word-separated line: its text cut at every run of spaces."""
    out: list[GapCell] = []
    pos = 0
    for m in _WORD_GAP.finditer(ln.s):
        _add(out, ln, pos, m.start())
        pos = m.end()
    _add(out, ln, pos, len(ln.s))
    return out


def word_row(s: str) -> bool:
    """A line of the strict word-separated row shape (code or total word, name, amounts)."""
    return " " in s and _word_row().match(s) is not None


def read_word_table(text: str, lines: Sequence[LineLike], i: int) -> GapTable | None:
    """The word-separated table whose header is line ``i`` ("科目编码 科目名称 决算数" above
    "2050101 行政运行 9,862.4" rows), read as a gap table cut at every space; None unless at
    least two rows of the strict shape follow a header of 2 to 8 cells without a number (the row
    shape is the evidence here: one amount column is enough)."""
    head = lines[i].s.split()
    if not (2 <= len(head) <= MAX_WORD_HEADER_CELLS) or any(is_number(t) for t in head):
        return None
    stop = i + 1
    while stop < len(lines) and word_row(lines[stop].s):
        stop += 1
    if stop - i - 1 < MIN_FULL_ROWS:
        return None
    return read_gap_table(text, lines, i, stop, cut=word_cells, min_width=1)

