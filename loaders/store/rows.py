"""ParsedDocument + facts -> rows of the raw.* tables (pure functions, no database).

Rows are column-oriented dicts so the writer can hand them to DuckDB as Arrow tables.
Money stays exact: Decimal values travel as plain decimal strings and DuckDB casts them
to the DECIMAL columns; no float is ever involved.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..model import Block, Fact, Location, ParsedDocument

_SURROGATES = re.compile(r"[\ud800-\udfff]")

# Column order of each table as written by the loader (raw.documents is written by load.py).
BLOCK_COLUMNS = ("document_id", "block_no", "kind", "text", "page", "line_start", "char_start",
                 "char_end", "table_no", "location")
CELL_COLUMNS = ("document_id", "table_no", "block_no", "row_no", "col_no", "text", "page", "sheet",
                "cell_ref", "bbox", "char_start", "char_end")
FACT_COLUMNS = ("document_id", "fact_no", "metric", "value_text", "value", "unit", "amount_wan",
                "qualifier", "subject_code", "direction", "period", "fiscal_year", "source", "evidence",
                "page", "line_no", "char_start", "char_end", "location", "extractor_version",
                "subject_code_origin", "approximate", "ocr_confidence", "ocr_unverified")


def clean_text(s: str | None) -> str | None:
    """Replace lone surrogates (undecodable bytes) by U+FFFD: same length, so offsets hold."""
    if s is None:
        return None
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return _SURROGATES.sub("\ufffd", s)


def decimal_text(d: Decimal | None) -> str | None:
    """A Decimal as a plain (never exponent) decimal string, for a DECIMAL column."""
    if d is None:
        return None
    if not isinstance(d, Decimal):
        raise TypeError(f"money must be Decimal, got {type(d).__name__}")
    if not d.is_finite():
        raise ValueError(f"not a finite number: {d}")
    return format(d, "f")


@dataclass
class Rows:
    """Column-oriented rows of one table."""

    columns: tuple[str, ...]
    data: dict[str, list[Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in self.columns:
            self.data.setdefault(c, [])

    def add(self, **values: Any) -> None:
        get, data = values.get, self.data
        for c in self.columns:
            data[c].append(get(c))

    def __len__(self) -> int:
        return len(self.data[self.columns[0]]) if self.columns else 0


def _bbox_json(loc: Location) -> str | None:
    return json.dumps(list(loc.bbox)) if loc.bbox else None


def block_rows(document_id: str, doc: ParsedDocument) -> tuple[Rows, Rows]:
    """raw.blocks and raw.table_cells rows. A table block without table_no gets its rank."""
    blocks = Rows(BLOCK_COLUMNS)
    cells = Rows(CELL_COLUMNS)
    table_rank = 0
    for b in doc.blocks:
        table_no = b.table_no
        if b.kind == "table" and table_no is None:
            table_no = table_rank
        if b.kind == "table":
            table_rank += 1
        loc = b.location
        line = loc.line
        if line is None and loc.char_start is not None:
            line = doc.line_of(loc.char_start)
        blocks.add(
            document_id=document_id, block_no=b.block_no, kind=b.kind, text=clean_text(b.text),
            page=loc.page, line_start=line, char_start=loc.char_start, char_end=loc.char_end,
            table_no=table_no, location=clean_text(loc.to_json()),
        )
        if b.kind == "table" and b.rows:
            _cell_rows(cells, document_id, b, table_no)
    return blocks, cells


def _cell_rows(cells: Rows, document_id: str, b: Block, table_no: int | None) -> None:
    for row in b.rows or []:
        for c in row:
            loc = c.location
            cells.add(
                document_id=document_id, table_no=table_no, block_no=b.block_no, row_no=c.row,
                col_no=c.col, text=clean_text(c.text) or "", page=loc.page if loc.page is not None else b.location.page,
                sheet=clean_text(loc.sheet), cell_ref=loc.cell, bbox=_bbox_json(loc),
                char_start=loc.char_start, char_end=loc.char_end,
            )


def fact_rows(document_id: str, doc: ParsedDocument, facts: list[Fact], extractor_version: str) -> Rows:
    rows = Rows(FACT_COLUMNS)
    for i, f in enumerate(facts):
        loc = f.location
        line = loc.line
        if line is None and loc.char_start is not None:
            line = doc.line_of(loc.char_start)
        page = loc.page
        if page is None and loc.char_start is not None:
            page = doc.page_of(loc.char_start)
        rows.add(
            document_id=document_id, fact_no=i, metric=f.metric, value_text=clean_text(f.value_text),
            value=decimal_text(f.value), unit=clean_text(f.unit), amount_wan=decimal_text(f.amount_wan),
            qualifier=clean_text(f.qualifier), subject_code=f.subject_code, direction=f.direction,
            period=f.period, fiscal_year=f.fiscal_year, source=f.source, evidence=clean_text(f.evidence),
            page=page, line_no=line, char_start=loc.char_start, char_end=loc.char_end,
            location=clean_text(loc.to_json()), extractor_version=extractor_version,
            subject_code_origin=f.subject_code_origin,
            approximate=bool(getattr(f, "approximate", False)),
            ocr_confidence=f.ocr_confidence, ocr_unverified=f.ocr_unverified,
        )
    return rows
