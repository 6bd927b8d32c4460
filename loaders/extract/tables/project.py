"""Facts from project / performance tables: 项目支出绩效自评表, 绩效目标完成情况表 (预算执行情况
and 财政拨款结构 sections), indicator tables (三级指标 rows) and self-evaluation score tables (合计)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal

from ...model import Cell, Fact, ParsedDocument
from ...numbers import NUMBER_RE, is_missing, parse_number
from ...vocab.tables import column_role, role_rules
from .facts import make_fact
from .grid import Grid, label_unit, nfkc, norm

# 预算执行情况 column role (the one column-role classifier) -> project metric
PROJECT_METRIC_OF_ROLE = {
    "budget": "project_budget",
    "adjusted_budget": "project_adjusted_budget",
    "total": "project_executed",
    "pct": "project_execution_rate",
    "carry_end": "project_carryover",
}
BUDGET_HEADER_ROLES = frozenset({"budget", "adjusted_budget"})


@lru_cache(maxsize=1)
def _budget_words() -> tuple[str, ...] | None:
    """The words of the column-role rules giving a budget role (seeds/lexicon/column_roles.csv)
    that hold no shorter such word (a text holds one of these iff it holds any of the rules'
    words), when the rules are plain alternations of words; None otherwise (no pre-check)."""
    words: set[str] = set()
    for rule in role_rules():
        if rule.role in BUDGET_HEADER_ROLES:
            if re.search(r"[\\^$.*+?()\[\]{}]", rule.pattern.pattern):
                return None
            words.update(rule.pattern.pattern.split("|"))
    return tuple(sorted(w for w in words if not any(v != w and v in w for v in words)))


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    for w in words:
        if w in text:
            return True
    return False


def names_budget(row: str, texts: list[tuple[int, str]]) -> bool:
    """Whether a (column, normalised text) cell of the row (its texts joined by \\x00) has a
    budget role; the rules are asked only about cells holding one of their words (a rule
    matches only there)."""
    words = _budget_words()
    if words is None:
        return any(column_role(t) in BUDGET_HEADER_ROLES for _, t in texts)
    if not _holds_any(row, words):
        return False
    return any(column_role(t) in BUDGET_HEADER_ROLES for _, t in texts if _holds_any(t, words))


def _has_number(grid: Grid, r: int, texts: list[tuple[int, str]]) -> bool:
    """Whether a cell of row r named in ``texts`` (columns of the row) holds a number."""
    cells = grid.rows[r]
    for c, _ in texts:
        if parse_number(cells[c].text.strip()) is not None:
            return True
    return False


def budget_metric(label: str) -> str | None:
    """The project metric of a 预算执行情况 column (or 财政拨款结构 row) label."""
    return PROJECT_METRIC_OF_ROLE.get(column_role(label) or "")


# a row or table of the whole unit (部门整体 / 单位整体 支出绩效): unit-level facts, never a project
UNIT_LEVEL_WORDS = ("部门整体", "单位整体", "整体支出")
UNIT_LEVEL = "部门整体"
# the budget system's project code printed in front of a project's name: "51000021R000000019951-工资性支出"
PROJECT_CODE_RE = re.compile(r"^[0-9A-Z]{10,}[-_－]?")
# a performance indicator value: "8套", "159.5万元", "≥95%", "实现率≥95%", "104 户", "≤1500元/亩"
PERF_VALUE_RE = re.compile(
    r"^(?P<prefix>[^\d≥≤<>=]{0,8}?)\s*(?P<cmp>[≥≤<>=]{0,2})\s*(?P<num>"
    + NUMBER_RE.pattern
    + r")\s*(?P<unit>%|[\u4e00-\u9fff]{1,3}(?:/[\u4e00-\u9fff]{1,2})?|[a-zA-Z²³]{1,4})$"  # 元/亩, 万元/公里: a rate
)
NOT_UNITS = {"年底", "月底", "以上", "以下", "以内", "左右"}
INDICATOR_KEYS = ("三级指标", "指标名称")  # the column naming each performance indicator
TARGET_KEYS = ("年度设定指标值", "年度指标值", "预期指标值", "预算指标值", "目标值", "指标值")
ACTUAL_KEYS = ("实际完成值", "实际完成", "执行结果", "实际值", "完成值")
SCORE_KEYS = ("自评分数", "自评得分", "得分", "评分", "分值")
# a 财政拨款结构 section's header row names one of these
STRUCTURE_KEYS = ("一般公共预算安排", "政府性基金预算安排")
# the row of a 预算执行情况 section that holds the project's own totals (not 其中：财政资金 …)
TOTAL_LABEL_RE = re.compile(r"(?:合计|小计|总计|(?:年度|项目)?(?:资金)?总额|年度资金总额[(（]万元[)）])[:：]?")
# the label of a self-evaluation table's total row
SCORE_TOTAL_LABELS = frozenset({"合计", "总分", "总计", "合计得分", "总得分"})
# an indicator name cell that names nothing: "指标1：", "……"
PLACEHOLDER_NAME_RE = re.compile(r"(指标\s*\d*\s*[:：]?\s*)+|[.…]+")


@dataclass
class ProjectState:
    """What a project table has told so far; carried into its continuation blocks."""

    project: str | None = None
    section: str | None = None  # budget / structure / indicators
    labels: dict[int, str] = field(default_factory=dict)
    emitted: set[str] = field(default_factory=set)
    indicator_col: int | None = None
    target_col: int | None = None
    actual_col: int | None = None
    score_col: int | None = None
    unit: str | None = None
    is_score: bool = False
    name_col: int | None = None  # a project list: the 项目名称 column, one project per row


@lru_cache(maxsize=1 << 12)
def perf_value(text: str) -> tuple[Decimal, str, str] | None:
    """(value, unit, number as printed) when the cell holds one measured number, else None
    (memoised: indicator values repeat, 8套 / 100%)."""
    s = nfkc(text).strip().rstrip("—-– ").strip()
    s = s.replace("＞", ">").replace("＜", "<")
    m = PERF_VALUE_RE.match(s)
    if not m:
        return None
    unit = m.group("unit")
    if unit in NOT_UNITS or unit.startswith("年") and len(unit) > 1:
        return None
    num = m.group("num")
    value = parse_number(num)
    if value is None:
        return None
    if unit == "年" and Decimal(1900) <= value <= Decimal(2100):
        return None  # a year ("2024年"), not a measured value
    if unit == "万":
        unit = "万元"
    return value, unit, num


def is_unit_level(name: str | None) -> bool:
    return bool(name) and any(w in norm(name) for w in UNIT_LEVEL_WORDS)


def _money_fact(doc, metric: str, cell: Cell, unit: str, label: Cell, state: ProjectState) -> Fact | None:
    """A project's budget / execution figure; the whole unit's (unit_perf_*) on a 部门整体 table;
    none when the table names no project (a nameless row is no project)."""
    name = state.project
    if is_unit_level(name) or is_unit_level(label.text):
        return make_fact(doc, metric.replace("project_", "unit_perf_", 1), cell, unit, label, UNIT_LEVEL)
    if not name:
        return None
    return make_fact(doc, metric, cell, unit, label, name)


def _find_col(norms: list[str], keys: tuple[str, ...], exclude: tuple[str, ...] = ()) -> int | None:
    """The first column holding the first key that a column holds (outside ``exclude``); a key
    missing from the whole row (its cells joined at \\x00, which no key holds) is skipped."""
    row = "\x00".join(norms)
    for key in keys:
        if key not in row:
            continue
        for c, t in enumerate(norms):
            if key in t and not any(x in t for x in exclude):
                return c
    return None


@dataclass(frozen=True)
class RowKeys:
    """Each row's folded cell texts, their ``\\x00``-joined row string, and the rows whose
    string holds a key of each section-header family. One scan per key over the whole grid
    replaces a test of every row: most rows of a project table are data rows holding none."""

    norms: list[list[str]]
    rows: list[str]
    list_name: frozenset[int]
    indicator: frozenset[int]
    budget: frozenset[int]
    structure: frozenset[int]


def row_keys(grid: Grid) -> RowKeys:
    """The grid's RowKeys, found once per grid (kept in its memo)."""
    found = grid.memo.get("project_row_keys")
    if found is None:
        found = grid.memo["project_row_keys"] = _row_keys(grid)
    return found


