"""Tables printed in plain text -> rows of Cells whose char offsets point into the text.

Layouts read here (``text.py`` reads the tab-separated ones and calls ``find_table`` for the rest):

* ``|``-separated rows, one row per line (``201 | 一般公共服务支出 | 612.40 |``);
* one cell per line: every line one cell ending in ``|`` (a lone ``|`` is an empty cell), or bare
  short lines (blank lines between cells are separators; a longer gap leaves empty cells);
* a table flattened onto one line: ``|``-separated cells (``合计 | 19.00 | 11.86 | 因公出国 …``) or
  an OCR line of space-separated cells (``一一般公共预算财政拨款收入 1 4,627.57 …``).

A run of cells becomes rows by one row model: when every column holds either labels or numbers
(blanks kept), the run is cut at the width that makes it so (multi-level headers and merged
cells come out as printed); otherwise a row starts at each label (with the code printed before
it) and takes the numbers after it, under the bottom header row.

Cell ``text`` is the printed text of the cell (trimmed); its Location spans exactly that text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, Sequence

from ..model import Cell, Location
from ..numbers import is_missing, parse_number
from ..vocab.tables import title_words


class LineLike(Protocol):
    no: int
    start: int
    end: int
    s: str


@dataclass
class TextTable:
    rows: list[list[Cell]]
    first: int  # index of the table's first line
    stop: int  # index of the first line after it
    before: tuple[int, int] | None = None  # text on the first line before the table (a caption)


MAX_CELL = 40  # a longer line is prose, not a cell
MAX_WIDTH = 16
MAX_CUT_CELLS = 5000  # longer runs are not cut at a fixed width (the search is width² × cells)
_NUMBER = re.compile(r"^[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*[%％]?$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SMALL_INT = re.compile(r"^\d{1,2}$")
_SENTENCE = re.compile(r"[。；;！？]|[，,].*[，,]")
_TITLE = re.compile(r"(?:" + title_words() + r")(?:[(（][^)）]*[)）])?$")
_CAPTION = re.compile(r"^(?:公开\s*\d+\s*表|.{0,6}\d{1,2}(?:-\d{1,2})?表)$|单位\s*[:：]|^(?:编制)?(?:部门|单位)\s*[:：]|^注\s*[:：]")
_SERIAL = frozenset({"栏次", "行次", "类", "款", "项", "序号"})
_CODE_HEAD = re.compile(r"编码|科目代码|功能分类|经济分类")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


# ---------------------------------------------------------------------------------- cells

def _kind(text: str) -> str:
    """'b' blank, 'n' number or missing marker, 't' text."""
    t = text.strip()
    if not t:
        return "b"
    if _NUMBER.match(t) or (is_missing(t) and len(t) <= 3):
        return "n"
    return "t"


def _cell_of(text: str, start: int, end: int, line: int) -> tuple[int, int, int]:
    """(start, end, line) of the trimmed text inside [start, end)."""
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg.rstrip())
    if trail <= lead:
        return start + lead, start + lead, line
    return start + lead, start + trail, line


def _make(text: str, r: int, c: int, span: tuple[int, int, int]) -> Cell:
    s, e, line = span
    return Cell(r, c, text[s:e], Location(line=line, char_start=s, char_end=e))


def _split_pipes(text: str, ln: LineLike) -> list[tuple[int, int, int]]:
    """Cell spans of one ``|`` line; a leading or trailing ``|`` opens/closes no cell."""
    spans, pos = [], ln.start
    for part in ln.s.split("|"):
        spans.append(_cell_of(text, pos, pos + len(part), ln.no))
        pos += len(part) + 1
    if ln.s.rstrip().endswith("|") and spans and spans[-1][0] == spans[-1][1]:
        spans.pop()
    return spans


def _filled(text: str, spans: Sequence[tuple[int, int, int]]) -> int:
    return sum(1 for s, e, _ in spans if e > s)


# ------------------------------------------------------------------------------ row model

def _is_serial_chunk(texts: list[str]) -> bool:
    words = [t for t in texts if _kind(t) == "t"]
    nums = [t for t in texts if _kind(t) == "n"]
    return bool(nums) and all(_SMALL_INT.match(t.strip()) for t in nums) and all(w.strip() in _SERIAL for w in words)


def _conflicts(kinds: list[str], texts: list[str], width: int, lead: int) -> float | None:
    """Share of data cells that disagree with their column's kind when the run is cut every
    ``width`` cells after a first header row of ``lead`` cells (a merged group header printed
    once); None when fewer than two data rows or a data row starts with an amount. Subject
    codes agree with either kind (a code column also holds 合计)."""
    chunks = [range(k, min(k + width, len(kinds))) for k in range(lead, len(kinds), width)]
    start = 0
    while start < len(chunks) and (
        not any(kinds[i] == "n" for i in chunks[start]) or _is_serial_chunk([texts[i] for i in chunks[start]])
    ):
        start += 1
    data = chunks[start:]
    if len(data) < 2 or (start == 0 and lead == 0):
        return None
    if any(kinds[ch[0]] == "n" and not _CODE.match(texts[ch[0]].strip()) for ch in data):
        return None
    bad = cells = 0
    for col in range(width):
        col_kinds = [kinds[ch[col]] for ch in data if col < len(ch) and not _CODE.match(texts[ch[col]].strip())]
        t, n = col_kinds.count("t"), col_kinds.count("n")
        bad += min(t, n)
        cells += t + n
    return bad / cells if cells else 1.0


STRICT, LOOSE = 0.05, 0.30  # stray share for any cut / for a cut that leaves every row full


def _fixed_width(kinds: list[str], texts: list[str]) -> tuple[int, int] | None:
    """(width, lead) of the cut that leaves every column one kind: up to 5% strays, or up to 30%
    when every row comes out full (tables whose sections put labels in value columns)."""
    tail = len(kinds) - next((i for i in range(len(kinds) - 1, -1, -1) if kinds[i] != "n"), -1) - 1
    if tail >= 3 and "n" not in kinds[:-tail] and (len(kinds) - tail) % tail == 0:
        return tail, 0  # one row of amounts under header rows of the same width
    best: tuple[float, int, int] | None = None
    if len(kinds) > MAX_CUT_CELLS:
        return None  # too long a run to try every cut: read it label by label
    for width in range(2, min(MAX_WIDTH, len(kinds) // 2) + 1):
        for lead in range(width):
            got = _conflicts(kinds, texts, width, lead)
            if got is None or got > (LOOSE if (len(kinds) - lead) % width == 0 and lead == 0 else STRICT):
                continue
            if best is None or got < best[0] - 1e-9:
                best = (got, width, lead)
    return (best[1], best[2]) if best else None


def sequence_rows(text: str, spans: list[tuple[int, int, int]]) -> list[list[Cell]]:
    """Rows of a run of cells printed one after another (one per line, or flattened)."""
    while spans and spans[0][0] == spans[0][1]:
        spans = spans[1:]
    while spans and spans[-1][0] == spans[-1][1]:
        spans = spans[:-1]
    texts = [text[s:e] for s, e, _ in spans]
    kinds = [_kind(t) for t in texts]
    cut = _fixed_width(kinds, texts)
    groups: list[list[tuple[int, int, int]]]
    if cut:
        width, lead = cut
        groups = ([spans[:lead]] if lead else []) + [spans[k:k + width] for k in range(lead, len(spans), width)]
        groups = [g for g in groups if any(s < e for s, e, _ in g)]
    else:
        groups = _label_led(spans, texts, kinds)
    return [[_make(text, r, c, sp) for c, sp in enumerate(g)] for r, g in enumerate(groups)]


def _label_led(spans, texts: list[str], kinds: list[str]) -> list[list[tuple[int, int, int]]]:
    """A row starts at a label (or at the code printed before it) and takes the numbers and
    blanks after it. Labels printed one after another without numbers are a header row (a
    blank ends it); a header row longer than the data row below it is right-aligned with that
    row and the text cells printed after it (a merged section label sits in front of it)."""
    coded = any(_CODE_HEAD.search(t) for t in texts[:40])
    rows: list[list[int]] = []
    for i, k in enumerate(kinds):
        if k == "n" and _is_code_cell(texts, kinds, i, coded):
            rows.append([i])
        elif k == "t" and rows and rows[-1] == [i - 1] and kinds[i - 1] == "n" and _is_code_cell(texts, kinds, i - 1, coded):
            rows[-1].append(i)  # the name after its code
        elif k == "t" or not rows:
            rows.append([i])
        else:
            rows[-1].append(i)

    def label_only(idx: list[int]) -> bool:
        return kinds[idx[0]] == "t" and all(kinds[i] == "b" for i in idx[1:])

    merged: list[list[int]] = []
    open_header = False  # the last merged row is a header row still taking labels
    for idx in rows:  # runs of labels -> one header row; a blank ends it
        if label_only(idx):
            labels = [i for i in idx if kinds[i] == "t"]
            if open_header:
                merged[-1].extend(labels)
            else:
                merged.append(labels)
            open_header = len(labels) == len(idx)
            continue
        merged.append(list(idx))
        open_header = False
    out: list[list[tuple[int, int, int]]] = []
    for r, idx in enumerate(merged):
        k = r + 1
        while k < len(merged) and _is_serial_chunk([texts[i] for i in merged[k]]):
            k += 1  # 栏次 1 2 …: the data row below tells the width
        nxt = merged[k] if k < len(merged) else None
        if len(idx) > 1 and all(kinds[i] == "t" for i in idx) and nxt is not None and any(kinds[i] == "n" for i in nxt):
            width = len(nxt)
            for after in merged[k + 1:]:
                if len(after) == 1 and kinds[after[0]] == "t":
                    width += 1
                    continue
                break
            if width < len(idx):
                idx = idx[len(idx) - width:]
        out.append([spans[i] for i in idx])
    return out


def _is_code_cell(texts: list[str], kinds: list[str], i: int, coded: bool) -> bool:
    """A subject code printed in front of the next cell's name (201 | 一般公共服务支出)."""
    t = texts[i].strip()
    if kinds[i] != "n" or not _CODE.match(t) or i + 1 >= len(kinds) or kinds[i + 1] != "t":
        return False
    return coded or len(t) >= 5


