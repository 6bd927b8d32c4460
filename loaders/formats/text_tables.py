"""Tables printed in plain text -> rows of Cells whose char offsets point into the text.

Layouts read here (``text.py`` reads the tab-separated ones and calls ``find_table`` for the rest):

* ``|``-separated rows, one row per line (``201 | 一般公共服务支出 | 612.40 |``);
* one cell per line: every line one cell ending in ``|`` (a lone ``|`` is an empty cell), or bare
  short lines (blank lines between cells are separators; a longer gap leaves empty cells);
* key-value "card" rows, one row per line (``科目编码：208，科目名称：…，本年支出：148.62``), read by
  ``text_cards.py``;
* comma-separated rows of a spreadsheet export (``205,教育支出,3468.92,3301.50``), ``text_csv.py``;
* a table flattened onto one line: ``|``-separated cells (``合计 | 19.00 | 11.86 | 因公出国 …``) or
  an OCR line of space-separated cells (``一一般公共预算财政拨款收入 1 4,627.57 …``).

A run of cells printed one after another becomes rows by one row model (``text_rows.py``).

Cell ``text`` is the printed text of the cell (trimmed); its Location spans exactly that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, Sequence

from ..model import Cell
from ..numbers import MONEY_UNITS_TO_WAN
from ..vocab.tables import title_words
from .text_cards import read_cards
from .text_csv import read_csv_table
from .text_gaps import read_word_table, word_row
from .text_rows import cell_kind, cell_span, make_cell, sequence_rows


class LineLike(Protocol):
    no: int
    start: int
    end: int
    s: str


@dataclass
class TextTable:
    rows: list[list[Cell]]
    first: int  # index of the table's first line
    stop: int  # index of the first line after it
    before: tuple[int, int] | None = None  # text on the first line before the table (a caption)


MAX_CELL = 40  # a longer line is prose, not a cell
# [。；;！？] or two commas; led by one character class (the regex engine's fast set scan)
_SENTENCE = re.compile(r"[。；;！？，,](?:(?<=[，,]).*[，,]|(?<![，,]))")
_TITLE = re.compile(r"(?:" + title_words() + r")(?:[(（][^)）]*[)）])?$")
_CAPTION = re.compile(r"^(?:公开\s*\d+\s*表|.{0,6}\d{1,2}(?:-\d{1,2})?表)$|单位\s*[:：]|^(?:编制)?(?:部门|单位)\s*[:：]|^注\s*[:：]")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _caption(s: str) -> bool:
    """_CAPTION found in ``s``: each of its alternatives holds 表, 单位, 部门 or 注."""
    return ("表" in s or "单位" in s or "部门" in s or "注" in s) and bool(_CAPTION.search(s))


# ---------------------------------------------------------------------------------- cells

def _split_pipes(text: str, ln: LineLike) -> list[tuple[int, int, int]]:
    """Cell spans of one ``|`` line; a leading or trailing ``|`` opens/closes no cell."""
    spans, pos = [], ln.start
    for part in ln.s.split("|"):
        spans.append(cell_span(text, pos, pos + len(part), ln.no))
        pos += len(part) + 1
    if ln.s.rstrip().endswith("|") and spans and spans[-1][0] == spans[-1][1]:
        spans.pop()
    return spans


def _filled(text: str, spans: Sequence[tuple[int, int, int]]) -> int:
    return sum(1 for s, e, _ in spans if e > s)


# ------------------------------------------------------------------------------- layouts

def _pipe_row_line(ln: LineLike) -> bool:
    return "|" in ln.s and sum(1 for p in ln.s.split("|") if p.strip()) >= 2


def _pipe_cell_line(ln: LineLike) -> bool:
    s = ln.s.strip()
    return s.endswith("|") and s.count("|") == 1


def _bare_cell_line(ln: LineLike) -> bool:
    return _bare_cell_text(ln.s)


@lru_cache(maxsize=1 << 14)
def _bare_cell_text(line: str) -> bool:
    """A short line that reads as one cell, or a number (memoised: a run of such lines is read
    from each of its lines in turn)."""
    s = line.strip()
    if bool(s) and "|" not in s and "\t" not in line and len(s) <= MAX_CELL and not _SENTENCE.search(s) \
            and not _TITLE.search(s) and not _caption(s):
        return True
    # else only a number or a missing marker is a cell: cell_kind 'n' needs _NUMBER (a sign or a
    # decimal digit first: regex \d is str.isdecimal) or a marker of at most 3 characters
    return bool(s) and (len(s) <= 3 or s[0] in "-−+" or s[0].isdecimal()) and cell_kind(s) == "n"


_UNITS = "|".join(sorted(MONEY_UNITS_TO_WAN, key=len, reverse=True)) + "|%|％"
# a line printing an amount with its unit ("56,418.25万元", "占比58.22%", "18辆") or a unit alone (the
# "万元" under a number): the cards of a phone infographic or article, not the cells of a table
# (a table prints its unit once, in its header)
_WITH_UNIT = re.compile(r"\d\s*(?:" + _UNITS + r"|辆|人次|人|个)|^(?:" + _UNITS + r")$")


def _card_stack(text: str, spans: Sequence[tuple[int, int, int]]) -> bool:
    """More lines printing an amount with its unit (``_WITH_UNIT``) than bare number cells, and
    at least two of them: label / amount cards read as prose."""
    units = numbers = 0
    for s, e, _ in spans:
        t = text[s:e]
        if _WITH_UNIT.search(t):
            units += 1
        elif cell_kind(t) == "n":
            numbers += 1
    return units >= 2 and units >= numbers


def _accept(text: str, spans: list[tuple[int, int, int]]) -> bool:
    """A run of cells is a table when labels are followed by numbers at least twice, or when a
    header of three labels or more heads one row of two numbers or more."""
    kinds = [cell_kind(text[s:e]) for s, e, _ in spans]
    pairs = sum(1 for a, b in zip(kinds, kinds[1:]) if a == "t" and b == "n")
    if pairs >= 2 and kinds.count("n") >= 3:
        return True
    first = kinds.index("n") if "n" in kinds else len(kinds)
    return kinds.count("n") >= 2 and kinds[:first].count("t") >= 3


def _pipe_rows(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    j = i
    while j < len(lines) and ("|" in lines[j].s and not _pipe_cell_line(lines[j]) or _MD_RULE.match(lines[j].s)
                              and "|" in lines[j].s):
        j += 1
    body = [ln for ln in lines[i:j] if not _MD_RULE.match(ln.s)]
    if not body:
        return None
    spans = [_split_pipes(text, ln) for ln in body]
    if all(ln.s.lstrip().startswith("|") for ln in body):  # markdown: | a | b |
        spans = [sp[1:] for sp in spans]
    if len(body) == 1 and _accept(text, spans[0]) and _filled(text, spans[0]) >= 6:
        rows = sequence_rows(text, spans[0])  # a whole table flattened onto one line
    else:
        spans = _without_packed_headers(text, spans)
        last = spans[-1]
        if len(spans) > 1 and last and last[-1][1] >= len(text.rstrip()) and len(last) < len(spans[-2]):
            spans[-1] = last[:-1]  # the excerpt ends inside this row: its last cell is cut
        rows = [[make_cell(text, r, c, sp) for c, sp in enumerate(row)] for r, row in enumerate(spans)]
    if not any(any(cell_kind(c.text) == "n" for c in row) for row in rows):
        return None
    return TextTable(rows, i, j)


def _without_packed_headers(text: str, spans: list[list[tuple[int, int, int]]]) -> list[list[tuple[int, int, int]]]:
    """Drop header rows whose merged group labels the exporter packed to the left
    (``合计 | 因公出国(境)费 | 公务用车… | 公务接待费 | |||||||``): which columns each label spans
    is lost, and a guessed alignment would put amounts under the wrong item."""
    def mostly_numbers(row: list[tuple[int, int, int]]) -> bool:
        kinds = [cell_kind(text[s:e]) for s, e, _ in row if e > s]
        return bool(kinds) and kinds.count("n") * 2 >= len(kinds)

    numeric = [k for k, row in enumerate(spans) if mostly_numbers(row)]
    if not numeric:
        return spans
    data = [spans[k] for k in numeric]
    width = max(_filled(text, row) for row in data)
    cells = {len(row) for row in data}
    keep = []
    for k, row in enumerate(spans):
        filled = [c for c, (s, e, _) in enumerate(row) if e > s]
        packed = (k < numeric[0] and filled and filled == list(range(len(filled)))
                  and len(filled) < width - 1 and len(row) - len(filled) >= 2 and len(row) > max(cells))
        if not packed:
            keep.append(row)
    return keep


def _pipe_cells(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    j = i
    spans: list[tuple[int, int, int]] = []
    while j < len(lines) and _pipe_cell_line(lines[j]):
        ln = lines[j]
        bar = ln.start + ln.s.index("|")
        spans.append(cell_span(text, ln.start, bar, ln.no))
        j += 1
    if not _accept(text, spans):
        return None
    return TextTable(sequence_rows(text, spans), i, j)


def _bare_cells(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    """Bare short lines; blank lines between cells are separators when the run uses them as
    such (then every extra blank line is an empty cell), else every blank line is a cell."""
    j, last = i, i
    while j < len(lines) and (_bare_cell_line(lines[j]) or not lines[j].s.strip()):
        if lines[j].s.strip():
            last = j
        j += 1
    run = lines[i:last + 1]
    filled = [k for k, ln in enumerate(run) if ln.s.strip()]
    gaps = [b - a - 1 for a, b in zip(filled, filled[1:])]
    separated = bool(gaps) and sum(1 for g in gaps if g >= 1) >= 0.6 * len(gaps)
    spans: list[tuple[int, int, int]] = []
    for k, ln in enumerate(run):
        if ln.s.strip():
            spans.append(cell_span(text, ln.start, ln.end, ln.no))
    if separated:
        out: list[tuple[int, int, int]] = []
        for n, sp in enumerate(spans):
            out.append(sp)
            if n < len(gaps):
                out.extend([(sp[1], sp[1], sp[2])] * max(0, gaps[n] - 1))
        spans = out
    else:
        spans = []
        for ln in run:
            spans.append(cell_span(text, ln.start, ln.end, ln.no))
    if not _accept(text, spans) or _card_stack(text, spans):
        return None
    return TextTable(sequence_rows(text, spans), i, last + 1)


_OCR_TOKEN = re.compile(r"\S+")


def _flat_ocr_line(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    """An OCR line holding a whole table: space-separated cells, labels followed by numbers."""
    ln = lines[i]
    if len(ln.s) < 40 or "|" in ln.s or "\t" in ln.s or ln.s.count("。") > 1:
        return None
    if len(ln.s.split()) < 9:  # three label-number-number runs (they cannot overlap) need 9 cells
        return None
    spans = [(ln.start + m.start(), ln.start + m.end(), ln.no) for m in _OCR_TOKEN.finditer(ln.s)]
    kinds = [cell_kind(text[s:e]) for s, e, _ in spans]
    pairs = sum(1 for a, b, c in zip(kinds, kinds[1:], kinds[2:]) if a == "t" and b == "n" and c == "n")
    if pairs < 3 or kinds.count("n") < 6:
        return None
    first = next(k for k, (a, b, c) in enumerate(zip(kinds, kinds[1:], kinds[2:])) if a == "t" and b == "n" and c == "n")
    captions = [k for k in range(first) if _caption(text[spans[k][0]:spans[k][1]])]
    before = None
    if captions:  # the cover page and form captions printed before the table are not cells
        before = (ln.start, spans[captions[-1]][1])
        spans = spans[captions[-1] + 1:]
    return TextTable(sequence_rows(text, spans), i, i + 1, before)


@dataclass(frozen=True)
class _OneLine:
    no: int
    start: int
    end: int
    s: str


def paragraph_table(paragraph: str) -> TextTable | None:
    """A paragraph of a rebuilt document (DOCX, HTML, PDF) that is a whole table flattened onto
    one line ('|'-separated cells or an OCR line of space-separated cells); offsets are relative
    to the paragraph. None for ordinary paragraphs and one-row '|' lines."""
    if "\n" in paragraph:
        return None
    lines = [_OneLine(1, 0, len(paragraph), paragraph)]
    found = _pipe_rows(paragraph, lines, 0) if "|" in paragraph else _flat_ocr_line(paragraph, lines, 0)
    return found if found is not None and len(found.rows) >= 2 else None


def find_table(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    """The text table that starts at line ``i`` (no tab layout), or None."""
    return TextTables(text, lines).table_at(i)


_SENTENCE_MARK = re.compile(r"[。；;！？]")


def prose_line(s: str) -> bool:
    """A line at which no reader of this module (nor ``text_columns``) starts a table: no ``|``
    (so no pipe layout), a sentence mark (so ``_bare_cell_text``'s tests fail, and
    ``text_columns._SENTENCE`` finds it too: no space-aligned candidate), more than 3 characters
    (so no missing marker; a number holds no sentence mark: not a bare cell) and shorter than 40
    characters, holding two 。 or fewer than 9 space-separated tokens (so ``_flat_ocr_line``
    refuses it)."""
    return "|" not in s and (len(s) < 40 or s.count("。") > 1 or len(s.split()) < 9) and len(s.strip()) > 3 \
        and _SENTENCE_MARK.search(s) is not None


class TextTables:
    """The text tables of one text (no tab layout), found from a given line. A run of bare cell
    lines is scanned once: it ends at the same line whichever of its lines it is read from."""

    def __init__(self, text: str, lines: Sequence[LineLike]):
        self.text = text
        self.lines = lines
        self._run: tuple[int, int, int, list[int]] | None = None  # first, stop, last, number lines

    def table_at(self, i: int) -> TextTable | None:
        text, lines = self.text, self.lines
        ln = lines[i]
        if "|" in ln.s:  # (without a "|" neither pipe layout applies)
            if _pipe_row_line(ln) or (not _pipe_cell_line(ln) and ln.s.strip() != "|"):
                return _pipe_rows(text, lines, i)
            if _pipe_cell_line(ln):
                return _pipe_cells(text, lines, i)
        if "，" in ln.s and (cards := read_cards(text, lines, i)) is not None:  # key：value，… rows (text_cards.py)
            return TextTable(cards.rows, cards.first, cards.stop)
        if "," in ln.s and (csv := read_csv_table(text, lines, i)) is not None:  # comma-separated export (text_csv.py)
            return TextTable(csv.rows, csv.first, csv.stop)
        if i + 1 < len(lines) and word_row(lines[i + 1].s) and (words := read_word_table(text, lines, i)) is not None:
            return TextTable(words.rows, words.first, words.stop)  # one space between cells (text_gaps.py)
        if _bare_cell_line(ln):
            return self._bare_cells(i)
        return _flat_ocr_line(text, lines, i)

    def _bare_cells(self, i: int) -> TextTable | None:
        """``_bare_cells`` from line i, skipped when the rest of its run holds fewer than two
        number lines: every cell of the run is a line of it or a blank, a blank is kind 'b', so
        the run's 'n' cells are its number lines, and ``_accept`` wants two 'n' at least."""
        run = self._run
        if run is None or not run[0] <= i < run[1]:
            lines, j, last = self.lines, i, i
            while j < len(lines) and (_bare_cell_line(lines[j]) or not lines[j].s.strip()):
                if lines[j].s.strip():
                    last = j
                j += 1
            numbers = [k for k in range(i, last + 1) if cell_kind(lines[k].s) == "n"]
            run = self._run = (i, j, last, numbers)
        numbers = run[3]
        if len(numbers) < 2 or numbers[-2] < i:
            return None
        return _bare_cells(self.text, self.lines, i)