def _row_keys(grid: Grid) -> RowKeys:
    norms = [[norm(c.text) for c in cells] for cells in grid.rows]
    rows = ["\x00".join(n) for n in norms]
    joined = "\x01".join(rows)
    starts: list[int] = []
    at = 0
    for row in rows:
        starts.append(at)
        at += len(row) + 1
    words = _budget_words()
    every = frozenset(range(len(rows)))
    return RowKeys(
        norms=norms,
        rows=rows,
        list_name=rows_holding(joined, starts, (LIST_NAME,), every),
        indicator=rows_holding(joined, starts, INDICATOR_KEYS, every),
        budget=every if words is None else rows_holding(joined, starts, words, every),
        structure=rows_holding(joined, starts, STRUCTURE_KEYS, every),
    )


def rows_holding(joined: str, starts: list[int], keys: tuple[str, ...], every: frozenset[int]) -> frozenset[int]:
    """The rows whose string holds one of ``keys``: ``joined`` is the row strings joined by
    ``\\x01`` and ``starts`` where each begins. A key holds no ``\\x01``, so each occurrence
    lies inside the row it starts in (an empty key is in every row)."""
    found: set[int] = set()
    for key in keys:
        if not key:
            return every
        i = joined.find(key)
        while i >= 0:
            found.add(bisect_right(starts, i) - 1)
            i = joined.find(key, i + 1)
    return frozenset(found)


