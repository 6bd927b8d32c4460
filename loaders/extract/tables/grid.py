"""Shared helpers for reading table blocks: cell text, header labels, units, row items and
subject codes (a Fact from cells: facts.py)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ...model import Block, Cell, ParsedDocument
from ...numbers import is_missing, parse_number
from ...vocab.tables import TOTAL_ROW_WORDS, title_words

# "单位：万元", "金额单位：元", "单位:百元"
UNIT_RE = re.compile(r"(?:金额)?单位\s*[:：]\s*(亿元|万元|千元|百元|元)")
# a unit printed inside a column or row label: "预算额(百元)", "决算数（万元）"
LABEL_UNIT_RE = re.compile(r"[(（]\s*(亿元|万元|千元|百元|元)\s*[)）]")
# an ordinal prefix in front of a row label: "一、", "（一）", "1.", "1、"
ORDINAL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d{1,2}\s*[、.．](?!\d))\s*")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
# subject / economic classification code cells: "201", "06", "2010601", "201 06 01"
CODE_PART_RE = re.compile(r"^\d{2,3}$")
CODE_FULL_RE = re.compile(r"^(\d{3})(?:\s*(\d{2}))?(?:\s*(\d{2}))?$")
# a name cell that carries its code in front: "2010601 行政运行", "201 06 01 行政运行"
CODE_NAME_RE = re.compile(r"^\s*([1235]\d{2}(?:\s?\d{2}){0,2})(?:\s+|(?=[\u4e00-\u9fff（(]))(\S.*)$")
# "其中：" in front of a sub-item's name
QIZHONG_RE = re.compile(r"^\s*其\s*中\s*[:：]\s*")


# compiled once (they ran through re's pattern cache per cell)
LETTER_SPACING_RE = re.compile(r"(?<=[\u4e00-\u9fff（）()“”])\s+(?=[\u4e00-\u9fff（）()“”])")
JOINED_CODE_RE = re.compile(r"[1235]\d{2}(?:\d{2}){0,2}")
TOTAL_END_RE = re.compile("(?:" + "|".join(TOTAL_ROW_WORDS) + ")$")
SMALL_INT_RE = re.compile(r"\d{1,2}")


@lru_cache(maxsize=1 << 16)
def norm(text: str | None) -> str:
    """Cell text folded for matching: NFKC, no whitespace (memoised: cells repeat). ``split()``
    drops exactly the characters a regex ``\\s`` matches, at a third of ``re.sub``'s cost."""
    if not text:
        return ""
    if not _is_normalized("NFKC", text):  # nfkc's own quick check, without its call
        text = nfkc(text)
    return "".join(text.split())


_is_normalized = unicodedata.is_normalized


# Unicode blocks whose compatibility characters tables print: general punctuation, enclosed
# numbers (①), CJK symbols and punctuation, fullwidth forms (（）：，；)
COMPAT_BLOCKS = ((0x2000, 0x2BFF), (0x3000, 0x33FF), (0xFE30, 0xFFEF))


@lru_cache(maxsize=1)
def _compat_decompositions() -> tuple[dict[str, str], re.Pattern[str]]:
    """Each character of COMPAT_BLOCKS that NFKD changes, with its NFKD form, and a pattern
    matching any of them (built once per process)."""
    table: dict[str, str] = {}
    for lo, hi in COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            d = unicodedata.normalize("NFKD", c)
            if d != c:
                table[c] = d
    return table, re.compile("[" + "".join(re.escape(c) for c in table) + "]")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on a text with a few fullwidth marks.
    NFKC(s) is the composition of NFKD(s), and NFKD(s) does not change when a character is
    replaced by its own NFKD form (decomposition is per character; the canonical reordering
    is a stable sort, unchanged by sorting a piece first). After those replacements a table
    cell is mostly NFKC already, and normalize's quick check returns it without the slow
    decompose-and-compose over the whole text."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    table, pattern = _compat_decompositions()
    return unicodedata.normalize("NFKC", pattern.sub(lambda m: table[m.group()], text))


def clean_label(text: str) -> str:
    """A row label in the document's wording, minus its ordinal and letter-spacing."""
    s = ORDINAL_RE.sub("", QIZHONG_RE.sub("", text.strip()))
    s = LETTER_SPACING_RE.sub("", s)
    return s.strip()


def is_amount_text(text: str) -> bool:
    return parse_number(text) is not None


