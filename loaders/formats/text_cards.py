"""Key-value "card" rows -> rows of Cells: the table view of a mobile page or a data portal,
one table row per line, each cell printed with its column header in front of it:

    科目编码：208，科目名称：社会保障和就业支出，本年支出：148.62，基本支出：148.62，项目支出：
    科目编码：20805，科目名称：行政事业单位养老支出，本年支出：148.62，基本支出：148.62，项目支出：

Pairs are separated by the full-width comma (an ASCII comma is a thousands separator inside an
amount), a key from its value by a colon. A run of two or more such lines that share their keys
is one table: its header row is the keys in the order they are printed (a key a line leaves out
is an empty cell of that line), every line a body row of its values. An empty value
(``项目支出：`` with nothing after it) is an empty cell; the extractor reads it as missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Cell, Location
from .text_atoms import LineLike, is_number

_PAIR = re.compile(r"\s*([^：:，\s\d][^：:，]{0,11}?)\s*[：:]\s*([^：:，]{0,40}?)\s*$")
MIN_PAIRS = 3
MIN_LINES = 2
MIN_SHARED_KEYS = 2


@dataclass(frozen=True)
class Pair:
    key: str
    key_span: tuple[int, int]  # char offsets into the text
    value: str
    value_span: tuple[int, int]


def pairs_of(ln: LineLike) -> list[Pair] | None:
    """The key-value pairs of a card line, or None when the line is not one (every part between
    full-width commas must be ``key：value``, at least MIN_PAIRS of them, one value a number)."""
    s = ln.s
    if s.count("，") < MIN_PAIRS - 1 or ("：" not in s and ":" not in s):
        return None
    out: list[Pair] = []
    pos = 0
    for part in s.split("，"):
        m = _PAIR.fullmatch(part)
        if m is None:
            return None
        base = ln.start + pos
        out.append(Pair(m.group(1), (base + m.start(1), base + m.end(1)), m.group(2),
                        (base + m.start(2), base + m.end(2))))
        pos += len(part) + 1
    if len({p.key for p in out}) != len(out) or not any(p.value and is_number(p.value) for p in out):
        return None
    return out


def card_line(ln: LineLike) -> bool:
    return pairs_of(ln) is not None


@dataclass
class CardTable:
    rows: list[list[Cell]]
    first: int  # index of the table's first line
    stop: int  # index of the first line after it


def read_cards(text: str, lines: Sequence[LineLike], i: int) -> CardTable | None:
    """The card table starting at line ``i``, or None."""
    run: list[tuple[LineLike, list[Pair]]] = []
    j = i
    while j < len(lines):
        got = pairs_of(lines[j])
        if got is None:
            break
        if run and len({p.key for p in got} & {p.key for p in run[0][1]}) < MIN_SHARED_KEYS:
            break
        run.append((lines[j], got))
        j += 1
    if len(run) < MIN_LINES:
        return None
    keys: list[str] = []
    key_cell: dict[str, tuple[LineLike, tuple[int, int]]] = {}
    for ln, pairs in run:  # the keys in printed order: a new key goes right after the one before it
        after = -1
        for p in pairs:
            if p.key in key_cell:
                after = keys.index(p.key)
                continue
            after += 1
            keys.insert(after, p.key)
            key_cell[p.key] = (ln, p.key_span)
    header = [Cell(0, c, k, Location(line=key_cell[k][0].no, char_start=key_cell[k][1][0], char_end=key_cell[k][1][1]))
              for c, k in enumerate(keys)]
    rows = [header]
    for r, (ln, pairs) in enumerate(run, start=1):
        by_key = {p.key: p for p in pairs}
        row = []
        for c, k in enumerate(keys):
            p = by_key.get(k)
            if p is None or not p.value:
                at = p.value_span[0] if p is not None else ln.end
                row.append(Cell(r, c, "", Location(line=ln.no, char_start=at, char_end=at)))
            else:
                row.append(Cell(r, c, p.value, Location(line=ln.no, char_start=p.value_span[0], char_end=p.value_span[1])))
        rows.append(row)
    return CardTable(rows, i, j)
