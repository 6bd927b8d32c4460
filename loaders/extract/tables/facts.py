"""A table Fact from its cells: evidence (the document text from the row's label through the
value cell), location, printed number; and the signed change-column fact."""

from __future__ import annotations

from decimal import Decimal

from ...model import Cell, Fact, Location, ParsedDocument
from ...numbers import NUMBER_RE, parse_number
from ...vocab.tables import CHANGE_ROLES, NOT_AMOUNT_ROLES
from .grid import nfkc


def evidence_for(doc: ParsedDocument, label: Cell | None, value: Cell) -> tuple[str, Location]:
    """Evidence = document text from the label cell through the value cell (same row, contiguous),
    else the value cell's own text. Location = the value cell's location with its line."""
    loc = value.location
    vs, ve = loc.char_start, loc.char_end
    if vs is None or ve is None:
        return value.text, loc
    if label is not None and (ls := label.location.char_start) is not None and ls < vs:
        span = doc.text[ls:ve]
        if len(span) <= 120 or (len(span) <= 300 and "\n" not in span):
            return span, Location(loc.page, loc.sheet, loc.cell, doc.line_of(ls), ls, ve, loc.bbox)
    if loc.line is None:
        loc = Location(loc.page, loc.sheet, loc.cell, doc.line_of(vs), vs, ve, loc.bbox)
    return doc.text[vs:ve], loc


def make_fact(
    doc: ParsedDocument,
    metric: str,
    value_cell: Cell,
    unit: str,
    label_cell: Cell | None = None,
    qualifier: str | None = None,
    subject_code: str | None = None,
    value: Decimal | None = None,
    value_text: str | None = None,
    period: str | None = None,
) -> Fact:
    evidence, loc = evidence_for(doc, label_cell, value_cell)
    if value is None:
        value = parse_number(value_cell.text)
        value_text = value_text or _printed_number(value_cell.text)
    return Fact(
        metric=metric,
        value=value,
        unit=unit,
        evidence=evidence,
        location=loc,
        qualifier=qualifier,
        subject_code=subject_code,
        period=period,
        value_text=value_text,
        source="table",
    )


CHANGE_METRICS = {"change_abs": "prior_year_change_abs", "change_pct": "prior_year_change_pct"}
SKIP_FOR_AMOUNT = NOT_AMOUNT_ROLES | CHANGE_ROLES


def change_fact(
    doc: ParsedDocument,
    role: str,
    value_cell: Cell,
    unit: str,
    label_cell: Cell | None,
    qualifier: str | None,
    subject_code: str | None = None,
) -> Fact | None:
    """A signed number in a change column (增减额 ``-204.61``, 增减率 ``-7.03%``): the change
    against last year, magnitude as value, the sign as direction."""
    text = nfkc(value_cell.text).strip().replace("−", "-")
    signed = parse_number(text[1:] if text.startswith("+") else text)
    if signed is None:
        return None
    fact = make_fact(doc, CHANGE_METRICS[role], value_cell, "%" if role == "change_pct" else unit, label_cell,
                     qualifier, subject_code, value=abs(signed), value_text=_printed_number(text.lstrip("+-")))
    fact.direction = "decrease" if signed < 0 else "increase" if signed > 0 else None
    return fact


def _printed_number(text: str) -> str | None:
    m = NUMBER_RE.search(nfkc(text))
    return m.group() if m else None


def row_changes(doc: ParsedDocument, cells: list[Cell], roles: dict[int, str | None], unit_of, label_cell: Cell | None,
                qualifier: str | None, subject_code: str | None = None) -> list[Fact]:
    """The change facts of one row: its first cell in each change column (增减额 / 增减率)."""
    out: list[Fact] = []
    seen: set[str] = set()
    for cell in cells:
        role = roles.get(cell.col)
        if role in CHANGE_METRICS and role not in seen:
            seen.add(role)
            fact = change_fact(doc, role, cell, unit_of(cell), label_cell, qualifier, subject_code)
            if fact is not None:
                out.append(fact)
    return out


def this_year_cells(cells: list[Cell], roles: dict[int, str | None]) -> list[Cell]:
    """Value cells that may hold this year's amount: not last year's, a share, a change or a number."""
    return [c for c in cells if roles.get(c.col) not in SKIP_FOR_AMOUNT]