@dataclass
class Grid:
    """A table block as a dense (row, col) -> Cell map."""

    block: Block
    rows: list[list[Cell]]
    # what the readers derive from the grid alone (first data row, caption rows, labels), found
    # once per grid: a grid lives as long as one extraction call
    memo: dict = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, block: Block) -> "Grid":
        return cls(block=block, rows=block.rows or [])

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def cell(self, r: int, c: int) -> Cell | None:
        if 0 <= r < len(self.rows) and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def text(self, r: int, c: int) -> str:
        cell = self.cell(r, c)
        return cell.text.strip() if cell else ""

    def row_texts(self, r: int) -> list[str]:
        return [c.text.strip() for c in self.rows[r]]

    def first_text(self, r: int) -> tuple[int, str]:
        """Column and text of the first non-empty cell of row r."""
        for c, cell in enumerate(self.rows[r]):
            if cell.text.strip():
                return c, cell.text.strip()
        return -1, ""


def unit_in(text: str) -> str | None:
    """The unit of a "单位：万元" line in the text. Every UNIT_RE match holds 单位: a text
    without it is not searched (the pattern, with no literal in front, is tried at every
    position)."""
    if "单位" not in text:
        return None
    m = UNIT_RE.search(text)
    return m.group(1) if m else None


def label_unit(text: str) -> str | None:
    """The unit printed in a label, "(万元)". Every LABEL_UNIT_RE match holds 元: a text
    without it is not searched."""
    if "元" not in text:
        return None
    m = LABEL_UNIT_RE.search(text)
    return m.group(1) if m else None


def join_codes(parts: list[str]) -> str | None:
    """["201", "06", "01"] -> "2010601"; economic ["301", "01"] -> "30101"."""
    s = "".join(p.replace(" ", "") for p in parts)
    if not parts or not JOINED_CODE_RE.fullmatch(s):
        return None
    if len(parts) > 1 and any(len(p.replace(" ", "")) != 2 for p in parts[1:]):
        return None
    return s


@dataclass
class RowItem:
    """One labelled item of a table row: optional code cells, a name cell, value cells."""

    row: int
    name_cell: Cell
    name: str
    code: str | None
    code_cells: list[Cell] = field(default_factory=list)
    values: list[Cell] = field(default_factory=list)  # cells right of the name, up to the next item
    lane: int = 0


def _is_code(t: str) -> bool:
    return bool(CODE_PART_RE.match(t) or CODE_FULL_RE.match(t))


def _is_name(t: str) -> bool:
    return bool(CJK_RE.search(t)) and parse_number(t) is None


def _codes_lead_to_name(cells: list[Cell], start: int, skip_cols: set[int]) -> bool:
    """True when cells[start:] read: code parts (blanks allowed) then a name cell."""
    for c in range(start, len(cells)):
        if c in skip_cols:
            continue
        t = cells[c].text.strip()
        if not t or _is_code(t):
            continue
        return _is_name(t)
    return False


def _code_run(pending: list[Cell], inline: str | None, first_lane: bool) -> tuple[list[Cell], list[Cell]]:
    """Split the digit cells in front of a name into (its code cells, cells before them): the
    code is the longest run ending at the name that joins into a valid code. In a two-lane
    table in 元, lane 1's whole-number amount (262) sits right before lane 2's code (302 01).
    A partial code (2-digit parts only) is taken in the first lane only: later, '21' is rather
    the previous item's amount."""
    tail = [inline] if inline else []
    for i in range(len(pending) + 1):
        run = pending[i:]
        if not run and not tail:
            break
        if join_codes([x.text.strip() for x in run] + tail):
            return run, pending[:i]
    if not tail and first_lane:  # a partial code: only the 款 / 项 parts printed under a 类 row ('' | 06 | 01)
        for i in range(max(0, len(pending) - 2), len(pending)):
            if all(len(x.text.strip()) == 2 for x in pending[i:]):
                return pending[i:], pending[:i]
    return [], pending


COMPLETE_NAME_RE = re.compile(r"(?:支出|费|收入|合计|总计|[)）])$")


def wrapped_tail(grid: Grid, r: int, col: int, name: str) -> str:
    """The rest of a long label that wrapped onto the next row(s) of an unruled table: rows whose
    only text is a short fragment in the same column ('机关事业单位基本养老保险缴费支' + '出')."""
    tail = ""
    for nxt in (r + 1, r + 2):
        if nxt >= len(grid.rows) or len(norm(name + tail)) < 12 or COMPLETE_NAME_RE.search(norm(name + tail)):
            break
        texts = [(c.col, c.text.strip()) for c in grid.rows[nxt] if c.text.strip()]
        if len(texts) != 1 or texts[0][0] != col:
            break
        frag = texts[0][1]
        if len(norm(frag)) > 8 or not _is_name(frag) or ORDINAL_RE.match(frag) or CODE_NAME_RE.match(frag):
            break
        tail += frag
    return tail


