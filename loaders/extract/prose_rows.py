"""Tables that reached us as plain text one row per line, cells separated by ``|``
(``2080505 | 机关事业单位基本养老保险缴费支出 | 72.10 | 72.10 |  |``).

The header lines above the first data row name the columns (cells at the same index are
joined, so two-line headers work); a data row is split into groups, each a label cell
(with the subject code printed before it, if any) followed by its value cells, so two
tables printed side by side (收入 | 行次 | 金额 | 支出 | 行次 | 金额) also work. What a value
means follows from its column header (本年支出合计 / 基本支出 / 项目支出 / 年初预算 /
完成% ...), the table's title and the row's code (a bare 总计/合计 of a 收入支出 table takes
the side, 收入 or 支出, of the labels printed last in its column): 3-digit 功能分类 codes are 类, longer
ones 款/项, 30x/50x codes are 经济分类. Blank cells and ``--`` are missing values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..numbers import is_missing
from ..vocab.lexicon import function_class_names, function_class_re
from .prose.builder import FactBuilder
from .prose.mentions import NUM, to_decimal

CLASS_RE, FUNCTION_CLASSES = function_class_re(), function_class_names()

UNIT_DECL = re.compile(r"(?:金额)?单位[:]?(万元|亿元|千元|百元|元)|\((万元|亿元|千元|百元|元)\)")
VALUE_RE = re.compile(r"^-?" + NUM + r"%?$")
CODE_RE = re.compile(r"^(?:\d{3}|\d{5}|\d{7})$")
ROWNO_HEADER = re.compile(r"行次|栏次|序号")
SIDE_LABEL = re.compile(r"(收入|支出)(?:合计|小计)?$")
TARGET_HEADER = re.compile(r"指标值|目标值|计划值|年度目标")
ACTUAL_HEADER = re.compile(r"实际(?:完成)?值|完成值|实际完成|实际值")
INDICATOR_CELL = re.compile(r"(?:[≥≤><=]|不低于|不少于|不高于|不超过|达到|大于|小于|等于|约)*\s*(?P<num>" + NUM
                            + r")\s*(?P<unit>%|[^\d\s|,.%]{1,4})?")
TOTAL_LABEL = re.compile(r"^(?:合计|总计|本年支出合计|本年收入合计|支出合计|收入合计)$")


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Group:
    label: Cell
    code: str | None
    values: list[tuple[Cell, str]] = field(default_factory=list)  # (cell, column header)
    col: int = -1  # index of the label cell in its row


def _split(line: str, off: int) -> list[Cell]:
    out, pos = [], off
    for part in line.split("|"):
        t = part.strip()
        s = pos + (part.find(t) if t else 0)
        out.append(Cell(t, s, s + len(t)))
        pos += len(part) + 1
    return out


def _is_value(t: str) -> bool:
    return bool(VALUE_RE.match(t)) or (t != "" and is_missing(t))


def _is_row(line: str) -> bool:
    return "|" in line and sum(1 for c in line.split("|") if c.strip()) >= 2


ITEM_TABLE_TITLE = re.compile(r"(?<!收入)支出决算(?:明细|具体情况|情况)?(?:明细)?表")


def is_subject_context(context: str) -> bool:
    """A table whose rows are 科目 (subjects): said by its header/title (科目 / 功能分类 /
    经济分类), or a 支出决算(明细/具体情况)表 title without codes (not the 三公 table)."""
    if re.search(r"科目|功能分类|经济分类", context):
        return True
    return ITEM_TABLE_TITLE.search(context) is not None and "三公" not in context


def column_role(h: str) -> str | None:
    """What a value column holds, from its header text."""
    if not h or ROWNO_HEADER.search(h) and not re.search(r"决算|预算|合计|支出|收入|金额", h):
        return None
    if re.search(r"上年|去年|上一年|增减|变动|同比", h):
        return "prior"  # last year's figures and changes are not this year's facts
    if re.search(r"完成|执行率|%|比例|比重", h):
        return "pct"
    if re.search(r"基本支出", h):
        return "basic"
    if re.search(r"项目支出", h):
        return "project"
    if re.search(r"预算", h) and not re.search(r"决算", h):
        return "budget"
    if re.search(r"本年(?:支出|收入)合计|^合计|决算|金额|^(?:本年)?支出$|总计|^小计", h):
        return "total"
    return "other"


class RowTableExtractor:
    def __init__(self, fb: FactBuilder, norm: str):
        self.fb = fb
        self.norm = norm
        self.handled: set[int] = set()  # line start offsets of the rows handled here

    def run(self, fallback=None) -> None:
        """``fallback(label, values, unit, headers, three_public)`` handles rows that are not
        subject (科目) rows: 三公, totals and keyword rows."""
        lines, pos = [], 0
        for line in self.norm.split("\n"):
            lines.append((pos, line))
            pos += len(line) + 1
        i = 0
        while i < len(lines):
            if not _is_row(lines[i][1]):
                i += 1
                continue
            j = i
            while j < len(lines) and ("|" in lines[j][1]):
                j += 1
            before = " ".join(t for _, t in lines[max(0, i - 4):i])
            self._table(lines[i:j], before, fallback)
            i = j

    def _table(self, rows: list[tuple[int, str]], before: str, fallback) -> None:
        unit = None
        for d in UNIT_DECL.finditer(before):
            unit = d.group(1) or d.group(2)
        title = before
        headers: list[str] = []
        header_rows: list[list[Cell]] = []
        sides: dict[int, str] = {}  # label column -> 收入 / 支出 of the last side label printed in it
        sides_seen: set[str] = set()
        end_of_text = len(self.norm.rstrip())
        for off, line in rows:
            self.handled.add(off)
            cells = _split(line, off)
            d = UNIT_DECL.search(line)
            if d:
                unit = d.group(1) or d.group(2)
            texts = [c.text for c in cells if c.text]
            if not texts:
                continue
            if ROWNO_HEADER.fullmatch(texts[0]) or all(re.fullmatch(r"\d{1,2}", t) for t in texts[1:]) and \
                    ROWNO_HEADER.search(texts[0]):
                continue  # 栏次 1 2 3 ...
            if self._indicator_row(cells, headers, unit):
                continue
            has_value = any(_is_value(c.text) and not CODE_RE.match(c.text) for c in cells) or \
                any(_is_value(c.text) for c in cells[1:] if c.text and not CODE_RE.match(c.text))
            if not has_value:
                header_rows = header_rows + [cells] if header_rows is not None else [cells]
                width = max(len(r) for r in header_rows)
                headers = ["".join(r[k].text for r in header_rows if k < len(r)) for k in range(width)]
                continue
            header_rows = []
            if cells and cells[-1].text and cells[-1].end >= end_of_text and headers and len(cells) < len(headers):
                cells = cells[:-1]  # the excerpt is cut inside this cell
            context = title + " " + " ".join(headers)
            three_public = "三公" in context
            for g in self._groups(cells, headers):
                side = SIDE_LABEL.search(g.label.text)
                if side:
                    sides[g.col] = side.group(1)
                    sides_seen.add(side.group(1))
                if g.label.text in ("总计", "合计") and g.col in sides and (
                        len(sides_seen) == 2 or re.search(r"收入支出|收支", title)):
                    # "总计|31|3,582.59|总计|62|3,582.59": the side is that of the labels printed
                    # last in the same column (side by side, or one part below the other)
                    fund = "财政拨款" if re.search(r"财政拨款收入支出|财政拨款收支", title) else ""
                    g = Group(Cell(fund + sides[g.col] + g.label.text, g.label.start, g.label.end),
                              g.code, g.values, g.col)
                if self._subject_row(g, unit, context) or fallback is None:
                    continue
                kept = [(c, h) for c, h in g.values if not h or column_role(h) not in (None, "prior")]
                fallback(g.label, [c for c, _ in kept], unit, [h for _, h in kept], three_public)

    def _indicator_row(self, cells: list[Cell], headers: list[str], unit: str | None) -> bool:
        """"新增馆藏图书 | ≥8000册 | 8,412册" under a 指标值 / 实际完成值 header: a performance
        indicator's target and actual value, each with its own counter word or %."""
        tgt_col = next((k for k, h in enumerate(headers) if TARGET_HEADER.search(h)), None)
        act_col = next((k for k, h in enumerate(headers) if ACTUAL_HEADER.search(h) and k != tgt_col), None)
        if tgt_col is None or act_col is None or not cells or not cells[0].text:
            return False
        label = cells[0]
        if len(label.text) < 2 or _is_value(label.text) or VALUE_RE.match(label.text):
            return False
        found = False
        for col, metric in ((tgt_col, "perf_indicator_target"), (act_col, "perf_indicator_actual")):
            if col >= len(cells) or col == 0:
                continue
            m = INDICATOR_CELL.fullmatch(cells[col].text)
            if not m:
                continue
            u = m.group("unit") or ("%" if "%" in headers[col] else unit)
            if not u or re.search(r"[年月日天]", u):
                continue
            v = to_decimal(m.group("num"))
            if v is None:
                continue
            c = cells[col]
            a = c.start + m.start("num")
            self.fb.emit(metric, (a, c.start + m.end("num")), v, u, (label.start, c.end), label.text)
            found = True
        return found

    @staticmethod
    def _groups(cells: list[Cell], headers: list[str]) -> list[Group]:
        out: list[Group] = []
        k = 0
        while k < len(cells):
            c = cells[k]
            is_label = c.text and not _is_value(c.text)
            is_code = CODE_RE.match(c.text) and k + 1 < len(cells) and cells[k + 1].text and \
                not _is_value(cells[k + 1].text)
            if is_code:
                out.append(Group(cells[k + 1], c.text, col=k + 1))
                k += 2
                continue
            if is_label:
                m = re.match(r"^(\d{3}(?:\d{2}){0,2})(?=[\u4e00-\u9fff])", c.text)  # "2080505机关事业单位..."
                if m:
                    c = Cell(c.text[m.end():], c.start + m.end(), c.end)
                out.append(Group(c, m.group(1) if m else None, col=k))
            elif out and c.text:
                out[-1].values.append((c, headers[k] if k < len(headers) else ""))
            k += 1
        return out

    # ------------------------------------------------------------------ subject rows
    def _subject_row(self, g: Group, unit: str | None, context: str) -> bool:
        """Rows of 支出决算表 / 收入决算表 / 一般公共预算 / 基本支出 tables. False when the row
        is not a subject row (left to the fallback)."""
        label = re.sub(r"^(?:其中)?:?", "", g.label.text)
        label = re.sub(r"^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}\.)", "", label)
        subject_table = is_subject_context(context)
        is_total = bool(TOTAL_LABEL.match(label))
        if not (g.code or subject_table):
            return False
        if not subject_table and not g.code:
            return False
        code = g.code
        econ = bool(code and code[0] in "35") or "经济分类" in context or (
            not code and re.search(r"基本支出决算表", context) is not None)
        gpb = "一般公共预算" in context
        income = bool(re.search(r"收入决算表|本年收入合计", context)) and not re.search(r"支出决算表|本年支出合计", context)
        is_class = (code is not None and len(code) == 3) or (code is None and CLASS_RE.fullmatch(label) is not None)
        if code and len(code) == 3 and not econ and label not in FUNCTION_CLASSES and not label.endswith("支出"):
            is_class = True

        def emit(metric: str, cell: Cell, q: str | None, pct: bool = False) -> None:
            t = cell.text
            if is_missing(t) or not t:
                return
            v = to_decimal(t.rstrip("%"))
            if v is None:
                return
            u = "%" if pct or t.endswith("%") else unit
            if u is None:
                return
            span = (cell.start, cell.end - (1 if t.endswith("%") else 0))
            ev_start = g.label.start if not g.code else g.label.start - len(g.code) - 1
            while ev_start < g.label.start and self.norm[ev_start] in "| ":
                ev_start += 1
            ev_start = max(ev_start, 0)
            if g.code and not self.norm[ev_start:g.label.start].strip("| ").isdigit():
                ev_start = g.label.start
            self.fb.emit(metric, span, v, u, (ev_start, cell.end), q, subject_code=code)

        q = None if is_total else label
        for cell, h in g.values:
            role = column_role(h) if h else ("total" if cell is g.values[0][0] else None)
            if role in (None, "other", "prior"):
                continue
            if is_total:
                if econ:
                    continue
                metric = {
                    ("income", "total"): "total_income",
                    ("gpb", "total"): "gpb_expense_total",
                    ("all", "total"): "total_expense",
                    ("all", "basic"): "expense_basic",
                    ("all", "project"): "expense_project",
                }.get(("income" if income else "gpb" if gpb else "all", role))
                if metric:
                    emit(metric, cell, None)
                continue
            if econ:
                if role == "total":
                    m = {"人员经费": "basic_personnel", "公用经费": "basic_public", "日常公用经费": "basic_public"}.get(label)
                    emit(m or "econ_item", cell, None if m else q)
                continue
            if income:
                if role == "total":
                    emit("income_item", cell, q)
                continue
            if gpb:
                metric = {"total": "gpb_expense_by_function" if is_class else "gpb_expense_item",
                          "budget": "gpb_item_budget", "pct": "gpb_item_completion_pct"}.get(role)
            else:
                metric = {"total": "expense_by_function" if is_class else "expense_item",
                          "basic": None if is_class else "expense_item_basic",
                          "project": None if is_class else "expense_item_project"}.get(role)
            if metric:
                emit(metric, cell, q, pct=(role == "pct"))
        return True
