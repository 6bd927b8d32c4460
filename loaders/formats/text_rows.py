"""The row model of text tables: a run of cells printed one after another (one per line, or
flattened onto one line) -> rows. When every column holds either labels or numbers (blanks
kept), the run is cut at the width that makes it so (multi-level headers and merged cells come
out as printed); otherwise a row starts at each label (with the code printed before it) and
takes the numbers after it, under the bottom header row. Offsets point into the text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Cell, Location
from ..numbers import is_missing
from ..vocab.tables import column_role

MAX_WIDTH = 16
MAX_CUT_CELLS = 5000  # longer runs are not cut at a fixed width (the search is width² × cells)
_NUMBER = re.compile(r"^[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*[%％]?$")
_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_SMALL_INT = re.compile(r"^\d{1,2}$")
_LEVELS = frozenset({"类", "款", "项"})  # 类 | 款 | 项 code-column headers beside 栏次
_CODE_HEAD = re.compile(r"编码|科目代码|功能分类|经济分类")


@lru_cache(maxsize=1 << 14)
def cell_kind(text: str) -> str:
    """'b' blank, 'n' number or missing marker, 't' text (memoised: cells repeat)."""
    t = text.strip()
    if not t:
        return "b"
    if _NUMBER.match(t) or (is_missing(t) and len(t) <= 3):
        return "n"
    return "t"


def cell_span(text: str, start: int, end: int, line: int) -> tuple[int, int, int]:
    """(start, end, line) of the trimmed text inside [start, end)."""
    seg = text[start:end]
    lead = len(seg) - len(seg.lstrip())
    trail = len(seg.rstrip())
    if trail <= lead:
        return start + lead, start + lead, line
    return start + lead, start + trail, line


def make_cell(text: str, r: int, c: int, span: tuple[int, int, int]) -> Cell:
    s, e, line = span
    return Cell(r, c, text[s:e], Location(line=line, char_start=s, char_end=e))


def _is_serial_chunk(texts: list[str]) -> bool:
    words = [t for t in texts if cell_kind(t) == "t"]
    nums = [t for t in texts if cell_kind(t) == "n"]
    return bool(nums) and all(_SMALL_INT.match(t.strip()) for t in nums) and all(w.strip() in _LEVELS or column_role(w) == "serial" for w in words)


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
    kinds = [cell_kind(t) for t in texts]
    cut = _fixed_width(kinds, texts)
    groups: list[list[tuple[int, int, int]]]
    if cut:
        width, lead = cut
        groups = ([spans[:lead]] if lead else []) + [spans[k:k + width] for k in range(lead, len(spans), width)]
        groups = [g for g in groups if any(s < e for s, e, _ in g)]
    else:
        groups = _label_led(spans, texts, kinds)
    return [[make_cell(text, r, c, sp) for c, sp in enumerate(g)] for r, g in enumerate(groups)]


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


