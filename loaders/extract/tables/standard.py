"""Facts from the standard 决算 tables whose rows are 支出功能分类 or 经济分类 subjects:
收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表, 财政拨款支出决算表, 政府性基金 / 国有资本经营
预算财政拨款(收入)支出决算表, 财政拨款支出决算明细表 (经济分类), 一般公共预算财政拨款基本支出决算表
(one or two lanes) and 一般公共预算财政拨款项目支出决算表. Columns are mapped by header label
(columns.column_role, from seeds), rows by their printed code (3 digits = 类, 5 = 款, 7 = 项;
3xx/5xx = 经济分类) or, without a code, by name.

Metric names added beyond FACTS.md (FACTS.md allows adding metrics, never renaming). A prefix
names the fund scope of the table the number comes from:
    fin_  财政拨款 (all three funds)          gpb_  一般公共预算财政拨款
    gfb_  政府性基金预算财政拨款               scob_ 国有资本经营预算财政拨款
  subject rows (qualifier = subject name, subject_code = printed code):
    {fin,gfb,scob}_expense_by_function      类 row, 支出 合计/决算数 column (gpb_: FACTS.md)
    {fin,gfb,scob}_expense_item             款/项 row, same column (gpb_expense_item: FACTS.md)
    {gpb,gfb,scob,fin}_expense_item_basic   款/项 row, 基本支出 column
    {gpb,gfb,scob,fin}_expense_item_project 款/项 row, 项目支出 column
    {gfb,scob,fin}_item_budget, {gfb,scob,fin}_item_completion_pct   年初预算 / 完成% columns
    {gfb,scob}_income_item                  本年收入 column
    {gpb,gfb,scob,fin}_carryover_begin / _carryover_end   年初 / 年末结转和结余 columns
                                            (qualifier None on the 合计 row; the subject on
                                            subject rows; the fund line in 财政拨款收入支出决算总表)
  合计 rows (qualifier None):
    {fin,gfb,scob}_expense_total (gpb_expense_total: FACTS.md)
    {gpb,gfb,scob,fin}_expense_basic / _expense_project
    {gpb,gfb,scob,fin}_budget_total, {gfb,scob,fin}_completion_pct (gpb: gpb_completion_pct)
    {gfb,scob,fin}_income_total
  财政拨款收入支出决算总表 (totals.py):
    fin_income_by_source  income lines (一般公共预算财政拨款 …), qualifier = the line's name
    fin_income_total      本年收入合计
  财政拨款支出决算明细表 / 一般公共预算财政拨款支出决算明细表, rows by 经济分类:
    {gpb,fin,gfb,scob}_econ_item (合计 column), _econ_item_basic, _econ_item_project
    (expense_econ_item, … when the table is not fund-scoped)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...model import Cell, Fact, ParsedDocument
from ...vocab import read_seed
from ...vocab.metrics import is_metric
from ...vocab.tables import CHANGE_ROLES, basic_lane_metric, row_label
from .columns import column_role, column_roles
from .project import is_unit_level
from .facts import change_fact, make_fact, row_changes, this_year_cells
from .grid import (
    CJK_RE,
    Grid,
    RowItem,
    column_labels,
    first_data_row,
    header_rows,
    is_serial_label,
    label_unit,
    norm,
    row_items,
    value_cells,
)


@dataclass
class TableSpec:
    kind: str
    unit: str
    title: str
    scope: str = "all"  # all | fin | gpb | gfb | scob
    labels: dict[int, str] | None = None  # column labels inherited by a continuation block


def table_labels(grid: Grid, spec: TableSpec) -> tuple[int, dict[int, str]]:
    """First data row and column labels; a block without header rows (a table continued over a
    page break) takes the labels of the block it continues when the column count agrees.
    Found once per grid and spec (the dispatcher and the table's reader both ask)."""
    found = grid.memo.get("table_labels")
    if found is not None and found[0] is spec:
        return found[1]
    read = _table_labels(grid, spec)
    grid.memo["table_labels"] = (spec, read)
    return read


def _table_labels(grid: Grid, spec: TableSpec) -> tuple[int, dict[int, str]]:
    start = first_data_row(grid)
    labels = column_labels(grid, header_rows(grid, start))
    if spec.labels and not any(labels.values()) and len(spec.labels) == grid.ncols:
        labels = dict(spec.labels)
    return start, labels


def is_total_name(name: str) -> bool:
    n = norm(name)
    return n in {"合计", "总计", "小计", "本年合计"} or n.startswith("合计") or (n.endswith(("合计", "总计")) and len(n) <= 8)


def cell_unit(labels: dict[int, str], col: int, default: str) -> str:
    return label_unit(labels.get(col, "")) or default


def _prefix(scope: str) -> str:
    return "" if scope == "all" else scope + "_"


def metric_for(scope: str, role: str, level: str) -> str | None:
    """Metric of one value cell: fund scope x column role x row level (total/class/item/econ);
    None for a combination the metric vocabulary (seeds/metrics.csv) does not define."""
    m = _metric_for(scope, role, level)
    return m if m is None or is_metric(m) else None


def _metric_for(scope: str, role: str, level: str) -> str | None:
    p = _prefix(scope)
    if level == "total":
        if role == "total":
            return "total_expense" if scope == "all" else f"{p}expense_total"
        if role in ("basic", "project"):
            return f"{p}expense_{role}"
        if role in ("personnel", "public") and scope == "gpb":
            return "basic_personnel" if role == "personnel" else "basic_public"
        if scope == "all":
            return None
        return {
            "budget": f"{p}budget_total",
            "pct": f"{p}completion_pct",
            "income": f"{p}income_total",
            "carry_begin": f"{p}carryover_begin",
            "carry_end": f"{p}carryover_end",
        }.get(role)
    if level == "econ":
        base = "expense_econ_item" if scope == "all" else f"{p}econ_item"
        return {"total": base, "basic": f"{base}_basic", "project": f"{base}_project"}.get(role)
    if level == "class":
        return f"{p}expense_by_function" if role == "total" else None
    if role == "total":
        return f"{p}expense_item"
    if role in ("basic", "project"):
        return f"{p}expense_item_{role}"
    if scope == "all":
        return None
    return {
        "budget": f"{p}item_budget",
        "pct": f"{p}item_completion_pct",
        "income": f"{p}income_item",
        "carry_begin": f"{p}carryover_begin",
        "carry_end": f"{p}carryover_end",
    }.get(role)


def row_level(item: RowItem, is_class_name, econ_default: bool = False) -> str:
    if is_total_name(item.name):
        return "total"
    code = item.code
    if code and code[0] in "35":
        return "econ"
    if code:
        return "class" if len(code) == 3 else "item"
    if is_class_name(item.name):
        return "class"
    return "econ" if econ_default else "item"


@dataclass
class CodeFiller:
    """Completes partial codes: tables that print 类 | 款 | 项 in three columns often leave the
    parent parts blank under the row that printed them ('' | 06 | 01 行政运行 under 201)."""

    level_of_col: dict[int, int] = field(default_factory=dict)  # code column -> 0 类 / 1 款 / 2 项
    last: list[str] = field(default_factory=lambda: ["", "", ""])

    @classmethod
    def from_labels(cls, labels: dict[int, str]) -> "CodeFiller":
        levels = {"类": 0, "款": 1, "项": 2}
        found = {c: levels[lab[-1]] for c, lab in labels.items() if lab and lab[-1] in levels}
        return cls(level_of_col=found if len(set(found.values())) == 3 else {})

    def fill(self, item: RowItem) -> str | None:
        cells = item.code_cells
        if item.code:
            if len(cells) >= 2:
                for i, c in enumerate(cells):
                    self.level_of_col[c.col] = i
            code = item.code.replace(" ", "")
            self.last = [code[:3], code[3:5], code[5:7]]
            return item.code
        if not cells or not self.level_of_col:
            return None
        parts = list(self.last)
        levels = []
        for c in cells:
            level = self.level_of_col.get(c.col)
            if not level or len(c.text.strip()) != 2:
                return None
            parts[level] = c.text.strip()
            levels.append(level)
        deepest = max(levels)
        if not all(parts[: deepest + 1]):
            return None
        self.last = parts[: deepest + 1] + [""] * (2 - deepest)
        return "".join(parts[: deepest + 1])


def cells_by_role(cells: list[Cell], roles: dict[int, str | None], override: dict[str, str] | None = None):
    """(role, cell) for the first value cell of every role. Without any labelled amount column
    the first unlabelled cell is the row's own amount."""
    out: dict[str, Cell] = {}
    for cell in cells:
        role = roles.get(cell.col)
        if role is None and not out and not any(roles.get(c.col) == "total" for c in cells):
            role = "total"
        if role is None or role in ("ignore", "serial"):
            continue
        role = (override or {}).get(role, role)
        out.setdefault(role, cell)
    return list(out.items())


def extract_subject_table(
    doc: ParsedDocument, grid: Grid, spec: TableSpec, is_class_name, override: dict[str, str] | None = None
) -> list[Fact]:
    """支出决算表 and its fund-scoped siblings: one fact per (subject row, column role)."""
    start, labels = table_labels(grid, spec)
    roles = column_roles(labels)
    skip = {c for c, r in roles.items() if r == "serial"}
    # a 明细表 by 经济分类 has no budget or completion columns: with them, its rows are 功能分类 items
    econ_default = spec.kind == "econ_detail" and not any(r in ("budget", "pct") for r in roles.values())
    codes = CodeFiller.from_labels(labels)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        for item in row_items(grid, r, skip):
            if is_serial_label(item.name):
                continue
            item.code = codes.fill(item)
            cells = value_cells(item)
            if not cells:
                continue
            level = row_level(item, is_class_name, econ_default)
            for role, cell in cells_by_role(cells, roles, override):
                qual = None if level == "total" else item.name
                code = None if level == "total" else item.code
                if role in CHANGE_ROLES:
                    what = (fund_total_name(spec.scope) or item.name) if level == "total" else item.name
                    change = change_fact(doc, role, cell, cell_unit(labels, cell.col, spec.unit), _first_cell(item),
                                         what, code)
                    out.extend([change] if change else [])
                    continue
                metric = metric_for(spec.scope, role, level)
                if metric is None:
                    continue
                unit = "%" if role == "pct" else cell_unit(labels, cell.col, spec.unit)
                out.append(make_fact(doc, metric, cell, unit, _first_cell(item), qual, code))
    return out


@lru_cache(maxsize=None)
def fund_total_name(scope: str) -> str | None:
    """What the 合计 row of a one-fund subject table totals ("一般公共预算财政拨款支出"), from
    seeds/lexicon/fund_scopes.csv; None for a table of all funds."""
    row = next((r for r in read_seed("fund_scopes") if r["metric_prefix"] == scope + "_"), None)
    return row["fund_scope"] + "支出" if row else None


def _first_cell(item: RowItem) -> Cell:
    """The row's first printed cell (its code, else its name): evidence starts there."""
    if item.code and item.code_cells:
        return min(item.code_cells + [item.name_cell], key=lambda c: c.location.char_start or 0)
    return item.name_cell


def extract_income_table(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    """收入决算表: 本年收入合计 by subject (income_item) and the 合计 row (total_income, and
    income_by_source under each income-line column)."""
    start, labels = table_labels(grid, spec)
    roles = column_roles(labels)
    serial = {c for c, role in roles.items() if role == "serial"}
    codes = CodeFiller.from_labels(labels)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        for item in row_items(grid, r, serial):
            item.code = codes.fill(item)
            all_cells = value_cells(item)
            cells = this_year_cells(all_cells, roles)
            if not all_cells or is_serial_label(item.name):
                continue
            total = is_total_name(item.name)
            out.extend(row_changes(doc, all_cells, roles, lambda c: cell_unit(labels, c.col, spec.unit),
                                   _first_cell(item), item.name, None if total else item.code))
            has_total_col = any("合计" in labels.get(c.col, "") for c in item.values)
            cell = next((c for c in cells if "合计" in labels.get(c.col, "")), None if has_total_col or not cells else cells[0])
            if cell is None:
                continue  # the 合计 column is blank on this row: other columns are not its total
            metric = "total_income" if total else "income_item"
            out.append(
                make_fact(doc, metric, cell, cell_unit(labels, cell.col, spec.unit), item.name_cell,
                          None if total else item.name, None if total else item.code)
            )
            if total:  # the 合计 row under the income-line columns (财政拨款收入, 事业收入 …): the unit's income by source
                for c in cells:
                    lab = labels.get(c.col, "")
                    line = row_label(lab) if c is not cell else None
                    if line is not None and line.metric == "income_by_source":
                        out.append(make_fact(doc, "income_by_source", c, cell_unit(labels, c.col, spec.unit),
                                             item.name_cell, line.qualifier_for(lab)))
    return out


def extract_basic_table(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    """一般公共预算财政拨款基本支出决算表: 经济分类 items in one or two lanes (人员经费 / 公用经费)."""
    start, labels = table_labels(grid, spec)
    roles = column_roles(labels)
    skip = {c for c, role in roles.items() if role == "serial"}
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        for item in row_items(grid, r, skip):
            vals = this_year_cells(value_cells(item), roles)
            if not vals or is_serial_label(item.name):
                continue
            n = norm(item.name)
            unit0 = cell_unit(labels, vals[0].col, spec.unit)
            lane = basic_lane_metric(n)  # 人员经费 / 公用经费 rows
            if lane:
                out.append(make_fact(doc, lane, vals[0], unit0, item.name_cell, item.name))
                continue
            if is_total_name(item.name):
                out.extend(_basic_total_row(doc, item, vals, labels, spec))
                continue
            code = item.code if item.code and item.code[0] in "35" else None
            cell = next((v for v in vals if roles.get(v.col) == "total"), vals[0])
            out.append(make_fact(doc, "econ_item", cell, cell_unit(labels, cell.col, spec.unit), item.name_cell, item.name, code))
    return out


def _basic_total_row(doc, item: RowItem, vals: list[Cell], labels, spec: TableSpec) -> list[Fact]:
    """合计 row of a basic table: 人员经费 / 公用经费 columns, and the 基本支出 total itself."""
    out = []
    for cell in vals:
        lab = labels.get(cell.col, "")
        role = column_role(lab)
        unit = cell_unit(labels, cell.col, spec.unit)
        if role in ("personnel", "public") and len(lab) > 6 \
                and not any(column_role(lab[-n:]) == role for n in range(2, 7)):
            role = "total" if len(vals) == 1 else None  # a lane's 决算数 column: the grand 合计 alone
        if role in ("personnel", "public"):  # qualifier: the column's own wording
            metric = "basic_personnel" if role == "personnel" else "basic_public"
            out.append(make_fact(doc, metric, cell, unit, item.name_cell, _own_label(grid_label=lab, role=role)))
        elif not any(f.metric == "gpb_expense_basic" for f in out) and (role == "total" or not lab):
            out.append(make_fact(doc, "gpb_expense_basic", cell, unit, item.name_cell, None))
    return out


def _own_label(grid_label: str, role: str) -> str:
    """The last part of a stacked label that still has the role (决算数人员经费 -> 人员经费)."""
    for k in range(len(grid_label)):
        if column_role(grid_label[k:]) != role:
            return grid_label[k - 1:] if k else grid_label
    return grid_label


def extract_project_expense_table(doc: ParsedDocument, grid: Grid, spec: TableSpec, is_class_name) -> list[Fact]:
    """一般公共预算财政拨款项目支出决算表: rows by project (项目名称 column: project_executed /
    project_budget) or by 功能分类 subject (their amounts are 项目支出)."""
    start, labels = table_labels(grid, spec)
    name_col = next((c for c, lab in sorted(labels.items()) if "项目名称" in lab), None)
    if name_col is None:
        return extract_subject_table(doc, grid, spec, is_class_name, override={"total": "project"})
    roles = column_roles(labels)
    p = _prefix(spec.scope)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        name_cell = grid.cell(r, name_col)
        label_cell = name_cell if name_cell is not None and name_cell.text.strip() else None
        if label_cell is None:
            c, _ = grid.first_text(r)
            label_cell = grid.cell(r, c) if c >= 0 else None
        if label_cell is None or is_serial_label(label_cell.text):
            continue
        name = label_cell.text.strip()
        total = is_total_name(name)
        if not total and (not CJK_RE.search(name) or is_unit_level(name)):
            continue  # a nameless row or the whole unit's row is no project
        cells = value_cells(_as_item(grid, r, max(name_col, label_cell.col)))
        for role, cell in cells_by_role(cells, roles, {"total": "project"} if total else None):
            if total:
                metric = f"{p}expense_project" if role == "project" else None
            else:
                metric = {"total": "project_executed", "project": "project_executed", "budget": "project_budget",
                          "adjusted_budget": "project_adjusted_budget", "pct": "project_execution_rate"}.get(role)
            if metric is None:
                continue
            unit = "%" if role == "pct" else cell_unit(labels, cell.col, spec.unit)
            out.append(make_fact(doc, metric, cell, unit, label_cell, None if total else name))
    return out


def _as_item(grid: Grid, r: int, after_col: int) -> RowItem:
    cells = grid.rows[r]
    return RowItem(row=r, name_cell=cells[0], name="", code=None, values=[c for c in cells if c.col > after_col])