def _nonempty(norms: list[str]) -> list[tuple[int, str]]:
    return [(c, t) for c, t in enumerate(norms) if t]


def extract_project_table(doc: ParsedDocument, grid: Grid, state: ProjectState, default_unit: str | None) -> list[Fact]:
    """Facts of a project / indicator / score table block, row by row; a section-header row
    (indicator, budget, structure, list) sets the section the rows after it are read as."""
    out: list[Fact] = []
    keys = row_keys(grid)
    for r, norms in enumerate(keys.norms):
        if not any(norms):
            continue
        list_name = r in keys.list_name and LIST_NAME in norms
        if list_name and _list_header(grid, r, norms):
            _start_list(grid, r, norms, state)
            continue
        if state.section == "list":
            out.extend(_list_row(doc, grid, r, state, default_unit))
            continue
        if list_name:
            nonempty = _nonempty(norms)
            named = next((k for k, (_, t) in enumerate(nonempty[:-1]) if t == LIST_NAME), None)
            if named is not None:
                state.project = PROJECT_CODE_RE.sub("", grid.text(r, nonempty[named + 1][0])) or None
                continue
        if r in keys.indicator and not _has_number(grid, r, _nonempty(norms)):
            state.section = "indicators"
            state.indicator_col = _find_col(norms, INDICATOR_KEYS)
            state.target_col = _find_col(norms, TARGET_KEYS, exclude=ACTUAL_KEYS)
            state.actual_col = _find_col(norms, ACTUAL_KEYS, exclude=("偏差", "原因"))
            state.score_col = _find_col(norms, SCORE_KEYS)
            state.is_score = state.score_col is not None and state.target_col is None
            continue
        # section header rows
        if r in keys.budget:
            nonempty = _nonempty(norms)
            if names_budget(keys.rows[r], nonempty) and not _has_number(grid, r, nonempty):
                state.section, state.labels = "budget", {c: t for c, t in enumerate(norms)}
                above = [grid.text(r - 1, c) for c in range(len(grid.rows[r - 1]))] if r > 0 else []
                state.unit = next((label_unit(t) for t in [grid.text(r, c) for c, _ in nonempty] + above if label_unit(t)), None)
                continue
        if r in keys.structure:
            state.section, state.labels = "structure", {c: t for c, t in enumerate(norms)}
            continue
        section = state.section
        if section == "budget":
            out.extend(_budget_row(doc, grid, r, state, default_unit))
        elif section == "structure":
            out.extend(_structure_row(doc, grid, r, state))
        elif section == "indicators":
            # a score row's label is one of its cells: a row naming no total holds none
            if (state.is_score or state.score_col is not None) and not SCORE_TOTAL_LABELS.isdisjoint(norms):
                out.extend(_score_row(doc, grid, r, state))
            if not state.is_score:
                out.extend(_indicator_row(doc, grid, r, state))
    return out


