"""The one document model every format parses into, and the fact model the extractor emits.

Pipeline: formats (file -> ParsedDocument of Blocks with Locations)
       -> extract (ParsedDocument -> Facts with evidence)
       -> store (facts -> raw.* tables in DuckDB).

Offsets: every ``char_start``/``char_end`` is an offset into ``ParsedDocument.text``.
For text inputs (.txt/.md) that text is the decoded file exactly as printed, so evidence
substrings match the source file. For other formats it is the text the parser rebuilt
(blocks joined by blank lines), and every block/cell records where it sits in it.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, NamedTuple

BlockKind = Literal["heading", "paragraph", "table"]


class Location(NamedTuple):
    """Where a piece of text sits in its source document. One per block, cell and fact, so it
    is kept cheap: an immutable named tuple (built by one C-level ``tuple.__new__`` where many
    are made at once, see ``formats.text_cells.locations``; changed with ``_replace``), no deep
    copy in ``to_dict``. Fields are given by keyword everywhere but in the bulk builders."""

    page: int | None = None  # 1-based PDF page
    sheet: str | None = None  # spreadsheet sheet name
    cell: str | None = None  # spreadsheet cell address, e.g. "B7"
    line: int | None = None  # 1-based line of char_start in ParsedDocument.text
    char_start: int | None = None  # offset into ParsedDocument.text
    char_end: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # PDF x0, top, x1, bottom

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in zip(self._fields, self) if v is not None}

    def to_json(self) -> str:
        """``json.dumps(self.to_dict(), ensure_ascii=False)``, written without building the dict
        (one per raw block, cell and fact row): ints as they print, anything else through json."""
        parts = []
        for k, v in zip(self._fields, self):
            if v is not None:
                parts.append(f'"{k}": {v}' if type(v) is int else f'"{k}": {json.dumps(v, ensure_ascii=False)}')
        return "{" + ", ".join(parts) + "}"

    def __eq__(self, other: object) -> bool:  # a Location equals only a Location, not any 7-tuple
        return type(other) is Location and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = tuple.__hash__


@dataclass(slots=True)
class Cell:
    row: int  # 0-based row within its table
    col: int  # 0-based column within its table
    text: str  # printed text of the cell
    location: Location


@dataclass(slots=True)
class Block:
    block_no: int  # 0-based order in the document
    kind: BlockKind
    text: str  # printed text; for tables rows are joined by "\n" and cells by "\t"
    location: Location
    rows: list[list[Cell]] | None = None  # tables only
    table_no: int | None = None  # tables only, 0-based order among tables


@dataclass
class ParsedDocument:
    format: str  # pdf, docx, doc, html, xlsx, xls, txt, md
    text: str
    blocks: list[Block]
    pages: int | None = None
    encoding: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def tables(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "table"]

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset in ``text``."""
        if offset < 0:
            return self.text.count("\n", 0, offset) + 1
        return bisect.bisect_left(self._index("newlines", self.text, _newline_offsets), offset) + 1

    def page_of(self, offset: int) -> int | None:
        """Page on which the character at ``offset`` is printed (PDF), else None.

        ``meta["page_spans"]`` (PDF parser) lists ``[page, char_start, char_end]`` in text
        order, one span per page a block runs over; without it the page where the
        containing block starts is used.
        """
        spans = self.meta.get("page_spans")
        if spans:
            starts = self._index("span_starts", spans, lambda sp: [s[1] for s in sp])
            i = bisect.bisect_right(starts, offset) - 1
            if i >= 0 and spans[i][1] <= offset < spans[i][2]:
                return spans[i][0]
        for s, e, page in self._index("block_spans", self.blocks, _block_spans):
            if s <= offset < e:
                return page
        return None

    def _index(self, name: str, source: Any, make: Any) -> Any:
        """``make(source)``, kept on this document while ``source`` is the same object of the
        same length (line and page lookups are asked once per fact and cell: a scan of the
        whole text or of every block each time made them quadratic in the document)."""
        memo = self.__dict__.get("_indexes")
        if memo is None:  # setdefault would build an empty dict on every call
            memo = self.__dict__["_indexes"] = {}
        hit = memo.get(name)
        if hit is None or hit[0] is not source or hit[1] != len(source):
            hit = memo[name] = (source, len(source), make(source))
        return hit[2]


_NEWLINE_RE = re.compile("\n")


def _newline_offsets(text: str) -> list[int]:
    """Offset of every newline of ``text``, ascending: one C scan (a ``str.find`` loop ran a
    Python step per line)."""
    return [m.start() for m in _NEWLINE_RE.finditer(text)]


def _block_spans(blocks: list[Block]) -> list[tuple[int, int, int | None]]:
    """(char_start, char_end, page) of the blocks with both offsets, in document order; empty
    when no block has a page (text formats), so a lookup there costs nothing."""
    spans = [(b.location.char_start, b.location.char_end, b.location.page) for b in blocks
             if b.location.char_start is not None and b.location.char_end is not None]
    return spans if any(p is not None for _, _, p in spans) else []


@dataclass
class Fact:
    """One number a document states, in the vocabulary of FACTS.md."""

    metric: str
    value: Decimal | None  # None only for printed missing markers (-, --, 无)
    unit: str  # as printed: 万元, 元, 百元, %, 辆, 人 ...
    evidence: str  # exact substring of ParsedDocument.text; contains the number as printed
    location: Location
    qualifier: str | None = None
    direction: str | None = None  # increase / decrease, change metrics only
    subject_code: str | None = None
    subject_code_origin: str | None = None  # printed / name / path / document (loaders.extract.subjects)
    fiscal_year: int | None = None
    period: str | None = None  # None = the document's year; prior_year; budget
    amount_wan: Decimal | None = None  # value normalised to 万元 for money units
    value_text: str | None = None  # the number exactly as printed, e.g. "1,145.52"
    source: str = "prose"  # prose | table
    approximate: bool = False  # printed as 约/近/余/多 ...: not an exact amount (kept out of the marts)
    ocr_confidence: float | None = None  # set only for facts read from OCR'd pages (0..1)
    ocr_unverified: bool | None = None  # OCR'd and no identity / agreement confirms the number

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "metric": self.metric,
            "value": float(self.value) if self.value is not None else None,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "direction": self.direction,
            "evidence": self.evidence,
            "location": self.location.to_dict(),
            "subject_code": self.subject_code,
            "subject_code_origin": self.subject_code_origin,
            "fiscal_year": self.fiscal_year,
            "period": self.period,
            "amount_wan": float(self.amount_wan) if self.amount_wan is not None else None,
            "value_text": self.value_text,
            "source": self.source,
            "approximate": self.approximate or None,
            "ocr_confidence": self.ocr_confidence,
            "ocr_unverified": self.ocr_unverified,
        }
        return {k: v for k, v in d.items() if v is not None}
