"""Comma-separated text tables (a spreadsheet exported or pasted as CSV) -> rows of Cells.

    科目编码,科目名称,2025年预算数,2024年预算数
    合计,,3986.20,3810.46
    205,教育支出,3468.92,3301.50
    "2080505","机关事业单位基本养老保险缴费支出","1,164.20",158.77

A run of consecutive lines, each split at its ASCII commas outside double quotes into the same
number of cells (three or more), is a table when at least two of its lines are data lines: every
cell blank, a number (a code, an amount, a percentage or a missing marker: ``text_rows.cell_kind``
'n') or a label without a digit, and at least one number. Header lines (labels, ``2025年预算数``)
may only come before the first data line. A line of half-width prose (``本年收入合计1,234.56万元,
比上年增加12.30万元``) splits into cells that mix words and digits, so it is no data line and
starts no table. A quoted cell's text is what lies between its quotes (``""`` is one quote).

Column roles, table kinds and subject codes are read by the one table reader in ``loaders/extract``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Cell
from .text_atoms import LineLike
from .text_rows import cell_kind, make_cell

MIN_CELLS = 3
MIN_DATA_LINES = 2
_DIGIT = re.compile(r"\d")
_PROSE = re.compile(r"[。；！？，\t|]")  # full-width sentence marks, tabs and pipes: another layout


@dataclass
class CsvTable:
    rows: list[list[Cell]]
    first: int  # index of the table's first line
    stop: int  # index of the first line after it


def csv_spans(s: str, start: int) -> list[tuple[int, int]] | None:
    """(start, end) text offsets of the cells of one CSV line starting at offset ``start``
    (inside the quotes for a quoted cell, surrounding spaces trimmed); None when a quote is left
    open or the line holds fewer than two commas."""
    if s.count(",") < MIN_CELLS - 1:
        return None
    spans: list[tuple[int, int]] = []
    i, n = 0, len(s)
    while True:
        while i < n and s[i] == " ":
            i += 1
        if i < n and s[i] == '"':
            j = i + 1
            while True:
                j = s.find('"', j)
                if j < 0:
                    return None
                if j + 1 < n and s[j + 1] == '"':
                    j += 2
                    continue
                break
            spans.append((start + i + 1, start + j))
            k = j + 1
            while k < n and s[k] == " ":
                k += 1
            if k < n and s[k] != ",":
                return None
            i = k
        else:
            k = s.find(",", i)
            k = n if k < 0 else k
            body = s[i:k].rstrip()
            spans.append((start + i, start + i + len(body)))
            i = k
        if i >= n:
            return spans
        i += 1  # past the comma
        if i == n:
            spans.append((start + n, start + n))
            return spans


def _kinds(text: str, spans: Sequence[tuple[int, int]]) -> tuple[bool, bool]:
    """(data line, header line) for the cells of one line."""
    numbers = labels_with_digits = 0
    for a, b in spans:
        t = text[a:b]
        k = cell_kind(t)
        if k == "n":
            numbers += 1
        elif k == "t" and _DIGIT.search(t):
            labels_with_digits += 1
    data = numbers >= 1 and labels_with_digits == 0
    header = numbers == 0
    return data, header


def read_csv_table(text: str, lines: Sequence[LineLike], i: int) -> CsvTable | None:
    """The CSV table starting at line ``i``, or None."""
    first = lines[i]
    if _PROSE.search(first.s):
        return None
    spans0 = csv_spans(first.s, first.start)
    if spans0 is None:
        return None
    width = len(spans0)
    rows: list[list[tuple[int, int]]] = []
    data_lines = 0
    j = i
    while j < len(lines):
        ln = lines[j]
        if _PROSE.search(ln.s):
            break
        spans = csv_spans(ln.s, ln.start)
        if spans is None or len(spans) != width:
            break
        data, header = _kinds(text, spans)
        if data:
            data_lines += 1
        elif not (header and data_lines == 0):
            break  # a header after the data, or a line of words and digits: not this table's
        rows.append(spans)
        j += 1
    if data_lines < MIN_DATA_LINES:
        return None
    cells = [[make_cell(text, r, c, (a, b, lines[i + r].no)) for c, (a, b) in enumerate(row)] for r, row in enumerate(rows)]
    return CsvTable(cells, i, j)