def row_items(grid: Grid, r: int, skip_cols: set[int] | None = None) -> list[RowItem]:
    """Split row r into items: [code cells] name cell [value cells] ... (two-lane tables give two).
    Split once per grid, row and skipped columns (first_data_row and the reader both split the
    first data row); each call gets its own copies, since readers fill in an item's code."""
    key = ("row_items", r, frozenset(skip_cols or ()))
    found = grid.memo.get(key)
    if found is None:
        found = grid.memo[key] = _row_items(grid, r, skip_cols)
    return [RowItem(it.row, it.name_cell, it.name, it.code, list(it.code_cells), list(it.values), it.lane)
            for it in found]


def _row_items(grid: Grid, r: int, skip_cols: set[int] | None = None) -> list[RowItem]:
    skip_cols = skip_cols or set()
    cells = grid.rows[r]
    items: list[RowItem] = []
    pending: list[Cell] = []
    current: RowItem | None = None
    for c, cell in enumerate(cells):
        if c in skip_cols:
            continue
        t = cell.text.strip()
        if _is_code(t) and (pending or _codes_lead_to_name(cells, c, skip_cols)):
            pending.append(cell)
            continue
        if _is_name(t):
            m = CODE_NAME_RE.match(QIZHONG_RE.sub("", t))
            if TOTAL_END_RE.search(t):
                pending, spill = [], pending  # a total row has no code: digits before it are amounts
            else:
                pending, spill = _code_run(pending, m.group(1) if m else None, current is None)
            if current is not None:
                current.values.extend(spill)  # whole-number amounts that looked like code parts
            codes = [x.text.strip() for x in pending] + ([m.group(1)] if m else [])
            name = m.group(2) if m else t
            current = RowItem(
                row=r,
                name_cell=cell,
                name=clean_label(name + wrapped_tail(grid, r, c, name)),
                code=join_codes(codes) if codes else None,
                code_cells=list(pending),
                lane=len(items),
            )
            items.append(current)
            pending = []
            continue
        if pending and not t:
            continue
        if current is not None:
            current.values.append(cell)
    return items


def _filled_header(grid: Grid, header_rows: list[int]) -> dict[tuple[int, int], str]:
    """Header cell texts with merged group labels spread right: an empty header cell takes the
    label on its left as long as the row above puts both columns in the same group."""
    out: dict[tuple[int, int], str] = {}
    prev: int | None = None
    for r in header_rows:
        for c in range(grid.ncols):
            own = norm(grid.text(r, c))
            if own or c == 0:
                out[(r, c)] = own
                continue
            same_parent = prev is None or out.get((prev, c)) == out.get((prev, c - 1))
            out[(r, c)] = out[(r, c - 1)] if same_parent else ""
        prev = r
    return out


def column_labels(grid: Grid, header_rows: list[int]) -> dict[int, str]:
    """Header label of every column: header cells stacked top to bottom (whitespace removed),
    merged group labels spread over the columns they span.

    A column whose own label is only 预算数/决算数 (a budget/actual pair under a group header)
    borrows the group name from the column to its left."""
    filled = _filled_header(grid, header_rows)
    labels: dict[int, str] = {}
    for c in range(grid.ncols):
        parts: list[str] = []
        for r in header_rows:
            t = filled.get((r, c), "")
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        labels[c] = "".join(parts)
    if header_rows:
        bottom = header_rows[-1]
        for c in range(1, grid.ncols):
            own = norm(grid.text(bottom, c))
            left = norm(grid.text(bottom, c - 1))
            if own in {"决算数", "执行数", "决算"} and left in {"预算数", "年初预算", "预算", "年初预算数"}:
                group = labels[c - 1][: -len(left)] if labels[c - 1].endswith(left) else labels[c - 1]
                if not labels[c][: -len(own)]:
                    labels[c] = group + own
    return labels


# rows and cells that number the columns or rows (栏次 1 2 3 …, 行次), never amounts
SERIAL_LABELS = frozenset({"栏次", "行次", "栏号", "行号", "序号", "编号"})


def is_serial_label(text: str) -> bool:
    return norm(text) in SERIAL_LABELS


