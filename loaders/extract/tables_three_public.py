"""财政拨款"三公"经费支出决算表 in its three shapes:

* horizontal: components as column groups (合计 | 因公出国（境）费 | 公务用车… | 公务接待费), each
  with 预算数 / 决算数 (/ 完成%) under it, one row of amounts; sometimes a 机关运行经费 column;
* vertical: one component per row, 预算数 / 决算数 / 完成% columns;
* transposed: one row per stage (预算数, 决算数), components as columns."""

from __future__ import annotations

from ..model import Cell, Fact, ParsedDocument
from ..numbers import parse_number
from .tables_grid import Grid, label_unit, make_fact, norm, row_items, value_cells
from .tables_standard import TableSpec, table_labels

PARTS = (
    ("机关运行经费", "机关运行经费"),
    ("公务用车购置及运行", "公务用车购置及运行维护费"),
    ("公务用车购置费", "公务用车购置费"),
    ("公务用车运行", "公务用车运行维护费"),
    ("因公出国", "因公出国（境）费"),
    ("公务接待", "公务接待费"),
    ("合计", "合计"),
)
STAGE_WORDS = ("预算数", "决算数", "年初预算", "全年预算", "执行数", "预算", "决算", "完成", "%", "％", "比例")


def part_of(label: str) -> str | None:
    n = norm(label).replace("“", "").replace("”", "").replace('"', "")
    found = [(n.rfind(key), -i, name) for i, (key, name) in enumerate(PARTS) if key in n]
    return max(found)[2] if found else None  # the innermost group of a stacked label


def _stage_label(name: str) -> bool:
    n = norm(name)
    return bool(n) and part_of(n) is None and any(w in n for w in STAGE_WORDS) and len(n) <= 16


def _strip_stage(label: str) -> str:
    for w in ("预算数", "决算数", "年初预算", "执行数"):
        label = label.replace(w, "")
    return label.replace("财政拨款“三公”经费", "").replace('财政拨款"三公"经费', "")


def extract_three_public(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    start, labels = table_labels(grid, spec)
    out: list[Fact] = []
    for r in range(start, len(grid.rows)):
        items = row_items(grid, r)
        if items and part_of(items[0].name):
            for item in items:  # vertical: one component per row, 预算数 / 决算数 columns
                part = part_of(item.name)
                if part:
                    for cell in value_cells(item):
                        out.extend(_fact(doc, cell, part, labels.get(cell.col, ""), spec, item.name_cell))
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


def _fact(doc, cell: Cell, part: str, label: str, spec: TableSpec, name_cell) -> list[Fact]:
    unit = label_unit(label) or spec.unit
    if "完成" in label or "%" in label or "％" in label or "比例" in label:
        return [] if part == "机关运行经费" else [make_fact(doc, "three_public_completion_pct", cell, "%", name_cell, part)]
    stage_budget = ("预算" in label and "决算" not in label)
    if part == "机关运行经费":
        return [] if stage_budget else [make_fact(doc, "office_running_cost", cell, unit, name_cell, None)]
    if stage_budget:
        return [make_fact(doc, "three_public_budget", cell, unit, name_cell, part)]
    if "决算" in label or "执行" in label or "金额" in label or "实际" in label or not any(w in label for w in STAGE_WORDS):
        metric = "three_public_total" if part == "合计" else "three_public_item"
        return [make_fact(doc, metric, cell, unit, name_cell, None if part == "合计" else part)]
    return []
