""".xlsx (openpyxl, read-only, cached values) and .xls (xlrd) -> one table block per sheet.

Formulas are never evaluated: openpyxl's ``data_only=True`` returns the value Excel cached
when the file was saved (a formula never calculated comes back blank). Every cell records
its sheet and address (Location.sheet / Location.cell); each sheet's table is preceded by
a heading with the sheet name. Empty edge rows/columns are trimmed; a sheet over
MAX_CELLS is cut and flagged in ``meta["truncated_sheets"]``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..model import Location, ParsedDocument
from .builder import CellSpec, DocBuilder
from .zipsafe import check_zip

MAX_CELLS = 500_000  # per sheet


def _col_letter(col: int) -> str:
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


_BRACKET = re.compile(r"\[[^\]]*\]")  # [Red], [$-804], [>=100] ...
_NOT_NUMERIC_FMT = re.compile(r"[yYmMdDhHsSeE@]|上午|下午|年|月|日")


def _sections(fmt: str) -> list[str]:
    """A format's ``;``-separated sections (a ``;`` inside quotes does not separate)."""
    out, cur, quoted = [], "", False
    for ch in fmt:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def _render_section(value: Decimal, section: str) -> str | None:
    """Print a non-negative value with one format section (literals, padding, %, decimals)."""
    section = _BRACKET.sub("", section)
    literal: list[str] = []  # text with the number pattern replaced by "\0"
    pattern = ""
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            j = section.find('"', i + 1)
            j = len(section) if j < 0 else j
            literal.append(section[i + 1 : j])
            i = j + 1
        elif ch == "\\" and i + 1 < len(section):
            literal.append(section[i + 1])
            i += 2
        elif ch in "_*" and i + 1 < len(section):
            i += 2  # padding / fill character: prints blank
        elif ch in "0#?,.":
            if not pattern or literal[-1:] != ["\0"]:
                literal.append("\0")
            pattern += ch
            i += 1
        else:
            if _NOT_NUMERIC_FMT.match(ch):
                return None
            literal.append(ch)
            i += 1
    if "%" in "".join(x for x in literal if x != "\0"):
        value = value * 100
    if not pattern:
        return "".join(x for x in literal if x != "\0").strip()
    int_part, _, frac_part = pattern.partition(".")
    decimals = sum(1 for ch in frac_part if ch in "0#?")
    q = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    number = f"{q:,.{decimals}f}" if "," in int_part else f"{q:.{decimals}f}"
    if "0" not in int_part and number.startswith("0"):
        number = number[1:]  # "#.00" / "??" print no leading zero
    if decimals and "0" not in frac_part:
        number = number.rstrip("0").rstrip(".")  # "#,##0.##"
    return "".join(number if x == "\0" else x for x in literal).strip()


def apply_number_format(value: float | int, fmt: str) -> str | None:
    """Render a number as Excel prints it with ``fmt`` (#,##0.00 / 0.0% / accounting formats
    with a "-" zero section / (negatives) in brackets); None for date, time, scientific
    or text formats, which the caller prints its own way."""
    if not isinstance(value, (int, float)) or isinstance(value, bool) or value != value or value in (float("inf"), float("-inf")):
        return None
    secs = _sections(fmt)
    d = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if d < 0 and len(secs) >= 2:
        section, d = secs[1], -d
    elif d == 0 and len(secs) >= 3:
        section = secs[2]
    else:
        section = secs[0]
    body = _BRACKET.sub("", section)
    if "0" not in body and "#" not in body and "?" not in body and '"' not in body:
        return None
    out = _render_section(abs(d), section)
    if out is None:
        return None
    if d < 0:
        out = "-" + out  # one-section format: Excel adds the sign
    return out


def cell_text(value: Any, number_format: str | None = None) -> str:
    """A cell value as printed: the number format when simple, else integral floats
    without ".0" and dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)) and number_format and number_format != "General":
        shown = apply_number_format(value, number_format)
        if shown is not None:
            return shown
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    return str(value)


def _add_sheet(b: DocBuilder, name: str, grid: list[list[str]], truncated: bool, meta: dict) -> None:
    # trim empty edges, remember the offsets for addresses
    rows = [i for i, r in enumerate(grid) if any(v.strip() for v in r)]
    if not rows:
        return
    r0, r1 = rows[0], rows[-1]
    width = max(len(r) for r in grid)
    cols = [c for c in range(width) if any(c < len(grid[r]) and grid[r][c].strip() for r in range(r0, r1 + 1))]
    c0, c1 = cols[0], cols[-1]
    specs: list[list[CellSpec]] = []
    for r in range(r0, r1 + 1):
        row = grid[r]
        specs.append([
            CellSpec(row[c] if c < len(row) else "", Location(sheet=name, cell=f"{_col_letter(c)}{r + 1}"))
            for c in range(c0, c1 + 1)
        ])
    b.add_text("heading", name, Location(sheet=name))
    ref = f"{_col_letter(c0)}{r0 + 1}:{_col_letter(c1)}{r1 + 1}"
    b.add_table(specs, Location(sheet=name, cell=ref))
    if truncated:
        meta.setdefault("truncated_sheets", []).append(name)


def parse_xlsx(data: bytes) -> ParsedDocument:
    import openpyxl

    check_zip(data)
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    b = DocBuilder("xlsx")
    meta: dict[str, Any] = {"sheets": wb.sheetnames}
    try:
        for ws in wb.worksheets:
            if hasattr(ws, "reset_dimensions"):
                ws.reset_dimensions()  # a stale <dimension ref="A1"> would hide every other cell
            grid: list[list[str]] = []
            count, truncated = 0, False
            for row in ws.iter_rows():
                grid.append([cell_text(c.value, getattr(c, "number_format", None)) for c in row])
                count += len(row)
                if count > MAX_CELLS:
                    truncated = True
                    break
            _add_sheet(b, ws.title, grid, truncated, meta)
    finally:
        wb.close()
    return b.build(meta=meta)


def _xls_format(book: Any, cell: Any) -> str | None:
    """The number format string of an .xls cell (None without formatting info)."""
    try:
        xf = book.xf_list[cell.xf_index]
        return book.format_map[xf.format_key].format_str
    except (AttributeError, IndexError, KeyError, TypeError):
        return None


def parse_xls(data: bytes) -> ParsedDocument:
    import xlrd

    try:  # formatting_info: the cells' number formats, so amounts print as in .xlsx
        book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=True)
    except NotImplementedError:  # pragma: no cover - xlrd has no formats for this file
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    b = DocBuilder("xls")
    meta: dict[str, Any] = {"sheets": book.sheet_names()}
    for idx in range(book.nsheets):
        sh = book.sheet_by_index(idx)
        grid: list[list[str]] = []
        truncated = sh.nrows * max(sh.ncols, 1) > MAX_CELLS
        nrows = min(sh.nrows, MAX_CELLS // max(sh.ncols, 1))
        for r in range(nrows):
            out = []
            for c in range(sh.ncols):
                cell = sh.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    try:
                        out.append(cell_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)))
                    except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                        out.append(cell_text(cell.value))
                elif cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    out.append("")
                else:
                    out.append(cell_text(cell.value, _xls_format(book, cell)))
            grid.append(out)
        _add_sheet(b, sh.name, grid, truncated, meta)
        book.unload_sheet(idx)
    return b.build(meta=meta)
