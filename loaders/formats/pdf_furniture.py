"""Running headers, footers and page numbers of a PDF ("page furniture").

They are not part of the reading text: left in, they split a sentence that runs over a
page break ("……主要用于" / "—5—" / "局本部人员经费……"). A line is furniture when it sits
among the first or last lines of its page, in the outer band of the page, and either

* is a page number only: ``5``, ``—5—``, ``- 5 -``, ``第5页``, ``第5页 共25页``, ``5/25``,
  ``Page 5 of 25``, a roman numeral; or
* repeats (digits ignored) at the same edge on several pages.

Unit lines (``单位：万元``) and numbered titles are never furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .pdf_words import Line
from .titles import looks_like_title

_DASH = r"[-—–－─_·•~～\s]*"
PAGE_NUMBER_RE = re.compile(
    rf"""^\s*(?:
        {_DASH}\d{{1,4}}{_DASH}
      | 第\s*\d{{1,4}}\s*页(?:\s*[,，/、]?\s*共\s*\d{{1,4}}\s*页)?
      | (?:共\s*\d{{1,4}}\s*页\s*[,，]?\s*)?第\s*\d{{1,4}}\s*页
      | \d{{1,4}}\s*/\s*\d{{1,4}}
      | (?:page|p\.)\s*\d{{1,4}}(?:\s*(?:of|/)\s*\d{{1,4}})?
      | {_DASH}[ivxlcdm]{{1,6}}{_DASH}
    )\s*$""",
    re.VERBOSE | re.IGNORECASE,
)
_UNIT_RE = re.compile(r"单位[:：]|金额单位|计量单位")

EDGE_LINES = 2  # lines at each edge of a page that may be furniture
OUTER_BAND = 0.13  # share of the page height at the top and bottom
MIN_REPEAT_PAGES = 3
MIN_REPEAT_SHARE = 0.4


@dataclass(frozen=True)
class Furniture:
    page: int
    text: str
    bbox: tuple[float, float, float, float]


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text.strip()))


def _edge_lines(lines: list[Line], height: float) -> list[tuple[str, Line]]:
    """(edge, line) for lines that could be furniture: first/last lines in the outer band."""
    out: list[tuple[str, Line]] = []
    for ln in lines[:EDGE_LINES]:
        if ln.bottom <= height * OUTER_BAND:
            out.append(("top", ln))
    for ln in lines[-EDGE_LINES:]:
        if ln.top >= height * (1 - OUTER_BAND) and not any(ln is o for _, o in out):
            out.append(("bottom", ln))
    return out


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def find_furniture(pages: list[list[Line]], heights: list[float]) -> list[set[int]]:
    """For every page, the ids (``id(line)``) of its furniture lines."""
    candidates = [_edge_lines(lines, h) for lines, h in zip(pages, heights)]
    counts: Counter[tuple[str, str]] = Counter()
    for cands in candidates:
        counts.update({(edge, _key(ln.text)) for edge, ln in cands})
    with_text = sum(1 for lines in pages if lines)
    # repeated on several pages; a two-page document needs both, one page has no repeats
    need = max(MIN_REPEAT_PAGES, MIN_REPEAT_SHARE * with_text) if with_text >= MIN_REPEAT_PAGES else max(2, with_text + (with_text < 2))
    out: list[set[int]] = []
    for cands in candidates:
        ids: set[int] = set()
        for edge, ln in cands:
            text = ln.text.strip()
            if is_page_number(text):
                ids.add(id(ln))
            elif (
                counts[(edge, _key(text))] >= need
                and not _UNIT_RE.search(text)
                and not looks_like_title(text)
            ):
                ids.add(id(ln))
        out.append(ids)
    return out
