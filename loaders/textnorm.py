"""Normalise printed Chinese text for pattern matching, keeping a map back to the original.

``normalize_with_map(text)`` returns a :class:`NormText`: a normalised string in which

* every character is NFKC-folded (full-width ``（），：；％１２`` -> ASCII), CJK Radicals
  Supplement look-alikes (``⻔`` U+2EC1 ...) become ordinary characters, curly quotes
  become ``"``;
* whitespace inside a sentence is dropped (soft line wraps ``本年收\\n入``, ``2021 年``,
  ``下降3.8 %``, ``91.91\\n万元``), except that one space is kept between two digits
  (``行次 金额`` in flattened tables: ``1 4,627.57``);
* a hard line break (blank line, a line ending in ``。；：|``, a line starting with an
  enumerator such as ``（一）`` / ``2.`` / ``三、``, tab rows) becomes one ``\\n``;
* one-cell-per-line tables keep their cells apart: a ``单位：万元`` line, a title ending in
  ``表``, header cells (``项目（项级科目）`` / ``决算数`` / ``完成预算%``) and a row label whose
  next line is a bare number each end hard;
* tabs become ``|`` (cell separators); a line next to a ``|``/tab row ends hard, so every
  flattened table row stays one line; ``[bookmark: ...]`` export artefacts disappear;

and, for every normalised character ``i``, ``starts[i]``/``ends[i]`` is the span of the
original character(s) it came from, so a match on the normalised text maps back to an
exact substring of the original (``orig_span``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# CJK Radicals Supplement (U+2E80-U+2EFF) glyphs that PDF/Word exports emit instead of
# the ordinary character; NFKC leaves them alone (it only folds the Kangxi radicals).
RADICALS = {
    "⺀": "冫", "⺁": "厂", "⺃": "乚", "⺅": "亻", "⺇": "几", "⺈": "⺈", "⺊": "卜",
    "⺋": "㔾", "⺌": "小", "⺍": "小", "⺎": "兀", "⺏": "尣", "⺐": "尢", "⺑": "尣",
    "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄", "⺗": "心", "⺘": "扌", "⺙": "攵",
    "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母", "⺠": "民", "⺡": "氵",
    "⺢": "水", "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺦": "丬", "⺧": "牜", "⺨": "犭",
    "⺩": "王", "⺪": "疋", "⺫": "罒", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糸",
    "⺰": "纟", "⺱": "网", "⺲": "罒", "⺳": "网", "⺴": "网", "⺵": "网", "⺶": "羊",
    "⺷": "羊", "⺸": "羊", "⺹": "耂", "⺺": "聿", "⺻": "聿", "⺼": "月", "⺽": "臼",
    "⺾": "艹", "⺿": "艹", "⻀": "艹", "⻁": "虎", "⻂": "衤", "⻃": "西", "⻄": "西",
    "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠", "⻉": "贝", "⻊": "足", "⻋": "车",
    "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅", "⻑": "長", "⻒": "长",
    "⻓": "长", "⻔": "门", "⻕": "门", "⻖": "阝", "⻗": "雨", "⻘": "青", "⻙": "韦",
    "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻞": "食", "⻟": "食", "⻠": "饣",
    "⻡": "饣", "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤",
    "⻨": "麦", "⻩": "黄", "⻪": "黾", "⻫": "齐", "⻬": "齐", "⻭": "齿", "⻮": "齿",
    "⻯": "龙", "⻰": "龙", "⻱": "龟", "⻲": "龟", "⻳": "龟",
}

QUOTES = {"“": '"', "”": '"', "„": '"', "‟": '"', "「": '"', "」": '"', "『": '"', "』": '"',
          "‘": "'", "’": "'", "〝": '"', "〞": '"', "＂": '"'}

_BOOKMARK = re.compile(r"\[bookmark:[^\]\n]*\]")
# a line that starts a new item: （一） (1) 一、 1. 1、 第一部分 • ...
_ENUM_START = re.compile(
    r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、．]|\d{1,2}\.(?!\d)"
    r"|第[一二三四五六七八九十\d]{1,3}部分|[•·●■◆▲])"
)
_HEADING_END = re.compile(r"(?:说明|情况|如下|表|概况|职能|职责|设置|构成|公开|目录|解释)\s*$")
# "单位：万元" / "金额单位:元" on a line of its own (above a table)
_UNIT_LINE = re.compile(r"\s*(?:金额)?单位\s*[:：]\s*(?:万元|亿元|千元|百元|元)\s*")
_CELL_VALUE = re.compile(r"[-—–]{1,2}|-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*[%％]?")
_HEADER_CELL = re.compile(r"[^，,。；;：:、！？!?\d]*(?:编码|代码|名称|预算数?|决算数?|合计|行次|栏次|金额|项目|支出|收入|%|％|数)"
                          r"(?:[(（][^)）\n]{1,12}[)）])?")
# a page footer on a line of its own ("— 6 —", "- 12 -", "第3页"): dropped when it sits inside a
# wrapped paragraph, so the lines before and after it join as if it were not there
_PAGE_FOOTER = re.compile(r"[ \t\u3000]*(?:[-—–]+[ \t\u3000]*\d{1,3}[ \t\u3000]*[-—–]+|第\d{1,3}页(?:[,，]?共\d{1,3}页)?)[ \t\u3000]*(?=\n)")
_HARD_END = set("。;；:：!！?？|")
_WS = set(" \t\r\n\u3000\xa0\u2002\u2003\u2009\u200b\ufeff")


@dataclass
class NormText:
    text: str
    starts: list[int]
    ends: list[int]

    def orig_span(self, a: int, b: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [a, b) (b > a)."""
        if b <= a:
            return self.starts[a], self.starts[a]
        return self.starts[a], self.ends[b - 1]