# ------------------------------------------------------------------------------- layouts

def _pipe_row_line(ln: LineLike) -> bool:
    return "|" in ln.s and sum(1 for p in ln.s.split("|") if p.strip()) >= 2


def _pipe_cell_line(ln: LineLike) -> bool:
    s = ln.s.strip()
    return s.endswith("|") and s.count("|") == 1


def _bare_cell_line(ln: LineLike) -> bool:
    s = ln.s.strip()
    if _kind(s) == "n":
        return True
    return bool(s) and "|" not in s and "\t" not in ln.s and len(s) <= MAX_CELL and not _SENTENCE.search(s) \
        and not _TITLE.search(s) and not _CAPTION.search(s)


def _accept(text: str, spans: list[tuple[int, int, int]]) -> bool:
    """A run of cells is a table when labels are followed by numbers at least twice, or when a
    header of three labels or more heads one row of two numbers or more."""
    kinds = [_kind(text[s:e]) for s, e, _ in spans]
    pairs = sum(1 for a, b in zip(kinds, kinds[1:]) if a == "t" and b == "n")
    if pairs >= 2 and kinds.count("n") >= 3:
        return True
    first = kinds.index("n") if "n" in kinds else len(kinds)
    return kinds.count("n") >= 2 and kinds[:first].count("t") >= 3


