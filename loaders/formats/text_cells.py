"""Cells of tab-separated text rows, built a table at a time (``text.py`` reads the layouts).

A table of a text export holds thousands of cells, each with a Location, so they are built in
bulk: the Locations by ``locations`` (one C-level ``tuple.__new__`` each, no Python call), and
when no part of the table needs trimming, every cell of the table straight from one
``str.split`` of its lines joined by tabs (offsets, lines and rows
by C-level maps over all cells). What is left per cell is the Location and the Cell themselves
(measured with callgrind: about 5k and 2k instructions each, most of the cost of a big table).
"""

from __future__ import annotations

from itertools import accumulate, chain, count, islice, repeat
from operator import add, attrgetter, sub
from typing import Protocol, Sequence

from ..model import Cell, Location
from .builder import fold_lines


class LineLike(Protocol):
    no: int
    start: int
    end: int
    s: str


_new_tuple = tuple.__new__


def locations(line: Sequence[int], char_start: Sequence[int], char_end: Sequence[int]) -> list[Location]:
    """``[Location(line=l, char_start=s, char_end=e) for l, s, e in zip(...)]``, built in bulk:
    each Location by a C-level ``tuple.__new__`` over its seven fields (no Python call per
    Location); the three sequences must be of one length."""
    n = len(line)
    none = repeat(None)  # zip stops at the shortest: the given sequences
    return list(map(_new_tuple, repeat(Location, n), zip(none, none, none, line, char_start, char_end, none)))


def tab_rows(lines: Sequence[LineLike], first_row: int = 0, min_filled: int = 0) -> tuple[list[list[Cell]], list[str]] | None:
    """The cells of tab-separated rows, one row per line (numbered from ``first_row``), and each
    row's printed text (its cells' texts joined by tabs); None when no row has ``min_filled``
    non-blank cells. A cell is its part of the line trimmed; an empty one sits where its part
    starts; a part holding a \\r, \\x0b or \\x0c is folded (``fold_lines``).

    When no part needs trimming or folding (the usual export), the whole table is cut by one
    ``str.split`` of its lines joined by tabs: each cell is its part, where the part starts, and
    each row prints as its line; every list is built by C-level ``map`` calls over all cells."""
    strings = list(map(_text_of, lines))
    joined = "\t".join(strings)
    parts = joined.split("\t")
    if "\r" in joined or "\x0b" in joined or "\x0c" in joined or list(map(str.strip, parts)) != parts:
        return _trimmed_tab_rows(lines, first_row, min_filled)
    widths = list(map(add, map(str.count, strings, repeat("\t")), repeat(1)))
    if min_filled and not _filled(parts, widths, min_filled):
        return None
    lengths = list(map(len, parts))
    # a part starts after the parts and separators before it in ``joined``, plus its line's shift
    # from ``joined`` to the text: one shift when the lines follow each other, one "\n" apart
    starts = list(accumulate(map(add, lengths, repeat(1)), initial=lines[0].start))
    if lines[-1].end - lines[0].start == len(joined):
        del starts[-1]
    else:
        line_at = accumulate(map(add, map(len, strings), repeat(1)), initial=0)
        shifts = map(sub, map(_start_of, lines), line_at)
        starts = list(map(add, starts, chain.from_iterable(map(repeat, map(sub, shifts, repeat(lines[0].start)), widths))))
    ends = list(map(add, starts, lengths))
    nos = list(chain.from_iterable(map(repeat, map(_no_of, lines), widths)))
    locs = locations(nos, starts, ends)
    cells = map(Cell, chain.from_iterable(map(repeat, count(first_row), widths)),
                chain.from_iterable(map(range, widths)), parts, locs)
    return list(map(list, map(islice, repeat(cells), widths))), strings


_text_of = attrgetter("s")
_start_of = attrgetter("start")
_no_of = attrgetter("no")


def _filled(parts: list[str], widths: list[int], least: int) -> bool:
    """Some row (``widths[r]`` parts each, in order) holds ``least`` non-empty parts or more."""
    a = 0
    for k in widths:
        b = a + k
        if k - parts[a:b].count("") >= least:
            return True
        a = b
    return False


def _trimmed_tab_rows(lines: Sequence[LineLike], first_row: int, min_filled: int) -> tuple[list[list[Cell]], list[str]] | None:
    """``tab_rows`` for rows whose parts need trimming or folding, a line at a time."""
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
    if min_filled and not _filled(texts, widths, min_filled):
        return None
    locs = locations(nos, starts, ends)
    it = map(Cell, chain.from_iterable(map(repeat, count(first_row), widths)),
             chain.from_iterable(map(range, widths)), texts, locs)
    rows = list(map(list, map(islice, repeat(it), widths)))
    printed: list[str] = []
    a = 0
    for k in widths:
        printed.append("\t".join(texts[a:a + k]))
        a += k
    return rows, printed