def _label_cell(grid: Grid, r: int) -> Cell | None:
    for cell in grid.rows[r]:
        if cell.text.strip() and parse_number(cell.text) is None:
            return cell
    return None


def _budget_row(doc, grid: Grid, r: int, state: ProjectState, default_unit) -> list[Fact]:
    label = _label_cell(grid, r)
    if label is None:
        return []
    if not TOTAL_LABEL_RE.fullmatch(norm(label.text)):
        return []
    out = []
    for cell in grid.rows[r]:
        if cell.col == label.col or is_missing(cell.text) or parse_number(cell.text) is None:
            continue
        lab = state.labels.get(cell.col, "")
        metric = budget_metric(lab)
        if metric is None or metric in state.emitted:
            continue
        unit = "%" if metric == "project_execution_rate" or "%" in lab else (label_unit(lab) or state.unit or default_unit or "万元")
        fact = _money_fact(doc, metric, cell, unit, label, state)
        if fact is not None:
            out.append(fact)
        state.emitted.add(metric)
    return out


def _structure_row(doc, grid: Grid, r: int, state: ProjectState) -> list[Fact]:
    """财政拨款结构 rows (预算额(百元) / 执行额(百元) ...): used only when the 合计 row gave nothing."""
    label = _label_cell(grid, r)
    if label is None:
        return []
    lab = norm(label.text)
    metric = budget_metric(lab)
    if metric is None or metric in state.emitted or metric == "project_execution_rate":
        return []
    values = [c for c in grid.rows[r] if c.col != label.col and parse_number(c.text) is not None]
    if not values:
        return []
    total = next((c for c in values if state.labels.get(c.col) == "合计"), None)
    cell = total or (values[0] if len(values) == 1 else None)
    if cell is None:
        return []
    unit = label_unit(label.text) or state.unit or "万元"
    state.emitted.add(metric)
    fact = _money_fact(doc, metric, cell, unit, label, state)
    return [fact] if fact is not None else []


def _indicator_row(doc, grid: Grid, r: int, state: ProjectState) -> list[Fact]:
    """The target / actual facts of an indicator row. Its cells are read off the row directly
    (``grid.cell`` without the row check: r is a row of the grid), once per indicator row."""
    name_col = state.indicator_col
    if name_col is None:
        return []
    cells = grid.rows[r]
    ncells = len(cells)
    name_cell = cells[name_col] if 0 <= name_col < ncells else None
    if name_cell is None:
        return []
    name = name_cell.text.strip()
    if not name or parse_number(name_cell.text) is not None:
        return []
    if PLACEHOLDER_NAME_RE.fullmatch(name):
        return []
    qual = f"{name}（{state.project}）" if state.project else name  # indicator first, project in brackets
    out = []
    for metric, col in (("perf_indicator_target", state.target_col), ("perf_indicator_actual", state.actual_col)):
        if col is None or not 0 <= col < ncells:
            continue
        cell = cells[col]
        pv = perf_value(cell.text)
        if pv is None:
            continue
        value, unit, printed = pv
        out.append(make_fact(doc, metric, cell, unit, name_cell, qual, value=value, value_text=printed))
    return out


