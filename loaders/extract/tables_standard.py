"""Facts from the standard 决算 tables: 收入支出决算总表, 收入决算表, 支出决算表,
财政拨款收入支出决算总表, 一般公共预算财政拨款支出决算表, 一般公共预算财政拨款基本支出决算表
(two lanes), 财政拨款"三公"经费支出决算表. Columns are mapped by header label."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Fact, ParsedDocument
from ..numbers import parse_number
from .tables_grid import (
    CODE_FULL_RE,
    CODE_PART_RE,
    Grid,
    RowItem,
    column_labels,
    label_unit,
    make_fact,
    norm,
    row_items,
    value_cells,
)

INCOME_SOURCES = (
    "一般公共预算财政拨款收入",
    "政府性基金预算财政拨款收入",
    "国有资本经营预算财政拨款收入",
    "财政拨款收入",
    "上级补助收入",
    "事业收入",
    "经营收入",
    "附属单位上缴收入",
    "其他收入",
)


@dataclass
class TableSpec:
    kind: str
    unit: str
    title: str


def first_data_row(grid: Grid) -> int:
    """First row holding an amount (a number that is not a 2-3 digit subject code part)."""
    for r, row in enumerate(grid.rows):
        for cell in row:
            t = cell.text.strip()
            if parse_number(t) is None:
                continue
            if CODE_PART_RE.match(t) or (CODE_FULL_RE.match(t) and "." not in t and len(t) >= 5):
                continue
            return r
    return len(grid.rows)


def _skip_cols(labels: dict[int, str]) -> set[int]:
    return {c for c, lab in labels.items() if "行次" in lab or "栏次" in lab}


def _is_total(name: str) -> bool:
    n = norm(name)
    return n in {"合计", "总计", "小计"} or n.startswith("合计")


def _cell_unit(labels: dict[int, str], col: int, default: str) -> str:
    return label_unit(labels.get(col, "")) or default


def _first_value(item: RowItem):
    vals = value_cells(item)
    return vals[0] if vals else None


def extract_total_table(doc: ParsedDocument, grid: Grid, spec: TableSpec, fin: bool = False) -> list[Fact]:
    """收入支出决算总表 / 财政拨款收入支出决算总表: label/amount pairs on an income and an expense side."""
    start = first_data_row(grid)
    header = list(range(start))
    labels = column_labels(grid, header)
    skip = _skip_cols(labels)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        for item in row_items(grid, r, skip):
            cell = _first_value(item)
            if cell is None:
                continue
            n = norm(item.name)
            unit = _cell_unit(labels, cell.col, spec.unit)
            side = "收入" if ("收入" in n or item.lane == 0) else "支出"
            if "支出" in n and "收入" not in n:
                side = "支出"
            metric, qual = _total_metric(n, item.name, side, fin)
            if metric:
                out.append(make_fact(doc, metric, cell, unit, item.name_cell, qual))
    return out


def _total_metric(n: str, name: str, side: str, fin: bool) -> tuple[str | None, str | None]:
    if "总计" in n:
        qual = n if n in {"收入总计", "支出总计"} else side + "总计"
        return ("fin_approp_total" if fin else "total_income_expense"), qual
    if fin:
        return None, None
    if n in {"本年收入合计", "收入合计"}:
        return "total_income", name
    if n in {"本年支出合计", "支出合计"}:
        return "total_expense", name
    if "年初结转和结余" in n or "上年结转" in n:
        return "carryover_begin", name
    if "年末结转和结余" in n:
        return "carryover_end", name
    if "使用非财政拨款结余" in n:
        return "nonfiscal_balance_used", name
    if n == "基本支出":
        return "expense_basic", name
    if n == "项目支出":
        return "expense_project", name
    for src in INCOME_SOURCES:
        if n == src or (n.endswith(src) and len(n) - len(src) <= 2):
            return "income_by_source", name
    if side == "支出" and n.endswith("支出") and not any(k in n for k in ("上缴", "经营支出", "附属单位", "结余")):
        return "expense_by_function", name
    return None, None


def _pick_col(labels: dict[int, str], cols: list[int], *keys: str, exclude: tuple[str, ...] = ()) -> int | None:
    for key in keys:
        for c in cols:
            lab = labels.get(c, "")
            if key in lab and not any(x in lab for x in exclude):
                return c
    return None


def extract_subject_table(doc: ParsedDocument, grid: Grid, spec: TableSpec, is_class_name) -> list[Fact]:
    """收入决算表 / 支出决算表 / 一般公共预算财政拨款支出决算表: 类/款/项 rows by column label."""
    start = first_data_row(grid)
    labels = column_labels(grid, list(range(start)))
    skip = _skip_cols(labels)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        for item in row_items(grid, r, skip):
            by_col = {c.col: c for c in value_cells(item)}
            if not by_col:
                continue
            cols = sorted(by_col)
            total = _is_total(item.name)
            level = _level(item, is_class_name)
            for metric, col, unit in _subject_metrics(spec.kind, labels, cols, total, level):
                cell = by_col[col]
                u = unit or _cell_unit(labels, col, spec.unit)
                qual = None if total else item.name
                code = None if total else item.code
                out.append(make_fact(doc, metric, cell, u, item.name_cell, qual, code))
    return out


def _level(item: RowItem, is_class_name) -> str:
    if item.code:
        return {3: "类", 5: "款", 7: "项"}.get(len(item.code), "项")
    return "类" if is_class_name(item.name) else "项"


def _subject_metrics(kind: str, labels, cols: list[int], total: bool, level: str):
    """(metric, column, unit override) for one subject row of a 收入/支出/一般公共预算 table."""
    if kind == "income":
        c = _pick_col(labels, cols, "本年收入合计", "收入合计", "合计") if len(cols) > 1 else cols[0]
        if c is None:
            c = cols[0]
        yield ("total_income" if total else "income_item"), c, None
        return
    if kind == "expense":
        c = _pick_col(labels, cols, "本年支出合计", "支出合计", "合计")
        if c is None and not any(k in labels.get(cols[0], "") for k in ("基本", "项目")):
            c = cols[0]
        b = _pick_col(labels, cols, "基本支出")
        p = _pick_col(labels, cols, "项目支出")
        if total:
            if c is not None:
                yield "total_expense", c, None
            if b is not None:
                yield "expense_basic", b, None
            if p is not None:
                yield "expense_project", p, None
            return
        if c is not None:
            yield ("expense_by_function" if level == "类" else "expense_item"), c, None
        if level != "类":
            if b is not None:
                yield "expense_item_basic", b, None
            if p is not None:
                yield "expense_item_project", p, None
        return
    if kind == "gpb_expense":
        budget = _pick_col(labels, cols, "年初预算", "预算数", "全年预算", "调整预算", exclude=("决算",))
        pct = _pick_col(labels, cols, "完成", "%", "％")
        rest = [c for c in cols if c not in {budget, pct}]
        c = _pick_col(labels, rest, "决算", "合计", "小计", "金额", exclude=("基本", "项目"))
        if c is None and rest and not any(k in labels.get(rest[0], "") for k in ("基本", "项目")):
            c = rest[0]
        if total:
            if c is not None:
                yield "gpb_expense_total", c, None
            return
        if c is not None:
            yield ("gpb_expense_by_function" if level == "类" else "gpb_expense_item"), c, None
        if level != "类":
            if budget is not None:
                yield "gpb_item_budget", budget, None
            if pct is not None:
                yield "gpb_item_completion_pct", pct, "%"


def extract_basic_table(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    """一般公共预算财政拨款基本支出决算表: 经济分类 items in one or two lanes (人员经费 / 公用经费)."""
    start = first_data_row(grid)
    labels = column_labels(grid, list(range(start)))
    skip = _skip_cols(labels)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        for item in row_items(grid, r, skip):
            vals = value_cells(item)
            if not vals:
                continue
            n = norm(item.name)
            if n.startswith("人员经费"):
                out.append(make_fact(doc, "basic_personnel", vals[0], _cell_unit(labels, vals[0].col, spec.unit), item.name_cell, item.name))
                continue
            if n.startswith("公用经费") or n.startswith("日常公用经费"):
                out.append(make_fact(doc, "basic_public", vals[0], _cell_unit(labels, vals[0].col, spec.unit), item.name_cell, item.name))
                continue
            if _is_total(item.name):
                # a 合计 row of a table with 人员经费 / 公用经费 columns
                for cell in vals:
                    lab = labels.get(cell.col, "")
                    if "人员经费" in lab:
                        out.append(make_fact(doc, "basic_personnel", cell, _cell_unit(labels, cell.col, spec.unit), item.name_cell, "人员经费"))
                    elif "公用经费" in lab:
                        out.append(make_fact(doc, "basic_public", cell, _cell_unit(labels, cell.col, spec.unit), item.name_cell, "公用经费"))
                continue
            code = item.code if item.code and item.code.startswith("3") else None
            cell = vals[0]
            for v in vals:
                lab = labels.get(v.col, "")
                if "合计" in lab or "决算" in lab:
                    cell = v
                    break
            out.append(make_fact(doc, "econ_item", cell, _cell_unit(labels, cell.col, spec.unit), item.name_cell, item.name, code))
    return out


THREE_PUBLIC_PARTS = (
    ("公务用车购置及运行", "公务用车购置及运行维护费"),
    ("公务用车购置费", "公务用车购置费"),
    ("公务用车运行", "公务用车运行维护费"),
    ("因公出国", "因公出国（境）费"),
    ("公务接待", "公务接待费"),
    ("合计", "合计"),
    ("小计", None),
)


def _three_public_part(label: str) -> str | None:
    n = norm(label).replace("“", "").replace("”", "").replace('"', "")
    for key, name in THREE_PUBLIC_PARTS:
        if key in n:
            return name
    return None


def extract_three_public(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    """财政拨款"三公"经费支出决算表, horizontal (component x 预算数/决算数 columns) or vertical."""
    start = first_data_row(grid)
    labels = column_labels(grid, list(range(start)))
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        items = row_items(grid, r)
        if items and _three_public_part(items[0].name):
            for item in items:  # vertical: one component per row, 预算数 / 决算数 columns
                part = _three_public_part(item.name)
                if not part:
                    continue
                for cell in value_cells(item):
                    out.extend(_three_public_fact(doc, cell, part, labels.get(cell.col, ""), spec, item.name_cell))
            continue
        if items:
            continue
        for cell in grid.rows[r]:  # horizontal: a row of amounts under component headers
            if parse_number(cell.text) is None:
                continue
            lab = labels.get(cell.col, "")
            part = _three_public_part(_strip_stage(lab))
            if part:
                out.extend(_three_public_fact(doc, cell, part, lab, spec, None))
    return out


def _strip_stage(label: str) -> str:
    for w in ("预算数", "决算数", "年初预算", "执行数"):
        label = label.replace(w, "")
    return label.replace("财政拨款“三公”经费", "").replace('财政拨款"三公"经费', "")


def _three_public_fact(doc, cell, part: str, label: str, spec: TableSpec, name_cell) -> list[Fact]:
    unit = label_unit(label) or spec.unit
    if "完成" in label or "%" in label:
        return [make_fact(doc, "three_public_completion_pct", cell, "%", name_cell, part)]
    if "预算" in label and "决算" not in label:
        return [make_fact(doc, "three_public_budget", cell, unit, name_cell, part)]
    if "决算" in label or "执行" in label or "金额" in label or not label:
        metric = "three_public_total" if part == "合计" else "three_public_item"
        return [make_fact(doc, metric, cell, unit, name_cell, None if part == "合计" else part)]
    return []
