"""收入支出决算总表 and 财政拨款收入支出决算总表: label/amount pairs on an income side and an
expense side. Both sides may sit on one row (项目 | 行次 | 金额 | 项目 | 行次 | 金额), or the
expense side may have rows of its own (the income side runs out first), or the two sides may
follow each other in one column. The 财政拨款 table's expense side has one column per fund
(合计 | 一般公共预算财政拨款 | 政府性基金… | 国有资本经营…); metric names: see standard.py."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...model import Cell, Fact, ParsedDocument
from ...vocab.tables import fund_lines, row_label
from .columns import column_roles, fund_of
from .facts import make_fact, row_changes, this_year_cells
from .grid import (
    Grid,
    RowItem,
    is_serial_label,
    norm,
    row_items,
    value_cells,
)
from .standard import TableSpec, cell_unit, table_labels

NOT_FUNCTION = ("上缴", "经营支出", "附属单位", "结余", "结转", "合计", "总计")


@dataclass
class SideState:
    """Which side the last single-column row was on, and which 结转 block fund lines belong to."""

    last_side: str = "收入"
    carry: dict[str, str | None] = field(default_factory=dict)  # side -> begin / end while fund lines list a 结转 total's parts


def _sides(grid: Grid, start: int, skip: set[int]) -> tuple[list[tuple[int, list[RowItem]]], int | None]:
    rows = [(r, row_items(grid, r, skip)) for r in range(start, len(grid.rows))]
    lane1 = [it.name_cell.col for _, items in rows for it in items if it.lane >= 1]
    return rows, (min(lane1) if lane1 else None)


def _side(item: RowItem, split: int | None, state: SideState) -> str:
    n = norm(item.name)
    if split is not None:
        return "支出" if item.name_cell.col >= split else "收入"
    if ("收入" in n or "年初" in n) and "支出" not in n:
        state.last_side = "收入"  # 年初结转和结余 closes the income side
    elif "支出" in n or "年末" in n or "结余分配" in n:
        state.last_side = "支出"
    return state.last_side


def extract_total_table(doc: ParsedDocument, grid: Grid, spec: TableSpec, fin: bool = False) -> list[Fact]:
    start, labels = table_labels(grid, spec)
    roles = column_roles(labels)
    skip = {c for c, role in roles.items() if role == "serial"}
    rows, split = _sides(grid, start, skip)
    state = SideState()
    paired = _paired_grand_totals([it for _, items in rows for it in items]) if split is None else {}
    out: list[Fact] = []
    for _, items in rows:
        for item in items:
            if is_serial_label(item.name):
                continue
            side = paired.get(id(item)) or _side(item, split, state)
            cells = value_cells(item)
            if fin:
                out.extend(_fin_item(doc, item, cells, side, labels, spec, state))
            elif cells:
                metric, qual = _total_metric(norm(item.name), item.name, side)
                amounts = this_year_cells(cells, roles)
                if "total" in roles.values():  # 预算数 beside 决算数: the budget is no actual
                    amounts = [c for c in amounts if roles.get(c.col) != "budget"]
                if metric and amounts:
                    out.append(make_fact(doc, metric, amounts[0], cell_unit(labels, amounts[0].col, spec.unit),
                                         item.name_cell, qual))
                out.extend(row_changes(doc, cells, roles, lambda c: cell_unit(labels, c.col, spec.unit),
                                       item.name_cell, item.name))
    return out


def _paired_grand_totals(items: list[RowItem]) -> dict[int, str]:
    """Two bare 总计 rows one after the other in a one-lane reading (the two sides of a
    收入支出 table printed row by row): the first closes the income side, the second the expense."""
    out: dict[int, str] = {}
    for a, b in zip(items, items[1:]):
        if norm(a.name) == norm(b.name) == "总计" and id(a) not in out:
            out[id(a)], out[id(b)] = "收入", "支出"
    return out


def _total_metric(n: str, name: str, side: str) -> tuple[str | None, str | None]:
    if "总计" in n:
        return "total_income_expense", (n if n in {"收入总计", "支出总计"} else side + "总计")
    rule = row_label(n)
    if rule is not None:
        return rule.metric, rule.qualifier_for(name)
    if side == "支出" and _is_function_line(n):
        return "expense_by_function", name
    return None, None


def _is_function_line(n: str) -> bool:
    return n.endswith("支出") and not any(k in n for k in NOT_FUNCTION) and _row_metric(n) not in ("expense_basic", "expense_project")


def _fund_line(n: str) -> str | None:
    """gpb / gfb / scob when the label is one fund's line (一般公共预算财政拨款(收入))."""
    for line in fund_lines():
        if n == line or n == line + "收入" or (n.endswith(line) and len(n) - len(line) <= 2):
            return fund_of(line)
    return None


def _row_metric(n: str) -> str | None:
    rule = row_label(n)
    return rule.metric if rule else None


def _fin_item(doc, item: RowItem, cells: list[Cell], side: str, labels, spec: TableSpec, state: SideState) -> list[Fact]:
    n = norm(item.name)
    fund = _fund_line(n)
    if fund is None:
        state.carry[side] = "begin" if ("年初" in n and "结转" in n) else "end" if ("年末" in n and "结转" in n) else None
    carry = state.carry.get(side)
    if not cells:
        return []

    def fact(metric: str, cell: Cell, qual: str | None) -> Fact:
        return make_fact(doc, metric, cell, cell_unit(labels, cell.col, spec.unit), item.name_cell, qual)

    if fund is not None:
        if carry:  # a fund's part of the 结转和结余 line above: that fund's own total
            return [fact(f"{fund}_carryover_{carry}", cells[0], None)]
        return [fact("fin_income_by_source", cells[0], item.name)] if side == "收入" else []
    if "总计" in n:
        return [fact("fin_approp_total", cells[0], n if n in {"收入总计", "支出总计"} else side + "总计")]
    if side == "收入":
        if _row_metric(n) == "total_income":
            return [fact("fin_income_total", cells[0], None)]
        if carry == "begin":
            return [fact("fin_carryover_begin", cells[0], item.name)]
        return []
    out = []
    for cell in cells:  # expense side: one column per fund
        scope = fund_of(labels.get(cell.col, "")) or "fin"
        if carry == "end":
            metric, qual = f"{scope}_carryover_end", (item.name if scope == "fin" else None)
        elif _row_metric(n) == "total_expense":
            metric, qual = f"{scope}_expense_total", None
        elif _row_metric(n) in ("expense_basic", "expense_project"):
            metric, qual = f"{scope}_{_row_metric(n)}", None
        elif _is_function_line(n):
            metric, qual = f"{scope}_expense_by_function", item.name
        else:
            continue
        out.append(fact(metric, cell, qual))
    return out