def is_invisible(c: str) -> bool:
    """Zero-width and bidi controls (Unicode category Cf: U+200B-200F, U+202A-202E, U+2060-2069,
    U+FEFF ...): they print nothing, so they are dropped before numbers are read (the map keeps
    the original offsets, so evidence is still the original text)."""
    return len(c) == 1 and unicodedata.category(c) == "Cf"


def fold_char(c: str) -> str:
    """One printed character -> its normalised form (may be empty or several chars)."""
    if is_invisible(c):
        return ""
    if c in RADICALS:
        return RADICALS[c]
    if c in QUOTES:
        return QUOTES[c]
    f = unicodedata.normalize("NFKC", c)
    if f in QUOTES:
        return QUOTES[f]
    return f.replace("−", "-").replace("﹪", "%")


def fold(text: str) -> str:
    """Normalised text without the map (for short labels and comparisons)."""
    return normalize_with_map(text).text


def _is_hard_break(text: str, ws_start: int, ws_end: int, prev_char: str, run: str | None = None) -> bool:
    run = text[ws_start:ws_end] if run is None else run
    nxt = fold_char(text[ws_end]) if ws_end < len(text) else ""
    pc = fold_char(prev_char)
    if (pc.isdigit() or pc == "万") and nxt and nxt in "万元%" and "\t" not in run:
        return False  # a page break inside "26.12 万|元" or "91.91|万元"
    if run.count("\n") >= 2 or "\t" in run:
        return True
    # one table cell per line: a bare number (or --) next to a short line is a cell, not a wrap
    prev_full = text[text.rfind("\n", 0, ws_start) + 1: ws_start].strip()
    nl = text.find("\n", ws_end)
    next_full = text[ws_end: len(text) if nl < 0 else nl].strip()
    if (_CELL_VALUE.fullmatch(prev_full) and len(next_full) <= 40) or \
            (_CELL_VALUE.fullmatch(next_full) and len(prev_full) <= 24):
        return True
    if _UNIT_LINE.fullmatch(prev_full) or _UNIT_LINE.fullmatch(next_full):
        return True
    # a row label one cell per line: the line after the next one is a bare number
    nl2 = text.find("\n", nl + 1) if nl >= 0 else -1
    after_full = text[nl + 1: len(text) if nl2 < 0 else nl2].strip() if nl >= 0 else ""
    if _CELL_VALUE.fullmatch(after_full) and 0 < len(next_full) <= 40 and 0 < len(prev_full) <= 24 \
            and not _CELL_VALUE.fullmatch(next_full):
        return True
    if 0 < len(prev_full) <= 14 and 0 < len(next_full) <= 14 and _HEADER_CELL.fullmatch(prev_full) \
            and _HEADER_CELL.fullmatch(next_full):
        return True  # header cells one per line (科目编码 / 科目名称 / 决算数)
    if prev_char in _HARD_END or fold_char(prev_char) in _HARD_END:
        return True
    nxt_line = text[ws_end: ws_end + 12]
    if _ENUM_START.match(unicodedata.normalize("NFKC", nxt_line)):
        return True
    prev_line = text[text.rfind("\n", 0, ws_start) + 1: ws_start].strip()
    if _HEADING_END.search(prev_line) and len(prev_line) <= 60:
        return True
    # table rows: the previous or next line holds tab- or "|"-separated cells
    line_start = text.rfind("\n", 0, ws_start) + 1
    next_end = text.find("\n", ws_end)
    next_end = len(text) if next_end < 0 else next_end
    prev_row, next_row = text[line_start:ws_start], text[ws_end:next_end]
    return any(sep in prev_row or sep in next_row for sep in ("\t", "|", "｜"))


def normalize_with_map(text: str) -> NormText:
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    skip = {m.start(): m.end() for m in _BOOKMARK.finditer(text)}
    i, n = 0, len(text)
    prev = ""  # last emitted original non-space char
    while i < n:
        if i in skip:
            i = skip[i]
            continue
        c = text[i]
        if is_invisible(c):  # zero-width / bidi control: prints nothing, never splits a number
            i += 1
            continue
        if c in _WS or (c.isspace()):
            j = i
            while j < n and (text[j] in _WS or text[j].isspace()) and not is_invisible(text[j]):
                j += 1
            run = text[i:j]
            if run.endswith("\n") and out:
                # "...公务接待费2.46万元、\n— 6 —\n工会经费..." : skip the footer line
                fm = _PAGE_FOOTER.match(text, j)
                if fm and fm.end() + 1 < n and fm.end() > j:
                    k = fm.end() + 1
                    while k < n and (text[k] in _WS or text[k].isspace()):
                        k += 1
                    run, j = run + text[fm.end() + 1:k], k
            nxt = text[j] if j < n else ""
            last_out = out[-1] if out else ""
            if "\n" in run and out and _is_hard_break(text, i, j, prev, run):
                if last_out != "\n":
                    nl = text.index("\n", i)
                    out.append("\n"), starts.append(nl), ends.append(nl + 1)
            elif "\t" in run and out and last_out not in "|\n":
                t = text.index("\t", i)
                out.append("|"), starts.append(t), ends.append(t + 1)
            elif last_out.isdigit() and fold_char(nxt)[:1].isdigit():
                out.append(" "), starts.append(i), ends.append(i + 1)
            i = j
            continue
        f = fold_char(c)
        for ch in f:
            if ch.isspace():
                continue
            out.append(ch), starts.append(i), ends.append(i + 1)
        prev = c
        i += 1
    return NormText("".join(out), starts, ends)
