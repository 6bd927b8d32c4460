"""主要指标对比表: a table of headline figures, one per row (本年收入合计, 财政拨款收入, 本年支出合计,
基本支出, "三公"经费 …), with this year's amount, last year's and the change columns. Each row
is named by the metric wordings (seeds/lexicon/metric_wordings.csv) and the 三公 total's
wordings; a row no wording names gives nothing."""

from __future__ import annotations

import re

from ...model import Fact, ParsedDocument
from ...vocab.lexicon import Keyword, keywords
from ...vocab.names import three_public_total_pattern
from .columns import column_roles
from .facts import make_fact, row_changes, this_year_cells
from .grid import Grid, nfkc, row_items, value_cells
from .standard import TableSpec, cell_unit, table_labels

THREE_PUBLIC_TOTAL = "three_public_total"
# "一、" / "（二）" / "1." / "其中：" before the row's name
_LEAD = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.、])?(?:其中[:：])?")


def _name(label: str) -> str:
    s = nfkc(label).strip()
    return _LEAD.sub("", s).strip()


def _metric(name: str) -> tuple[str, str | None] | None:
    """(metric, qualifier) of a row name the wordings state in full."""
    if three_public_total_pattern().fullmatch(re.sub(r"[\"“”‘’']|合计$", "", name)):
        return THREE_PUBLIC_TOTAL, None
    kw: Keyword | None = next((k for k in keywords() if k.pattern.fullmatch(name)), None)
    if kw is None:
        return None
    return kw.metric, (name if kw.qualifier is None else kw.qualifier or None)


def extract_summary_table(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    start, labels = table_labels(grid, spec)
    roles = column_roles(labels)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        for item in row_items(grid, r):
            name = _name(item.name)
            named = _metric(name)
            cells = value_cells(item)
            if named is None or not cells:
                continue
            metric, qual = named
            unit = lambda c: cell_unit(labels, c.col, spec.unit)  # noqa: E731
            amounts = this_year_cells(cells, roles)
            if amounts:
                out.append(make_fact(doc, metric, amounts[0], unit(amounts[0]), item.name_cell, qual))
            out.extend(row_changes(doc, cells, roles, unit, item.name_cell, name))
    return out