def _score_row(doc, grid: Grid, r: int, state: ProjectState) -> list[Fact]:
    label = _label_cell(grid, r)
    if label is None or norm(label.text) not in SCORE_TOTAL_LABELS:
        return []
    cell = grid.cell(r, state.score_col) if state.score_col is not None else None
    if cell is None or parse_number(cell.text) is None:
        nums = [c for c in grid.rows[r] if parse_number(c.text) is not None]
        cell = nums[-1] if nums else None
    if cell is None:
        return []
    return [make_fact(doc, "self_eval_score", cell, "分", label, UNIT_LEVEL if is_unit_level(state.project) else state.project or UNIT_LEVEL)]


# ---- a project list: a header row 项目名称 | 年初预算数 | 全年执行数 | 执行率 | 自评得分 (| 三级指标 | 指标值),
# then one project per row (a blank name continues the project above: its further indicator rows)
LIST_NAME = "项目名称"


def _list_header(grid: Grid, r: int, norms: list[str]) -> bool:
    """A header row naming the project column and, from the next cell on, only amount / score /
    indicator columns (at least two); "项目名称 | 某某项目 | 主管部门 …" names one project instead."""
    if LIST_NAME not in norms or any(parse_number(grid.text(r, c)) is not None for c, t in enumerate(norms) if t):
        return False
    after = [t for t in norms[norms.index(LIST_NAME) + 1:] if t]
    roles = [t for t in after if budget_metric(t) or any(k in t for k in SCORE_KEYS + INDICATOR_KEYS + TARGET_KEYS)]
    return len(roles) >= 2 and bool(after) and roles[0] == after[0]


def _start_list(grid: Grid, r: int, norms: list[str], state: ProjectState) -> None:
    state.section, state.name_col, state.project = "list", norms.index(LIST_NAME), None
    state.labels = {c: t for c, t in enumerate(norms)}
    state.indicator_col = _find_col(norms, INDICATOR_KEYS)
    state.target_col = _find_col(norms, TARGET_KEYS, exclude=ACTUAL_KEYS)
    state.actual_col = _find_col(norms, ACTUAL_KEYS, exclude=("偏差", "原因"))
    state.score_col = _find_col(norms, SCORE_KEYS, exclude=("分值",))
    state.unit = next((label_unit(t) for t in norms if label_unit(t)), None)


def _list_row(doc, grid: Grid, r: int, state: ProjectState, default_unit) -> list[Fact]:
    name_cell = grid.cell(r, state.name_col) if state.name_col is not None else None
    name = PROJECT_CODE_RE.sub("", name_cell.text.strip()) if name_cell is not None else ""
    if name and parse_number(name) is None:
        state.project = UNIT_LEVEL if is_unit_level(name) else name
        state.emitted = set()
        label = name_cell
    elif name or state.project is None:
        return []  # a number where the name belongs: not a project row
    else:
        label = grid.cell(r, state.indicator_col) if state.indicator_col is not None else None
    out: list[Fact] = []
    for cell in grid.rows[r]:
        lab = state.labels.get(cell.col, "")
        if cell.col in (state.name_col, state.indicator_col, state.target_col, state.actual_col) or \
                is_missing(cell.text) or parse_number(cell.text) is None:
            continue
        if cell.col == state.score_col:
            out.append(make_fact(doc, "self_eval_score", cell, "分", label, state.project))
            continue
        metric = budget_metric(lab)
        if metric is None or metric in state.emitted:
            continue
        unit = "%" if metric == "project_execution_rate" or "%" in lab else (
            label_unit(lab) or state.unit or default_unit or "万元")
        fact = _money_fact(doc, metric, cell, unit, label or cell, state)
        if fact is not None:
            state.emitted.add(metric)
            out.append(fact)
    if state.indicator_col is not None and state.project != UNIT_LEVEL:
        out.extend(_indicator_row(doc, grid, r, state))
    return out
