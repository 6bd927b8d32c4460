"""Items of a PDF in reading order (text blocks and tables) and their joining across pages.

A table at the top of a page continuing the table that ended the previous page is
appended to it (cells keep their own page and bbox; an unruled continuation with fewer
visible columns is placed on the first part's columns by x), and a paragraph cut by the
page break continues. ``text_page_spans`` / ``table_page_spans`` give the
``[page, char_start, char_end]`` of each page a block runs over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Location
from .builder import CellSpec, fold_lines
from .pdf_words import Box, Line

TERMINAL = tuple("。！？；：:;!?）)")  # a line ending in one of these ends a sentence (or clause)
_AMOUNT = re.compile(r"^[-−]?\d[\d,，]*\.\d+$")  # a printed amount (with decimals)


@dataclass
class TextItem:
    kind: str  # heading | paragraph
    lines: list[Line]
    page: int
    bbox: Box

    @property
    def text(self) -> str:
        return fold_lines("\n".join(ln.text for ln in self.lines))

    def page_parts(self) -> list[tuple[int, str]]:
        """(page, folded text) of each page the item runs over, in order."""
        parts: list[tuple[int, list[Line]]] = []
        for ln in self.lines:
            if parts and parts[-1][0] == ln.page:
                parts[-1][1].append(ln)
            else:
                parts.append((ln.page, [ln]))
        return [(p, fold_lines("\n".join(ln.text for ln in lns))) for p, lns in parts]


@dataclass
class TableItem:
    rows: list[list[CellSpec]]
    page: int
    bbox: Box
    pages: list[int] = field(default_factory=list)
    top_of_page: bool = False
    ends_page: bool = False
    ruled: bool = True


def _regrid(it: TableItem, prev: TableItem) -> list[list[CellSpec]] | None:
    """An unruled table continued on the next page with fewer columns (columns empty on
    that page are not seen there): its cells placed on the previous part's columns by x,
    or None when they do not fit one-to-one."""
    if it.ruled or prev.ruled or len(it.rows[0]) >= len(prev.rows[0]):
        return None
    width = len(prev.rows[0])
    # the columns' x ranges from the body rows (a row with an amount): a header cell spanning
    # several columns (支出功能分类科目编码 over 类/款/项) would make neighbours overlap
    body = [r for r in prev.rows if any(_AMOUNT.match(c.text.strip()) for c in r)] or prev.rows
    spans: list[tuple[float, float] | None] = []
    for c in range(width):
        boxes = [r[c].location.bbox for r in body if c < len(r) and r[c].location.bbox]
        spans.append((min(b[0] for b in boxes), max(b[2] for b in boxes)) if boxes else None)
    target: dict[int, int] = {}
    for c in range(len(it.rows[0])):
        boxes = [r[c].location.bbox for r in it.rows if r[c].location.bbox]
        if not boxes:
            return None
        a, b = min(x[0] for x in boxes), max(x[2] for x in boxes)
        hits = [i for i, sp in enumerate(spans) if sp is not None and min(b, sp[1]) - max(a, sp[0]) > 0]
        if len(hits) != 1 or hits[0] in target.values():
            return None
        target[c] = hits[0]
    if list(target.values()) != sorted(target.values()):
        return None
    out = []
    for r in it.rows:
        row = [CellSpec("", Location(page=it.page)) for _ in range(width)]
        for c, cell in enumerate(r):
            row[target[c]] = cell
        out.append(row)
    return out


def _continues_over_break(
    prev: TextItem, it: TextItem, prev_margin: tuple[float, float] | None, margin: tuple[float, float] | None
) -> bool:
    """Does paragraph ``it`` (first on its page) continue ``prev`` (last on the page before)?

    Its first line starts at the left margin (no first-line indent), and ``prev`` either
    does not end a sentence or its last line runs to the right margin (a line that ends
    in "）" or "：" exactly at the margin is cut mid-sentence).
    """
    if margin is None or it.lines[0].x0 > margin[0] + 0.8 * it.lines[0].size:
        return False
    text = prev.text
    if not text.endswith(TERMINAL):
        return True
    last = prev.lines[-1]
    return (
        prev_margin is not None
        and not text.endswith(tuple("。！？!?"))
        and prev_margin[1] - last.x1 <= 2.5 * last.size
    )


def stitch(pages: list[list[TextItem | TableItem]], margins: list[tuple[float, float] | None]) -> list[TextItem | TableItem]:
    """Join page lists, appending continued tables and paragraphs to their start."""
    out: list[TextItem | TableItem] = []
    for p, items in enumerate(pages):
        for i, it in enumerate(items):
            prev = out[-1] if out else None
            if i == 0 and prev is not None and p > 0:
                if isinstance(it, TableItem) and isinstance(prev, TableItem) and prev.ends_page:
                    rows = it.rows if len(it.rows[0]) == len(prev.rows[0]) else _regrid(it, prev)
                    if rows is not None:
                        prev.rows.extend(rows)
                        prev.pages.append(it.page)
                        continue
                if (
                    isinstance(it, TextItem)
                    and isinstance(prev, TextItem)
                    and it.kind == prev.kind == "paragraph"
                    and _continues_over_break(prev, it, margins[p - 1], margins[p])
                ):
                    prev.lines.extend(it.lines)
                    continue
            out.append(it)
    return out


def text_page_spans(start: int, item: TextItem) -> list[list[int]]:
    """[page, char_start, char_end] for each page a text block runs over."""
    full = item.text
    spans: list[list[int]] = []
    pos = 0
    for page, part in item.page_parts():
        at = full.find(part, pos) if part else -1
        if at < 0:  # cannot happen with fold_lines; keep the block's first page then
            return [[item.page, start, start + len(full)]]
        spans.append([page, start + at, start + at + len(part)])
        pos = at + len(part)
    return spans


def table_page_spans(blk: Any) -> list[list[int]]:
    spans: list[list[int]] = []
    for row in blk.rows:
        page = next((c.location.page for c in row if c.location.page is not None), blk.location.page)
        s, e = row[0].location.char_start, row[-1].location.char_end
        if spans and spans[-1][0] == page:
            spans[-1][2] = e
        else:
            spans.append([page, s, e])
    return spans
