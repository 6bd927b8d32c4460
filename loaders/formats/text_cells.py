"""Cells of tab-separated text rows, built a table at a time (``text.py`` reads the layouts).

A table of a text export holds thousands of cells, each with a Location, so they are built in
bulk: the Locations by ``locations`` (the slots filled from C-level ``map`` calls instead of one
Python ``__init__`` per Location), the cells of a line whose tab-separated parts need no trimming
straight from ``str.split``.
"""

from __future__ import annotations

from collections import deque
from dataclasses import MISSING, fields
from itertools import accumulate, count, repeat
from operator import add
from typing import Protocol, Sequence

from ..model import Cell, Location
from .builder import fold_lines


class LineLike(Protocol):
    no: int
    start: int
    end: int
    s: str


def _slot_setters() -> list[tuple[str, object, object]] | None:
    """(field, slot setter, default) of every Location field, or None when Location does not keep
    its fields in slots (then ``locations`` calls the constructor)."""
    out = []
    for f in fields(Location):
        slot = Location.__dict__.get(f.name)
        if slot is None or type(slot).__name__ != "member_descriptor" or f.default is MISSING:
            return None
        out.append((f.name, slot.__set__, f.default))
    return out


_SETTERS = _slot_setters()
_new = object.__new__


def locations(line: Sequence[int], char_start: Sequence[int], char_end: Sequence[int]) -> list[Location]:
    """``[Location(line=l, char_start=s, char_end=e) for l, s, e in zip(...)]``, built in bulk: the
    objects first, then each slot over all of them (what Location's own ``__init__`` does per
    object, without a Python call per field and object)."""
    n = len(line)
    if _SETTERS is None:
        return [Location(line=a, char_start=b, char_end=c) for a, b, c in zip(line, char_start, char_end)]
    objs = list(map(_new, repeat(Location, n)))
    given = {"line": line, "char_start": char_start, "char_end": char_end}
    for name, setter, default in _SETTERS:
        deque(map(setter, objs, given.get(name) or repeat(default, n)), 0)  # type: ignore[arg-type]
    return objs


def tab_rows(lines: Sequence[LineLike], first_row: int = 0, min_filled: int = 0) -> tuple[list[list[Cell]], list[str]] | None:
    """The cells of tab-separated rows, one row per line (numbered from ``first_row``), and each
    row's printed text (its cells' texts joined by tabs); None when no row has ``min_filled``
    non-blank cells. A cell is its part of the line trimmed; an empty one sits where its part
    starts; a part holding a \\r, \\x0b or \\x0c is folded (``fold_lines``)."""
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    nos: list[int] = []
    widths: list[int] = []
    strip = str.strip
    for ln in lines:
        s = ln.s
        parts = s.split("\t")
        k = len(parts)
        widths.append(k)
        nos += repeat(ln.no, k)
        if list(map(strip, parts)) == parts and "\r" not in s and "\x0b" not in s and "\x0c" not in s:
            # no part to trim or fold: each cell is its part, where the part starts (after the
            # parts before it and their tabs)
            at = list(map(add, accumulate(map(len, parts[:-1]), initial=ln.start), count()))
            texts += parts
            starts += at
            ends += map(add, at, map(len, parts))
            continue
        pos = ln.start
        for part in parts:
            body = part.strip()
            if body:
                start = pos + part.find(body[0])
                texts.append(body if body.isprintable() else fold_lines(body))
                starts.append(start)
                ends.append(start + len(body))
            else:
                texts.append("")
                starts.append(pos)
                ends.append(pos)
            pos += len(part) + 1
    if min_filled:
        a, filled = 0, 0
        for k in widths:
            filled = max(filled, k - texts[a:a + k].count(""))
            a += k
        if filled < min_filled:
            return None
    locs = locations(nos, starts, ends)
    rows: list[list[Cell]] = []
    printed: list[str] = []
    a = 0
    for r, k in enumerate(widths, start=first_row):
        b = a + k
        row_texts = texts[a:b]
        rows.append(list(map(Cell, repeat(r, k), range(k), row_texts, locs[a:b])))
        printed.append("\t".join(row_texts))
        a = b
    return rows, printed
