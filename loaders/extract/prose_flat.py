"""Tables that reached us as plain text: one cell per line (blank lines or ``|`` between
cells) or one row per line (``一一般公共预算财政拨款收入 1 4,627.57`` in OCR output).
A row is a label cell followed by its value cells; the header cells seen before the rows
tell which column is 预算数 / 决算数 / 年初预算 ..., and a ``单位:万元`` / ``(万元)``
declaration gives the money unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..numbers import is_missing
from ..vocab.lexicon import function_class_re, keywords, metrics_of_family
from ..vocab.names import three_public_total_pattern
from .prose.builder import FactBuilder
from .prose.context import find_keyword, three_public_item
from .prose.mentions import NUM, to_decimal
from .prose_rows import CODE_RE, Group, RowTableExtractor, is_subject_context

CLASS_RE, KEYWORDS = function_class_re(), keywords()
PROCUREMENT_METRICS, THREE_PUBLIC_TOTAL = metrics_of_family("procurement"), three_public_total_pattern()

FORM_NO = re.compile(r"[^\d]{0,4}\d{1,2}(?:-\d{1,2})?表")  # "公开01表": the form's number, not its title
ROWNO = re.compile(r"行次|栏次")
UNIT_DECL = re.compile(r"(?:金额)?单位[:]?(万元|亿元|千元|百元|元)|\((万元|亿元|千元|百元|元)\)")
VALUE_CELL = re.compile(r"^-?" + NUM + r"%?$")
INLINE_ROW = re.compile(r"([^\d\s|,.:;]{2,40})(\d{1,3}) (-?" + NUM + r")(?![\d%.])")
VALUE_HEADERS = re.compile(r"^(?:\d{4}年度?)?(?:年初预算|调整后预算|全年预算|预算执行数|预算执行率|执行数|执行率|预算数|决算数|"
                           r"预算|决算|金额|支出|权重|得分|完成值|数量)")
COUNT_LABELS = [
    (re.compile(r"团组"), "outbound_groups", "个", None),
    (re.compile(r"出国\(境\)(?:人次|人数)"), "outbound_persons", "人次", None),
    (re.compile(r"购置(?:数|数量|车辆数)"), "vehicle_purchase_count", "辆", None),
    (re.compile(r"保有量|车辆总数|实有车辆"), "vehicle_count", "辆", None),
    (re.compile(r"接待批次"), "reception_batches", "批次", "where"),
    (re.compile(r"接待人次|接待人数"), "reception_persons", "人次", "where"),
]


@dataclass
class Cell:
    text: str
    start: int
    end: int


def _cells(norm: str, skip: set[int] = frozenset()) -> list[Cell]:
    """Cells of the one-cell-per-line tables; lines starting at an offset in ``skip`` (rows
    parsed by ``prose_rows``) are left out."""
    out = []
    pos = 0
    for line in norm.split("\n"):
        off = pos
        if off in skip:
            pos += len(line) + 1
            continue
        for part in line.split("|"):
            t = part.strip()
            if t:
                s = off + part.find(t)
                out.append(Cell(t, s, s + len(t)))
            off += len(part) + 1
        pos += len(line) + 1
    return out


def _is_value(t: str) -> bool:
    return bool(VALUE_CELL.match(t)) or is_missing(t)


class FlatTableExtractor:
    def __init__(self, fb: FactBuilder, norm: str):
        self.fb = fb
        self.norm = norm

    def run(self) -> None:
        rows = self._rows = RowTableExtractor(self.fb, self.norm)
        self._pending_code = None
        self._grand_totals = 0
        self._title = ""
        rows.run(fallback=lambda label, vals, unit, headers, tp: self._row(
            label, vals, unit, headers, False, tp, None, aligned=True))
        self._cell_rows(rows.handled)
        self._inline_rows()

    # ---------------------------------------------------------------- cell per line
    def _cell_rows(self, skip: set[int] = frozenset()) -> None:
        cells = _cells(self.norm, skip)
        unit: str | None = None
        headers: list[str] = []
        header_run: list[str] = []
        has_rowno = False
        three_public = False
        project: str | None = None
        title = ""
        i = 0
        while i < len(cells):
            c = cells[i]
            t = c.text
            d = UNIT_DECL.search(t)
            if d:
                unit = d.group(1) or d.group(2)
            if "行次" in t:
                has_rowno = True
            if re.search(r"表$|表\(", t) and not _is_value(t) and not FORM_NO.fullmatch(t):
                title = t
                self._grand_totals = 0
            if "三公" in t and len(t) > 12:
                three_public = True
            elif re.search(r"收入支出决算总表|收入决算表|支出决算表|绩效自评表", t):
                three_public = False
            if t == "项目名称" and i + 1 < len(cells):
                project = re.sub(r"^[0-9A-Z]{10,}[-_]?", "", cells[i + 1].text) or None
            if _is_value(t):
                if CODE_RE.match(t) and i + 1 < len(cells) and not _is_value(cells[i + 1].text):
                    self._pending_code = t  # the code cell of the next 科目 row
                i += 1
                continue
            j = i + 1
            vals: list[Cell] = []
            while j < len(cells) and _is_value(cells[j].text):
                vals.append(cells[j])
                j += 1
            subject_ctx = re.search(r"科目|功能分类|经济分类", title + " ".join(headers + header_run))
            if subject_ctx and len(vals) == 1 and CODE_RE.match(vals[0].text) and j < len(cells):
                self._pending_code = vals[0].text  # "完成预算% | 2130201 | 行政运行": header, then a code
                vals = []
            if not vals or len(t) > 40:
                header_run.append(t)
                i = j
                continue
            if header_run:
                headers = header_run
                header_run = []
            self._title = title
            if not self._subject_row(c, vals, unit, headers, has_rowno, title):
                self._row(c, vals, unit, headers, has_rowno, three_public, project)
            i = j

    def _row(self, label: Cell, vals: list[Cell], unit: str | None, headers: list[str], has_rowno: bool,
             three_public: bool, project: str | None, aligned: bool = False) -> None:
        fb = self.fb
        lab = re.sub(r"^(?:其中|[:、])+", "", label.text)
        lab = re.sub(r"^其中:", "", lab)
        lab = re.sub(r"^(?:[一二三四五六七八九十]{1,3}、|\(?[一二三四五六七八九十]{1,3}\))", "", lab)
        if has_rowno and vals and re.fullmatch(r"\d{1,3}", vals[0].text):
            vals = vals[1:]
        if not vals:
            return
        cols = headers if aligned else self._value_headers(headers)

        def emit(metric, cell, u, q=None):
            t = cell.text
            if is_missing(t):
                return
            v = to_decimal(t.rstrip("%"))
            if v is None:
                return
            fb.emit(metric, (cell.start, cell.end - (1 if t.endswith("%") else 0)), v, u, (label.start, cell.end), q)

        # counts (团组 / 人次 / 辆 / 批次): no unit printed
        for pat, metric, u, q in COUNT_LABELS:
            if pat.search(lab):
                where = "国内" if "国内" in lab else ("外事" if "外事" in lab or "境外" in lab else None)
                if re.fullmatch(r"\d[\d,]*", vals[0].text):
                    emit(metric, vals[0], u, where if q else None)
                return
        if unit is None:
            return
        item = three_public_item(lab)
        total = THREE_PUBLIC_TOTAL.search(lab) or (three_public and lab in ("合计", "总计"))
        if item or total:
            if item and (len(lab) - item[1].end()) > 4:
                return
            q = item[0] if item else "合计"
            pct = next((k for k, h in enumerate(cols) if re.search(r"完成|执行率|%", h)), None)
            bud = next((k for k, h in enumerate(cols) if "预算" in h and "执行" not in h and k != pct), None)
            act = next((k for k, h in enumerate(cols)
                        if ("决算" in h or "支出" in h or "执行数" in h) and k != pct), None)
            if bud is None and act is None:
                act = 0 if len(vals) >= 1 else None
            if bud is not None and bud < len(vals):
                emit("three_public_budget", vals[bud], unit, q)
            if act is not None and act < len(vals):
                if item:
                    emit("three_public_item", vals[act], unit, q)
                else:
                    emit("three_public_total", vals[act], unit)
            if pct is not None and pct < len(vals) and VALUE_CELL.match(vals[pct].text):
                # "完成预算(%)" column: the % is printed in the header only
                emit("three_public_completion_pct", vals[pct], "%", q)
            return
        if lab in ("总额", "合计", "总计") and project and any("执行" in h for h in cols):
            names = {"年初预算": "project_budget", "调整后预算": "project_adjusted_budget", "全年预算": "project_adjusted_budget",
                     "预算执行数": "project_executed", "执行数": "project_executed", "预算执行率": "project_execution_rate",
                     "执行率": "project_execution_rate"}
            for k, h in enumerate(cols[: len(vals)]):
                for key, metric in names.items():
                    if h.startswith(key):
                        pct = vals[k].text.endswith("%") or "率" in h
                        emit(metric, vals[k], "%" if pct else unit, project)
                        break
            return
        if vals[0].text.endswith("%"):
            return
        if lab == "总计" and not aligned and has_rowno and re.search(r"收入支出|收支", self._title):
            # one cell per line, 收入 part first: the first 总计 is 收入总计, the next 支出总计
            side = "收入总计" if self._grand_totals % 2 == 0 else "支出总计"
            self._grand_totals += 1
            emit("total_income_expense", vals[0], unit, side)
            return
        cls = CLASS_RE.search(lab)
        if cls and cls.end() == len(lab) and len(lab) - len(cls.group(0)) <= 3:
            emit("expense_by_function", vals[0], unit, cls.group(0))
            return
        hit = find_keyword(lab, KEYWORDS)
        if hit and hit[0].metric in PROCUREMENT_METRICS and "采购" not in lab:
            hit = None
        if hit and hit[1].end() == len(lab) or (hit and hit[0].metric.startswith(("total", "fin"))):
            kw, km = hit
            q = km.group(0) if kw.qualifier is None else kw.qualifier
            emit(kw.metric, vals[0], unit, q or None)
            return

    def _subject_row(self, label: Cell, vals: list[Cell], unit: str | None, headers: list[str], has_rowno: bool,
                     title: str) -> bool:
        """科目 rows of a one-cell-per-line table (code, name, values): same reading as the
        ``|`` rows of ``prose_rows``. A code printed before the next row's name ends up as
        this row's last value cell; it is dropped here and picked up for the next row."""
        context = title + " " + " ".join(headers)
        if not is_subject_context(context):
            return False
        if has_rowno and vals and re.fullmatch(r"\d{1,3}", vals[0].text):
            vals = vals[1:]
        code = self._pending_code
        self._pending_code = None
        if vals and CODE_RE.match(vals[-1].text) and "." not in vals[-1].text:
            self._pending_code = vals[-1].text
            vals = vals[:-1]
        cols = [h for h in self._value_headers(headers) if not ROWNO.search(h)]
        group = Group(label, code, list(zip(vals, cols)) if cols else [(v, "") for v in vals[:1]])
        return self._rows._subject_row(group, unit, context)

    @staticmethod
    def _value_headers(headers: list[str]) -> list[str]:
        for k, h in enumerate(headers):
            if UNIT_DECL.fullmatch(h):
                continue  # "金额单位:万元" above the header is not the 金额 column
            if VALUE_HEADERS.match(h) and not h.startswith("预算执行情况"):
                return [x for x in headers[k:] if not re.fullmatch(r"(?:年度)?预算数?\((?:万元|元)\)", x)]
        return []

    # ---------------------------------------------------------------- row per line (OCR)
    def _inline_rows(self) -> None:
        norm = self.norm
        pos = 0
        unit = None
        for line in norm.split("\n"):
            d = UNIT_DECL.search(line)
            if d:
                unit = d.group(1) or d.group(2)
            if "行次" in line and unit:
                for m in INLINE_ROW.finditer(line):
                    lab = m.group(1)
                    v = to_decimal(m.group(3))
                    if v is None:
                        continue
                    s = pos + m.start(1)
                    num = (pos + m.start(3), pos + m.end(3))
                    cls = CLASS_RE.search(lab)
                    if cls and cls.end() == len(lab):
                        self.fb.emit("expense_by_function", num, v, unit, (s, num[1]), cls.group(0))
                        continue
                    hit = find_keyword(lab, KEYWORDS)
                    if hit and hit[1].end() == len(lab) and hit[0].metric not in PROCUREMENT_METRICS:
                        kw, km = hit
                        q = km.group(0) if kw.qualifier is None else kw.qualifier
                        self.fb.emit(kw.metric, num, v, unit, (s, num[1]), q or None)
            pos += len(line) + 1
