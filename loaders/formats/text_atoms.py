"""Atoms of a text line for the space-aligned table reader: runs of non-space characters with
their char offsets and display columns (CJK characters two columns wide), and the column an atom
falls under (text_columns.py reads columns, text_headers.py header rows)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Protocol

from ..numbers import is_missing

_ATOM = re.compile(r"[^ \t\u3000\r]+")


class LineLike(Protocol):
    no: int
    start: int
    end: int
    s: str


CODE = re.compile(r"^\d{2,7}$")  # digits a subject code may print in front of its name
# an amount as printed in a cell (the body of _NUMBER; other patterns embed it)
NUMBER_TEXT = r"[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?"
_NUMBER = re.compile(f"^{NUMBER_TEXT}$")
_MISSING_CHARS = frozenset("-－—–/无")


def is_number(t: str) -> bool:
    """An amount, a code part or a missing marker (the text_rows cell kind 'n'), checked fast."""
    if _NUMBER.match(t):
        return True
    return len(t) <= 3 and (t[0] in _MISSING_CHARS or not t.isascii()) and is_missing(t)


@dataclass
class Atom:
    start: int  # char offsets into the text
    end: int
    x0: int  # display columns
    x1: int
    text: str
    num: bool


@dataclass
class Row:
    idx: int  # line index
    line: LineLike
    atoms: list[Atom]
    body: bool = field(default=False)


def widths(s: str, wide: bool) -> list[int]:
    """Display column of every char boundary of ``s``."""
    out = [0]
    if not wide or s.isascii():
        return list(range(len(s) + 1))
    x = 0
    for ch in s:
        x += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        out.append(x)
    return out


def atoms_of(ln: LineLike, wide: bool) -> list[Atom]:
    xs = widths(ln.s, wide)
    return [Atom(ln.start + m.start(), ln.start + m.end(), xs[m.start()], xs[m.end()], m.group(),
                  is_number(m.group())) for m in _ATOM.finditer(ln.s)]


def assign(a: Atom, cols: list[tuple[int, int]]) -> int:
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


def span_of(a: Atom, cols: list[tuple[int, int]]) -> tuple[int, int]:
    least = max(2.0, (a.x1 - a.x0) * 0.4)  # a label reaching into the next column stays in one
    hit = [j for j, (c0, c1) in enumerate(cols) if min(a.x1, c1) - max(a.x0, c0) >= least]
    if not hit:
        j = assign(a, cols)
        return j, j
    return hit[0], hit[-1]
