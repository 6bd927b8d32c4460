"""Facts stated in the tables of a 预算 document (部门预算公开: 收支预算总表 … 三公经费预算表).

A table's kind comes from its title (rows of seeds/lexicon/budget_table_kinds.csv); the role of
each column or row label from seeds/lexicon/budget_columns.csv. Facts use the 决算 metric names
(expense_by_function, three_public_item …); that they are 预算数 is the document's kind.

Readers (the `reader` column of the kinds seed):
* side_by_side: income, 功能分类 and 支出用途 printed side by side in one row; every label is
  paired with the next number before the next label of the same row (never by position).
* subject: rows of 功能分类 codes (one cell, `201 06 01`, or 类/款/项 columns) and names, with
  合计 / 基本支出 / 项目支出 columns; a code is checked against the printed name.
* three_public: headers several lines deep over one row of numbers; each number is named by the
  header cells above it (by x position); 合计 is the 三公 total only when it equals the sum of the
  三公 items, so a 合计 that includes 会议费 and 培训费 is never emitted as a 三公 total.
* office_running: the 合计 of the 机关运行经费 table.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ...model import Block, Cell, Fact, Location, ParsedDocument
from ...numbers import parse_number, to_wan
from ...vocab import read_seed
from ...vocab.metrics import labels_for
from ...vocab.names import three_public_items
from ..subjects import is_class_name
from .budget_codes import subject_code_of
from .budget_grid import (CODE_CELL_RE, MAX_FURNITURE_CHARS, ORIGIN_OF_READING, TOTAL_QUALIFIERS, Kind, Role,
                          TableRead, _data_rows, _number, _title_re, column_role, fold, header_parts, header_path,
                          kind_of_title, role_of)
from .grid import Grid, clean_label, table_unit, unit_in


# ---------------------------------------------------------------------------- readers
def read_side_by_side(t: TableRead) -> list[Fact]:
    out: list[Fact] = []
    m = t.kind.metrics
    for row in t.grid.rows:
        label: Cell | None = None
        for cell in row:
            text = cell.text.strip()
            if not text:
                continue
            if _number(cell) is None:
                label = cell if re.search(r"[\u4e00-\u9fff]", text) else label
                continue
            if label is None:
                continue
            name = clean_label(label.text)
            role = role_of("side_by_side", name)
            metric, qualifier = None, None
            if role and role.role == "total":
                metric, qualifier = m.get("total"), role.qualifier
            elif role and role.role in ("basic", "project"):
                metric, qualifier = m.get(role.role), role.qualifier
            elif role and role.role == "income" and t.kind.kind == "all_total":
                metric, qualifier = "income_by_source", role.qualifier
            elif role is None and m.get("class") and is_class_name(name):
                metric, qualifier = m["class"], name
            if metric:
                out.append(t.fact(metric, cell, label, qualifier))
            label = None  # one number per label
    return out


def read_subject(t: TableRead, state: dict) -> list[Fact]:
    grid, m = t.grid, t.kind.metrics
    data = _data_rows(grid, codes_possible=True)
    if not data:
        return []
    headers = [r for r in range(data[0]) if any(c.text.strip() for c in grid.rows[r])]
    if headers:
        state["headers"] = (grid, headers)
    elif "headers" in state:  # a page break: the previous page's header names the columns
        grid_h, headers_h = state["headers"]
        return _read_subject_rows(t, grid_h, headers_h, data, state)
    return _read_subject_rows(t, grid, headers, data, state)


def _read_subject_rows(t: TableRead, hgrid: Grid, headers: list[int], data: list[int], state: dict) -> list[Fact]:
    out: list[Fact] = []
    m = t.kind.metrics
    pending: list[Cell] = []  # a code + name row with no amount: its amount may sit on the next row
    rows = range(data[0], len(t.grid.rows))
    data_set = set(data)
    # "2025年预算数 | 2024年预算数": a year printed over an amount column; only the latest year's is
    # this budget's (the other is last year's budget, not read)
    years = {int(y) for r in headers for c in hgrid.rows[r] for y in _COLUMN_YEAR.findall(c.text)} if headers else set()
    latest = max(years) if len(years) > 1 else None
    for r in rows:
        row = [c for c in t.grid.rows[r] if c.text.strip()]
        if not row:
            continue
        has_number = r in data_set
        if not has_number:
            pending = row if any(re.search(r"[\u4e00-\u9fff]", c.text) for c in row) else []
            continue
        if pending and all(_number(c) is not None for c in row):
            row = pending + row  # the wrapped amount joins its code and name
        pending = []
        codes: list[str] = []
        name_cell: Cell | None = None
        amounts: dict[str, Cell] = {}
        for cell in row:
            text = cell.text.strip()
            if name_cell is None and CODE_CELL_RE.match(text) and "," not in text:
                codes.append(text)
                continue
            if _number(cell, codes_possible=name_cell is None) is None:
                if name_cell is None and re.search(r"[\u4e00-\u9fff]", text):
                    name_cell = cell
                continue
            parts = header_parts(hgrid, headers, cell) if headers else []
            role = column_role("subject", parts) if headers else None
            if latest is not None and any(int(y) != latest for p in parts for y in _COLUMN_YEAR.findall(p)):
                continue  # last year's column
            if role and role.role in ("total", "basic", "project") and role.role not in amounts:
                amounts[role.role] = cell
        if not amounts and len(row) == 1 and name_cell is None and _number(row[0]) is not None and not headers:
            continue
        name = clean_label(name_cell.text) if name_cell else ""
        name_role = role_of("subject", name, frozenset({"total_row"})) if name else None
        only_numbers = not name and not codes and len(data) <= 2  # 支出预算总表: one row under 合计/基本/项目
        if name_role or only_numbers:
            for role in ("total", "basic", "project"):
                if role in amounts and m.get(role):
                    out.append(t.fact(m[role], amounts[role], name_cell, TOTAL_QUALIFIERS[role]))
            continue
        if "total" not in amounts or not name:
            continue
        code = subject_code_of(codes, name, state)
        level = len(code) if code else (3 if is_class_name(name) else None)
        metric = m.get("class") if level == 3 else m.get("item") if level in (5, 7) else None
        if metric:
            fact = t.fact(metric, amounts["total"], name_cell, name, code)
            if code:  # how the code was obtained: as printed / rebuilt from the rows above / by its name
                fact.subject_code_origin = ORIGIN_OF_READING.get(state["how"][-1][2])
            out.append(fact)
    return out


_COLUMN_YEAR = re.compile(r"(20\d\d)年")
TOTAL_LINE_RE = re.compile(r"^\s*合\s*计((?:\s+[\d,]+(?:\.\d+)?)+)\s*$")


def read_total_line_after(t: TableRead, block: Block, state: dict) -> list[Fact]:
    """The 合计 row printed alone on the next page, outside any table ("合计 156,211,123
    99,706,020 56,505,103"): read only when the columns were 合计 / 基本支出 / 项目支出 and
    合计 = 基本 + 项目, so the order of the numbers is proven by their sum."""
    blocks = t.doc.blocks
    i = blocks.index(block) if block in blocks else -1
    m = t.kind.metrics
    if i < 0 or i + 1 >= len(blocks) or blocks[i + 1].kind == "table" or not state.get("headers"):
        return []
    nxt = blocks[i + 1]
    mm = TOTAL_LINE_RE.match(nxt.text)
    if not mm or nxt.location.char_start is None:
        return []
    grid_h, headers_h = state["headers"]
    placed: dict[int, str] = {}
    for r in headers_h:
        for c in grid_h.rows[r]:
            role = role_of("subject", c.text, frozenset({"total", "basic", "project"})) if c.text.strip() else None
            if role:
                placed.setdefault(c.col, role.role)
    roles = [placed[c] for c in sorted(placed)]
    nums = [(x.start(), x.group()) for x in re.finditer(r"[\d,]+(?:\.\d+)?", nxt.text[mm.start(1):])]
    if roles != ["total", "basic", "project"] or len(nums) != 3:
        return []
    values = [parse_number(n) for _, n in nums]
    if None in values or values[0] != values[1] + values[2]:
        return []
    out = []
    base = nxt.location.char_start + mm.start(1)
    for role, (off, text) in zip(roles, nums):
        if not m.get(role):
            continue
        s0 = base + off
        loc = Location(page=t.doc.page_of(s0) or nxt.location.page, char_start=s0, char_end=s0 + len(text))
        label = Cell(row=0, col=0, text="合计", location=Location(page=nxt.location.page, char_start=nxt.location.char_start,
                                                                  char_end=nxt.location.char_start + 2))
        out.append(t.fact(m[role], Cell(row=0, col=1, text=text, location=loc), label, TOTAL_QUALIFIERS[role]))
    return out


def read_three_public(t: TableRead) -> list[Fact]:
    grid = t.grid
    data = _data_rows(grid)
    if not data:
        return []
    headers = [r for r in range(data[0]) if any(c.text.strip() for c in grid.rows[r])]
    out: list[Fact] = []
    for r in data[:1]:  # one row of numbers
        named: dict[str, list[tuple[Role, Cell]]] = {}
        other = False
        for cell in grid.rows[r]:
            if _number(cell) is None:
                continue
            role = role_of("three_public", header_path(grid, headers, cell))
            if role is None:
                continue
            other |= role.role == "other"
            named.setdefault(role.role + ":" + role.qualifier, []).append((role, cell))
        once = {k: v[0] for k, v in named.items() if len(v) == 1}  # a name read twice is not trusted
        items = {k.split(":", 1)[1]: c for k, (role, c) in once.items() if role.role == "item"}
        for q, c in items.items():
            out.append(t.fact("three_public_item", c, None, q))
        total = next((c for k, (role, c) in once.items() if role.role == "total"), None)
        grand = next((c for k, (role, c) in once.items() if role.role == "grand_total"), None)
        if total is None and grand is not None and not other and _is_sum_of_items(grand, items):
            total = grand
        if total is not None:
            out.append(t.fact("three_public_total", total, None, "合计"))
        office = next((c for k, (role, c) in once.items() if role.role == "office_running"), None)
        if office is not None:
            out.append(t.fact("office_running_cost", office, None, labels_for("office_running_cost")["office_running_cost"]))
    return out


def _is_sum_of_items(total: Cell, items: dict[str, Cell]) -> bool:
    """Whether ``total`` is the 三公 total: the sum of the level-1 items (a level-1 item not printed
    is the sum of its printed parts), by the structure in seeds/lexicon/three_public_items.csv."""
    rows = three_public_items()
    parts: list[Cell] = []
    for r in rows:
        if r["level"] != "1":
            continue
        cell = items.get(r["item"])
        parts += [cell] if cell is not None else [items[c["item"]] for c in rows if c["parent"] == r["item"] and c["item"] in items]
    values = [parse_number(c.text) for c in parts if c is not None]
    if not values:
        return False
    return abs(sum(values) - (parse_number(total.text) or Decimal(0))) <= Decimal("0.01") * len(values)


def read_office_running(t: TableRead) -> list[Fact]:
    metric = t.kind.metrics.get("total")
    for row in t.grid.rows:
        cells = [c for c in row if c.text.strip()]
        for i, c in enumerate(cells):
            if fold(c.text) in ("合计", "总计") and metric:
                nums = [x for x in cells[i + 1 :] if _number(x) is not None]
                if nums:
                    return [t.fact(metric, nums[0], c, labels_for("office_running_cost")["office_running_cost"])]
    return []


# ---------------------------------------------------------------------------- dispatch
def _title_before(doc: ParsedDocument, block: Block) -> tuple[str, bool]:
    """Title of a table: its own first row when it carries one (tables-only files), else the
    nearest title line of the blocks before it; and whether it continues the previous table."""
    from .dispatch import _preceding_text

    first = "".join(c.text for c in (block.rows or [[]])[0]) if block.rows else ""
    m = _title_re().search(first[:80])
    if m:
        return m.group(0), False
    text, continuation = _preceding_text(doc, block)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in reversed(lines):
        mm = _title_re().search(ln)
        if mm and len(ln) <= 100:
            return mm.group(0), False
    # only page furniture (a page number, a lone text line) between two tables: a page break
    return "", continuation or len("".join(lines)) <= MAX_FURNITURE_CHARS


def _context_unit(doc: ParsedDocument, block: Block) -> str:
    """The last 单位 line before the table ("编制部门：… 单位：元")."""
    from .dispatch import _preceding_text

    text, _ = _preceding_text(doc, block)
    units = [ln for ln in text.splitlines() if unit_in(ln)]
    return units[-1] if units else ""


def _unit_of(doc: ParsedDocument, grid: Grid, block: Block) -> str | None:
    """单位 of the table: in its first rows (also when split as 单位：万 / 元), else the
    last 单位 line before it."""
    rows = grid.rows[:4]
    head = fold("".join(c.text for row in rows for c in row))
    by_column: dict[int, str] = {}
    for row in rows:
        for c in row:
            by_column[c.col] = by_column.get(c.col, "") + fold(c.text)
    return (unit_in(head) or next((unit_in(t) for t in by_column.values() if unit_in(t)), None)
            or table_unit(doc, grid, _context_unit(doc, block), None))


def extract_budget_tables(doc: ParsedDocument, read_blocks: set[int] | None = None) -> list[Fact]:
    """Facts of a 预算 document's standard tables; ``read_blocks`` collects the block_no of every
    table this reader takes (the others — 绩效目标表, 项目支出表 … — are left to the project reader)."""
    facts: list[Fact] = []
    prev: tuple[Kind, str] | None = None
    state: dict = {}
    for block, grid, inner_title in _pieces(doc):
        title, continuation = (inner_title, False) if inner_title else _title_before(doc, block)
        kind = kind_of_title(title) if title else None
        if kind is None and continuation and prev is not None:
            kind, unit = prev
        else:
            state = {}
            if kind is None:
                prev = None
                continue
            unit = _unit_of(doc, grid, block)
        if unit is None:
            continue
        prev = (kind, unit)
        if read_blocks is not None and kind.reader != "skip":
            read_blocks.add(block.block_no)
        t = TableRead(doc, grid, kind, unit)
        if kind.reader == "side_by_side":
            facts += read_side_by_side(t)
        elif kind.reader == "subject":
            facts += read_subject(t, state)
            facts += read_total_line_after(t, block, state)
        elif kind.reader == "three_public":
            facts += read_three_public(t)
        elif kind.reader == "office_running":
            facts += read_office_running(t)
    from .dispatch import unique_cells

    facts = unique_cells(facts)  # one fact per printed cell ...
    return facts + _all_funds_from_fin(facts)  # ... plus the all-funds reading of 财政拨款 rows


def _pieces(doc: ParsedDocument):
    """(block, grid, title) per table; a block that holds two tables (a title row inside it,
    as when a short table and the next one share a page) is cut at that row."""
    for block in doc.tables:
        rows = block.rows or []
        cuts = [0]
        for i, row in enumerate(rows):
            if i == 0:
                continue
            text = "".join(c.text for c in row)
            m = _title_re().match(text.strip())
            if m and kind_of_title(m.group(0)) is not None:
                cuts.append(i)
        for a, b in zip(cuts, cuts[1:] + [len(rows)]):
            if b <= a:
                continue
            title = ""
            if a > 0:
                title = _title_re().match("".join(c.text for c in rows[a]).strip()).group(0)
            yield block, Grid(block=block, rows=rows[a:b]), title


def _all_funds_from_fin(facts: list[Fact]) -> list[Fact]:
    """When every yuan of the document is 财政拨款 (收入总计 of the 收支总表 = 收入总计 of the
    财政拨款收支总表), its 财政拨款 功能分类 rows are also the all-funds rows: a true number under
    the all-funds metric, taken where no all-funds row of that subject was read."""
    metrics = {r["kind"]: r for r in read_seed("budget_table_kinds")}
    fin, every = metrics.get("fin_expense"), metrics.get("all_expense")
    if not fin or not every:
        return []
    def total(metric: str) -> Decimal | None:
        vals = {f.amount_wan if f.amount_wan is not None else to_wan(f.value, f.unit)
                for f in facts if f.metric == metric and f.qualifier == "收入总计"}
        return next(iter(vals)) if len(vals) == 1 else None
    all_total, fin_total = total(every_total_metric()), total(metrics["fin_total"]["total_metric"])
    if all_total is None or all_total != fin_total:
        return []
    pairs = {fin[c]: every[c] for c in ("class_metric", "item_metric") if fin[c] and every[c]}
    have = {(f.metric, f.subject_code) for f in facts if f.subject_code}
    out = []
    for f in facts:
        target = pairs.get(f.metric)
        if target and f.subject_code and (target, f.subject_code) not in have:
            out.append(replace(f, metric=target))
            have.add((target, f.subject_code))
    return out


def every_total_metric() -> str:
    return next(r["total_metric"] for r in read_seed("budget_table_kinds") if r["kind"] == "all_total")


def is_budget_document(doc: ParsedDocument) -> bool:
    """A 预算 disclosure (its tables are 预算 tables), by the document metadata."""
    from ..metadata import document_kind

    return document_kind(doc.text) == "预算"
