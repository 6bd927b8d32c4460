"""财政拨款"三公"经费支出决算表 in its three shapes:

* horizontal: components as column groups (合计 | 因公出国（境）费 | 公务用车… | 公务接待费), each
  with 预算数 / 决算数 (/ 完成%) under it, one row of amounts; sometimes a 机关运行经费 column;
* vertical: one component per row, 预算数 / 决算数 / 完成% columns;
* transposed: one row per stage (预算数, 决算数), components as columns."""

from __future__ import annotations

import re

from ...model import Cell, Fact, ParsedDocument
from ...numbers import parse_number
from ...vocab.tables import CHANGE_ROLES, NOT_AMOUNT_ROLES, column_role, office_running_wording, three_public_items
from .facts import change_fact, make_fact
from .grid import Grid, label_unit, norm, row_items, starts_with_column_numbers, value_cells
from .standard import TableSpec, table_labels

TOTAL = "合计"
STAGE_WORDS = ("预算数", "决算数", "年初预算", "全年预算", "执行数", "预算", "决算", "完成", "%", "％", "比例")


def part_of(label: str) -> str | None:
    """The canonical 三公 item (or 合计 / 机关运行经费) a (stacked) label names: the innermost
    group of a stacked label, a wording inside a longer one being part of that one."""
    n = norm(label).replace("“", "").replace("”", "").replace('"', "")
    office, office_label = office_running_wording()
    spans = [(m.start(), m.end(), office_label) for m in office.finditer(n)]
    for item in three_public_items():
        spans += [(m.start(), m.end(), item.label_zh) for m in item.pattern.finditer(n) if m.end() > m.start()]
    spans = [sp for sp in spans if not any(o[0] <= sp[0] and sp[1] <= o[1] and o[1] - o[0] > sp[1] - sp[0] for o in spans)]
    if not spans:
        return None
    return max(spans, key=lambda sp: (sp[0], sp[1] - sp[0]))[2]


def _stage_label(name: str) -> bool:
    n = norm(name)
    return bool(n) and part_of(n) is None and any(w in n for w in STAGE_WORDS) and len(n) <= 16


def _strip_stage(label: str) -> str:
    for w in ("预算数", "决算数", "年初预算", "执行数"):
        label = label.replace(w, "")
    return label


def extract_three_public(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    start, labels = table_labels(grid, spec)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        items = row_items(grid, r)
        if items and (part_of(items[0].name) or count_metric(items[0].name)):
            for item in items:  # vertical: one component per row, 预算数 / 决算数 columns
                if starts_with_column_numbers(value_cells(item)):
                    continue  # the column numbers 1 2 3 … follow this label: no amounts of its own
                counted = count_metric(item.name)
                part = None if counted else part_of(item.name)
                for cell in value_cells(item):
                    label = labels.get(cell.col, "")
                    if counted:
                        out.extend(_count_fact(doc, cell, counted, label, item.name_cell))
                    elif part:
                        out.extend(_fact(doc, cell, part, label, spec, item.name_cell))
            continue
        if items and not (len(items) == 1 and _stage_label(items[0].name)):
            continue
        stage = items[0].name if items else ""
        for cell in grid.rows[r]:  # horizontal / transposed: a row of amounts under component headers
            if parse_number(cell.text) is None or (items and cell.col <= items[0].name_cell.col):
                continue
            lab = labels.get(cell.col, "")
            part = part_of(_strip_stage(lab))
            if part:
                out.extend(_fact(doc, cell, part, norm(stage) + lab, spec, items[0].name_cell if items else None))
    return out


def _office_running() -> str:
    return office_running_wording()[1]


def _fact(doc, cell: Cell, part: str, label: str, spec: TableSpec, name_cell) -> list[Fact]:
    unit = label_unit(label) or spec.unit
    role = column_role(label)
    if role in CHANGE_ROLES:
        change = change_fact(doc, role, cell, unit, name_cell, part)
        return [change] if change else []
    if role in NOT_AMOUNT_ROLES:
        return []  # last year's amount, a share: no fact of this year's item
    if "完成" in label or "%" in label or "％" in label or "比例" in label:
        return [] if part == _office_running() else [make_fact(doc, "three_public_completion_pct", cell, "%", name_cell, part)]
    stage_budget = ("预算" in label and "决算" not in label)
    if part == _office_running():
        return [] if stage_budget else [make_fact(doc, "office_running_cost", cell, unit, name_cell, None)]
    if stage_budget:
        return [make_fact(doc, "three_public_budget", cell, unit, name_cell, part)]
    if "决算" in label or "执行" in label or "金额" in label or "实际" in label or not any(w in label for w in STAGE_WORDS):
        metric = "three_public_total" if part == TOTAL else "three_public_item"
        return [make_fact(doc, metric, cell, unit, name_cell, None if part == TOTAL else part)]
    return []


COUNTER_RE = re.compile(r"[(（]\s*(辆|批次|人次|个|次|人|团组)\s*[)）]")


def count_metric(name: str) -> tuple[str, str, str | None] | None:
    """(metric, unit, qualifier) for a count row of a 三公 table (接待批次, 出国人次, 车辆保有量)."""
    n = norm(name)
    m = COUNTER_RE.search(n)
    where = "国内" if "国内" in n else "外事" if "外事" in n else None
    if "批次" in n:
        return "reception_batches", "批次", where
    if "团组" in n:
        return "outbound_groups", (m.group(1) if m else "个"), None
    if "人次" in n or "人数" in n:
        if "接待" in n:
            return "reception_persons", "人次", where
        if "出国" in n or "出境" in n:
            return "outbound_persons", "人次", None
        return None
    if "辆" in n or "保有量" in n or "车辆数" in n or "购置数" in n:
        return ("vehicle_purchase_count" if "购置" in n else "vehicle_count"), "辆", None
    return None


def _count_fact(doc, cell: Cell, counted: tuple[str, str, str | None], label: str, name_cell) -> list[Fact]:
    if ("预算" in label and "决算" not in label) or "完成" in label or "%" in label:
        return []
    metric, unit, qualifier = counted
    return [make_fact(doc, metric, cell, unit, name_cell, qualifier)]