def _pipe_rows(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    j = i
    while j < len(lines) and ("|" in lines[j].s and not _pipe_cell_line(lines[j]) or _MD_RULE.match(lines[j].s)
                              and "|" in lines[j].s):
        j += 1
    body = [ln for ln in lines[i:j] if not _MD_RULE.match(ln.s)]
    if not body:
        return None
    spans = [_split_pipes(text, ln) for ln in body]
    if all(ln.s.lstrip().startswith("|") for ln in body):  # markdown: | a | b |
        spans = [sp[1:] for sp in spans]
    if len(body) == 1 and _accept(text, spans[0]) and _filled(text, spans[0]) >= 6:
        rows = sequence_rows(text, spans[0])  # a whole table flattened onto one line
    else:
        spans = _without_packed_headers(text, spans)
        last = spans[-1]
        if len(spans) > 1 and last and last[-1][1] >= len(text.rstrip()) and len(last) < len(spans[-2]):
            spans[-1] = last[:-1]  # the excerpt ends inside this row: its last cell is cut
        rows = [[_make(text, r, c, sp) for c, sp in enumerate(row)] for r, row in enumerate(spans)]
    if not any(any(_kind(c.text) == "n" for c in row) for row in rows):
        return None
    return TextTable(rows, i, j)


def _without_packed_headers(text: str, spans: list[list[tuple[int, int, int]]]) -> list[list[tuple[int, int, int]]]:
    """Drop header rows whose merged group labels the exporter packed to the left
    (``合计 | 因公出国(境)费 | 公务用车… | 公务接待费 | |||||||``): which columns each label spans
    is lost, and a guessed alignment would put amounts under the wrong item."""
    def mostly_numbers(row: list[tuple[int, int, int]]) -> bool:
        kinds = [_kind(text[s:e]) for s, e, _ in row if e > s]
        return bool(kinds) and kinds.count("n") * 2 >= len(kinds)

    numeric = [k for k, row in enumerate(spans) if mostly_numbers(row)]
    if not numeric:
        return spans
    data = [spans[k] for k in numeric]
    width = max(_filled(text, row) for row in data)
    cells = {len(row) for row in data}
    keep = []
    for k, row in enumerate(spans):
        filled = [c for c, (s, e, _) in enumerate(row) if e > s]
        packed = (k < numeric[0] and filled and filled == list(range(len(filled)))
                  and len(filled) < width - 1 and len(row) - len(filled) >= 2 and len(row) > max(cells))
        if not packed:
            keep.append(row)
    return keep


def _pipe_cells(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    j = i
    spans: list[tuple[int, int, int]] = []
    while j < len(lines) and _pipe_cell_line(lines[j]):
        ln = lines[j]
        bar = ln.start + ln.s.index("|")
        spans.append(_cell_of(text, ln.start, bar, ln.no))
        j += 1
    if not _accept(text, spans):
        return None
    return TextTable(sequence_rows(text, spans), i, j)


def _bare_cells(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    """Bare short lines; blank lines between cells are separators when the run uses them as
    such (then every extra blank line is an empty cell), else every blank line is a cell."""
    j, last = i, i
    while j < len(lines) and (_bare_cell_line(lines[j]) or not lines[j].s.strip()):
        if lines[j].s.strip():
            last = j
        j += 1
    run = lines[i:last + 1]
    filled = [k for k, ln in enumerate(run) if ln.s.strip()]
    gaps = [b - a - 1 for a, b in zip(filled, filled[1:])]
    separated = bool(gaps) and sum(1 for g in gaps if g >= 1) >= 0.6 * len(gaps)
    spans: list[tuple[int, int, int]] = []
    for k, ln in enumerate(run):
        if ln.s.strip():
            spans.append(_cell_of(text, ln.start, ln.end, ln.no))
    if separated:
        out: list[tuple[int, int, int]] = []
        for n, sp in enumerate(spans):
            out.append(sp)
            if n < len(gaps):
                out.extend([(sp[1], sp[1], sp[2])] * max(0, gaps[n] - 1))
        spans = out
    else:
        spans = []
        for ln in run:
            spans.append(_cell_of(text, ln.start, ln.end, ln.no))
    if not _accept(text, spans):
        return None
    return TextTable(sequence_rows(text, spans), i, last + 1)


_OCR_TOKEN = re.compile(r"\S+")


def _flat_ocr_line(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    """An OCR line holding a whole table: space-separated cells, labels followed by numbers."""
    ln = lines[i]
    if len(ln.s) < 40 or "|" in ln.s or "\t" in ln.s or ln.s.count("。") > 1:
        return None
    spans = [(ln.start + m.start(), ln.start + m.end(), ln.no) for m in _OCR_TOKEN.finditer(ln.s)]
    kinds = [_kind(text[s:e]) for s, e, _ in spans]
    pairs = sum(1 for a, b, c in zip(kinds, kinds[1:], kinds[2:]) if a == "t" and b == "n" and c == "n")
    if pairs < 3 or kinds.count("n") < 6:
        return None
    first = next(k for k, (a, b, c) in enumerate(zip(kinds, kinds[1:], kinds[2:])) if a == "t" and b == "n" and c == "n")
    captions = [k for k in range(first) if _CAPTION.search(text[spans[k][0]:spans[k][1]])]
    before = None
    if captions:  # the cover page and form captions printed before the table are not cells
        before = (ln.start, spans[captions[-1]][1])
        spans = spans[captions[-1] + 1:]
    return TextTable(sequence_rows(text, spans), i, i + 1, before)


@dataclass(frozen=True)
class _OneLine:
    no: int
    start: int
    end: int
    s: str


def paragraph_table(paragraph: str) -> TextTable | None:
    """A paragraph of a rebuilt document (DOCX, HTML, PDF) that is a whole table flattened onto
    one line ('|'-separated cells or an OCR line of space-separated cells); offsets are relative
    to the paragraph. None for ordinary paragraphs and one-row '|' lines."""
    if "\n" in paragraph:
        return None
    lines = [_OneLine(1, 0, len(paragraph), paragraph)]
    found = _pipe_rows(paragraph, lines, 0) if "|" in paragraph else _flat_ocr_line(paragraph, lines, 0)
    return found if found is not None and len(found.rows) >= 2 else None


def find_table(text: str, lines: Sequence[LineLike], i: int) -> TextTable | None:
    """The text table that starts at line ``i`` (no tab layout), or None."""
    ln = lines[i]
    if _pipe_row_line(ln) or ("|" in ln.s and not _pipe_cell_line(ln) and ln.s.strip() != "|"):
        return _pipe_rows(text, lines, i)
    if _pipe_cell_line(ln):
        return _pipe_cells(text, lines, i)
    if _bare_cell_line(ln):
        return _bare_cells(text, lines, i)
    return _flat_ocr_line(text, lines, i)