def starts_with_column_numbers(cells: list[Cell]) -> bool:
    """Cells that begin 1, 2, 3 …: a header label with the column numbers after it (a run of
    one-cell-per-line text cut at the wrong width), not a row of amounts."""
    texts = [norm(c.text) for c in cells[:3]]
    return len(texts) == 3 and texts == ["1", "2", "3"]


def _is_serial_row(grid: Grid, r: int) -> bool:
    """A column-numbering row: '栏次 | | 1 | 2 | 3' or bare consecutive small integers."""
    texts = [t for c in grid.rows[r] if (t := norm(c.text))]
    if not texts:
        return False
    labels: list[str] = []
    nums: list[int] = []
    for t in texts:  # each text matched once: a small integer or a label
        if SMALL_INT_RE.fullmatch(t):
            nums.append(int(t))
        else:
            labels.append(t)
    counted = len(nums) >= 3 and nums == list(range(1, len(nums) + 1))
    if counted and len(labels) <= 2 and all(parse_number(t) is None for t in labels):
        return True  # header labels with the column numbers beside them: 编码 | 科目名称 | 1 | 2 | 3
    if labels and not all(is_serial_label(t) or t in {"类", "款", "项"} for t in labels):
        return False
    if labels and nums:
        return True
    return len(nums) >= 3 and nums == list(range(nums[0], nums[0] + len(nums)))


def first_data_row(grid: Grid) -> int:
    """First row holding an amount: a labelled item with a value (code cells told apart by
    row_items), or a number that cannot be a code part; 栏次 rows are not data."""
    found = grid.memo.get("first_data_row")
    if found is None:
        found = grid.memo["first_data_row"] = _first_data_row(grid)
    return found


def _first_data_row(grid: Grid) -> int:
    for r, row in enumerate(grid.rows):
        if _is_serial_row(grid, r):
            continue
        if any(value_cells(item) for item in row_items(grid, r)):
            return r
        for cell in row:
            t = cell.text.strip()
            if parse_number(t) is None:
                continue
            if CODE_PART_RE.match(t) or (CODE_FULL_RE.match(t) and "." not in t and len(t) >= 5):
                continue
            return r
    return len(grid.rows)


CAPTION_RE = re.compile(r"(?:单位\s*[:：]|编制单位|公开(?:\d+)?表|^表\s*[\d一二三四五六七八九十]|" + title_words() + r"|^\d{4}\s*年)")


def caption_rows(grid: Grid) -> list[int]:
    """Leading rows that caption the table rather than head its columns: the title, the unit
    line, 编制单位, 公开表N (spreadsheets keep them inside the sheet's table)."""
    found = grid.memo.get("caption_rows")
    if found is None:
        found = grid.memo["caption_rows"] = _caption_rows(grid)
    return list(found)


def _caption_rows(grid: Grid) -> list[int]:
    out: list[int] = []
    for r in range(min(4, len(grid.rows))):
        texts = [t for c in grid.rows[r] if (t := norm(c.text))]
        if not texts:
            out.append(r)
            continue
        single = len(texts) == 1 and grid.ncols >= 3 and parse_number(texts[0]) is None and len(texts[0]) >= 4
        if single or _all_captions(texts):
            out.append(r)
            continue
        break
    return out


def _all_captions(texts: list[str]) -> bool:
    """Whether every text holds a caption mark (``all`` over a generator, as a loop)."""
    for t in texts:
        if not CAPTION_RE.search(t):
            return False
    return True


def caption_text(grid: Grid) -> str:
    return "\n".join("  ".join(c.text.strip() for c in grid.rows[r] if c.text.strip()) for r in caption_rows(grid))


def header_rows(grid: Grid, start: int) -> list[int]:
    """Rows above the first data row, minus caption rows and column-numbering rows."""
    captions = set(caption_rows(grid))
    return [r for r in range(start) if r not in captions and not _is_serial_row(grid, r)]


def table_unit(doc: ParsedDocument, grid: Grid, context: str, default: str | None = "万元") -> str | None:
    """Unit stated for the table: in its title area, or in a cell of its first rows."""
    for r in range(min(3, len(grid.rows))):
        for cell in grid.rows[r]:
            u = unit_in(cell.text)
            if u:
                return u
    u = unit_in(context)
    return u or default


def value_cells(item: RowItem) -> list[Cell]:
    """The item's value cells that hold a number (missing markers and blanks dropped)."""
    return [c for c in item.values if not is_missing(c.text) and parse_number(c.text.strip().lstrip("+")) is not None]
