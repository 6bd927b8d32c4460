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
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate

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
_CN_NUMERALS = "一二三四五六七八九十"
_ENUM_START = re.compile(
    rf"(?:[(（][{_CN_NUMERALS}\d]{{1,3}}[)）]|[{_CN_NUMERALS}]{{1,3}}[、.．]|\d{{1,2}}[、．]|\d{{1,2}}\.(?!\d)"
    rf"|第[{_CN_NUMERALS}\d]{{1,3}}部分|[•·●■◆▲])"
)
# The CJK ideographs (U+4E00-U+9FFF) an item can start with. Every other one starts no item: each
# alternative of _ENUM_START starts with one of these, a bracket, a digit (no ideograph is one) or
# a bullet, and NFKC keeps an ideograph of that block as the first character (it has no
# decomposition and composes with nothing; a test checks), so the NFKC fold is not needed there.
_ENUM_IDEOGRAPHS = _CN_NUMERALS + "第"
# ASCII punctuation that likewise stays first under NFKC and opens no item (the next row of a
# line break often starts with "[bookmark: ...]"): every ASCII punctuation mark but the "(" an item
# opens with and the "<" "=" ">" a combining mark composes with (≮ ≠ ≯); a test checks
_NO_ITEM_PUNCTUATION = frozenset("!\"#$%&')*+,-./:;?@[\\]^_`{|}~")
_HEADING_WORDS = ("说明", "情况", "如下", "表", "概况", "职能", "职责", "设置", "构成", "公开", "目录", "解释")
# a field of a form printed one per line: a short key without punctuation, then a colon
_FORM_LINE = re.compile(r"[^\s,，。；;:：、()（）]{2,10}[:：]")
_FORM_LINE_CHARS = 40
# a numbered line this short is a heading (see _lines_break_hard); one ending in a character of
# _SOFT_END goes on in the next line
_NUMBERED_HEADING_CHARS = 20
_SOFT_END = ",，、(（“\"《"
_HEADING_END = re.compile(rf"(?:{'|'.join(_HEADING_WORDS)})\s*$")
# "单位：万元" / "金额单位:元" on a line of its own (above a table); every match holds _UNIT_WORD
_UNIT_WORD = "单位"
_MONEY_UNITS = "万元|亿元|千元|百元|元"  # the printed money units a unit line, a card's unit line and an amount end with
_UNIT_LINE = re.compile(rf"\s*(?:金额)?{_UNIT_WORD}\s*[:：]\s*(?:{_MONEY_UNITS})\s*")
# a money unit alone on its line, or ending an amount ("58,624.37" / "万元", "2,206.12万元"): a card of a
# phone infographic prints its label, its amount and the amount's unit on lines of their own
_MONEY_UNIT_LINE = re.compile(f"(?:{_MONEY_UNITS})")
_AMOUNT_LINE = re.compile(rf"\d(?:{_MONEY_UNITS})$")
_CELL_VALUE = re.compile(r"[-—–]{1,2}|-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*[%％]?")
_HEADER_CELL = re.compile(r"[^，,。；;：:、！？!?\d]*(?:编码|代码|名称|预算数?|决算数?|合计|行次|栏次|金额|项目|支出|收入|%|％|数)"
                          r"(?:[(（][^)）\n]{1,12}[)）])?")
# a page footer on a line of its own ("— 6 —", "- 12 -", "第3页"): dropped when it sits inside a
# wrapped paragraph, so the lines before and after it join as if it were not there
_PAGE_FOOTER = re.compile(r"[ \t\u3000]*(?:[-—–]+[ \t\u3000]*\d{1,3}[ \t\u3000]*[-—–]+|第\d{1,3}页(?:[,，]?共\d{1,3}页)?)[ \t\u3000]*(?=\n)")
# a page footer's first character, when it starts right after a whitespace run (its leading
# [ \t\u3000]* is then empty)
_FOOTER_FIRST = frozenset("-—–第")
_HARD_END = set("。;；:：!！?？|")
_WS = set(" \t\r\n\u3000\xa0\u2002\u2003\u2009\u200b\ufeff")


@dataclass(frozen=True)
class NormText:
    """Normalised text and, per normalised character, the original character it came from.

    Every normalised character comes from exactly one original character (a fold may give
    several, a whitespace run gives at most one), so ``ends[i] == starts[i] + 1``. The map is
    kept as runs (a plain stretch maps char for char, a fold to several chars maps them all to
    one original char): run ``k`` starts at normalised offset ``runs_at[k]``, where it maps to
    ``runs_from[k]``, and each char after that adds ``runs_step[k]`` (1 or 0). A list of one int
    per character (``starts``) is built only when asked for. Shared between callers
    (``normalize_with_map`` is memoised): read only.
    """

    text: str
    runs_at: list[int]
    runs_from: list[int]
    runs_step: list[int]

    @cached_property
    def starts(self) -> list[int]:
        out: list[int] = []
        bounds = self.runs_at[1:] + [len(self.text)]
        for at, end, orig, step in zip(self.runs_at, bounds, self.runs_from, self.runs_step):
            out.extend(range(orig, orig + end - at) if step else [orig] * (end - at))
        return out

    @property
    def ends(self) -> list[int]:
        return [s + 1 for s in self.starts]

    @cached_property
    def _lookup(self) -> tuple[int, list[int], list[int]]:
        """The map as char-for-char runs only: ``(len(text), at, delta)``, where the run starting at
        normalised offset ``at[k]`` maps ``a`` to ``a + delta[k]``. A run of several chars from one
        original char (step 0) becomes one such run per char, so every lookup is one bisect and
        one add (the prose readers ask for thousands of spans per document)."""
        if 0 not in self.runs_step:
            return len(self.text), self.runs_at, [f - a for a, f in zip(self.runs_at, self.runs_from)]
        at: list[int] = []
        delta: list[int] = []
        bounds = self.runs_at[1:] + [len(self.text)]
        for a, end, orig, step in zip(self.runs_at, bounds, self.runs_from, self.runs_step):
            for x in (range(a, a + 1) if step else range(a, end)):
                at.append(x), delta.append(orig - x)
        return len(self.text), at, delta

    def start_of(self, a: int) -> int:
        """``starts[a]`` (IndexError outside the text), from the runs."""
        n, at, delta = self._lookup
        if a < 0:
            a += n
        if not 0 <= a < n:
            raise IndexError("normalised offset out of range")
        return a + delta[bisect_right(at, a) - 1]

    def orig_span(self, a: int, b: int) -> tuple[int, int]:
        """Original [start, end) of the normalised span [a, b) (b > a)."""
        n, at, delta = self._lookup
        if 0 <= a < b <= n:  # the usual case, inlined: two bisects
            return a + delta[bisect_right(at, a) - 1], b + delta[bisect_right(at, b - 1) - 1]
        if b <= a:
            s = self.start_of(a)
            return s, s
        return self.start_of(a), self.start_of(b - 1) + 1


def is_invisible(c: str) -> bool:
    """Zero-width and bidi controls (Unicode category Cf: U+200B-200F, U+202A-202E, U+2060-2069,
    U+FEFF ...): they print nothing, so they are dropped before numbers are read (the map keeps
    the original offsets, so evidence is still the original text)."""
    return len(c) == 1 and unicodedata.category(c) == "Cf"


@lru_cache(maxsize=None)
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
    """Is the whitespace run ``text[ws_start:ws_end]`` (holding a line break, after the original
    char ``prev_char``) a hard break? The rule in one place; ``normalize_with_map`` inlines its
    cheap tests and its event matcher answers some runs before it (the oracle tests hold all
    three to the rule as it was)."""
    run = text[ws_start:ws_end] if run is None else run
    nxt = fold_char(text[ws_end]) if ws_end < len(text) else ""
    pc = fold_char(prev_char)
    if (pc.isdigit() or pc == "万") and nxt and nxt in "万元%" and "\t" not in run:
        return False  # a page break inside "26.12 万|元" or "91.91|万元"
    # every test below answers "hard" when it holds, so their order does not change the answer:
    # the cheap ones (a blank line, a tab, a line ending in 。；：) come first
    if "\t" in run or run.count("\n") >= 2 or prev_char in _HARD_END or pc in _HARD_END:
        return True
    return _lines_break_hard(text, ws_start, ws_end)


def _may_open_item(first: str) -> bool:
    """Can a row starting with ``first`` match _ENUM_START after its NFKC fold? False for no
    character, an ordinary CJK ideograph other than _ENUM_IDEOGRAPHS and _NO_ITEM_PUNCTUATION
    (each stays first under NFKC and opens no alternative), so the fold is skipped there."""
    if not first or first in _NO_ITEM_PUNCTUATION:
        return False
    return not ("\u4e00" <= first <= "\u9fff") or first in _ENUM_IDEOGRAPHS


def _opens_item(s: str) -> bool:
    """``s`` starts with an enumerator (_ENUM_START after the NFKC fold of its first 12
    characters; _may_open_item rules most lines out without the fold)."""
    return _may_open_item(s[:1]) and _ENUM_START.match(unicodedata.normalize("NFKC", s[:12])) is not None


def _lines_break_hard(text: str, ws_start: int, ws_end: int) -> bool:
    """The tests of ``_is_hard_break`` that read the lines around a one-line-break run
    ``text[ws_start:ws_end]``. Each answers "hard" when it holds (so any order gives the same
    answer): the substring tests first, then those that look at short lines only, so a long
    wrapped paragraph line costs a few failed matches."""
    line_start = text.rfind("\n", 0, ws_start) + 1
    prev_line = text[line_start: ws_start]
    nl = text.find("\n", ws_end)
    next_row = text[ws_end:] if nl < 0 else text[ws_end: nl]
    # table rows: the previous or next line holds tab- or "|"-separated cells
    if "\t" in prev_line or "|" in prev_line or "｜" in prev_line \
            or "\t" in next_row or "|" in next_row or "｜" in next_row:
        return True
    prev_full = prev_line.strip()
    next_full = next_row.strip()
    lp, ln = len(prev_full), len(next_full)
    cell = _CELL_VALUE.fullmatch
    # one table cell per line: a bare number (or --) next to a short line is a cell, not a wrap
    if (ln <= 40 and cell(prev_full)) or (lp <= 24 and cell(next_full) and not _unit_follows(text, nl)):
        return True
    # a unit line holds _UNIT_WORD (a substring test rules most lines out before the match)
    if (_UNIT_WORD in prev_full and _UNIT_LINE.fullmatch(prev_full)) \
            or (_UNIT_WORD in next_full and _UNIT_LINE.fullmatch(next_full)):
        return True
    # prev_full is stripped, so _HEADING_END's "\s*$" can only match empty at the end: a suffix test
    if lp <= 60 and prev_full.endswith(_HEADING_WORDS):
        return True
    if 0 < lp <= 14 and 0 < ln <= 14 and _HEADER_CELL.fullmatch(prev_full) and _HEADER_CELL.fullmatch(next_full):
        return True  # header cells one per line (科目编码 / 科目名称 / 决算数)
    if _opens_item(text[ws_end: ws_end + 12]):
        return True
    # a form, one "key：value" field per line ("年度指标值：≥185公里" / "实际完成值：192.6公里"): each
    # line is a field of its own, not the wrapped lines of one paragraph
    if 0 < lp <= _FORM_LINE_CHARS and 0 < ln <= _FORM_LINE_CHARS and _FORM_LINE.match(prev_full) \
            and _FORM_LINE.match(next_full):
        return True
    # a short numbered heading ("（二）项目绩效自评结果") ends its line: what follows is the next
    # paragraph (a wrapped paragraph's first line fills the width)
    if 0 < lp <= _NUMBERED_HEADING_CHARS and prev_full[-1] not in _SOFT_END and _opens_item(prev_full):
        return True
    # a row label one cell per line: the line after the next one is a bare number (no next line:
    # the empty string, never a cell)
    if 0 < ln <= 40 and 0 < lp <= 24 and nl >= 0:
        nl2 = text.find("\n", nl + 1)
        after_full = (text[nl + 1:] if nl2 < 0 else text[nl + 1: nl2]).strip()
        return bool(cell(after_full)) and not cell(next_full) and not _AMOUNT_LINE.search(next_full)
    return False


def _unit_follows(text: str, nl: int) -> bool:
    """The line after the one ending at ``nl`` is a money unit alone (the number before it is an
    amount printed above its unit, not a table cell)."""
    if nl < 0:
        return False
    nl2 = text.find("\n", nl + 1)
    return _MONEY_UNIT_LINE.fullmatch((text[nl + 1:] if nl2 < 0 else text[nl + 1: nl2]).strip()) is not None


# Characters outside these ranges may fold to something else; those inside (ASCII, CJK Unified
# Ideographs, 、 。) never do (whitespace among them is read as whitespace).
_CANDIDATE = re.compile(r"[^\x00-\x7f\u4e00-\u9fff\u3001\u3002]")

# Per character, learnt from the data (memo tables, never cleared; each entry is a pure function
# of the character): _ONE maps a character whose fold is one other character (a plain stretch of
# text folds without touching its offsets), _ODD holds the characters whose fold is not one
# character (None: invisible, dropped; else the folded characters, spaces removed), _SEEN every
# character classified so far.
_ONE: dict[str, str] = {}
_ODD: dict[str, str | None] = {}
_SEEN: set[str] = set()


def _learn(chars: set[str]) -> None:
    for c in chars - _SEEN:
        if is_invisible(c):
            _ODD[c] = None
        elif not c.isspace():  # whitespace is read by the \s+ of the event matcher
            kept = "".join(ch for ch in fold_char(c) if not ch.isspace())
            if len(kept) != 1:
                _ODD[c] = kept
            elif kept != c:
                _ONE[c] = kept
        _SEEN.add(c)


def _fold_plain(text: str, chars: set[str]) -> str:
    """``text`` with every character of ``chars`` whose fold is one other character folded (same
    length, so offsets stay); other characters are left as they are."""
    pairs = [(c, _ONE[c]) for c in sorted(chars) if c in _ONE]
    if {k for _, k in pairs} & {c for c, _ in pairs}:  # a fold that is itself folded: one pass
        return text.translate({ord(c): k for c, k in pairs})
    for c, k in pairs:
        text = text.replace(c, k)
    return text


# The complement of _CANDIDATE in runs: removing them leaves exactly the candidate characters.
_PLAIN_RUNS = re.compile(r"[\x00-\x7f\u4e00-\u9fff\u3001\u3002]+")


def _distinct_chars(s: str, rounds: int = 32) -> set[str]:
    """``set(s)``, for the few distinct characters of many (the candidates of a document: some
    thousand ，（）： of a dozen kinds): each round takes the first character and removes it from
    ``s`` (one C pass), which costs less than a str object and a hash per character; after
    ``rounds`` the rest goes to ``set`` (so many distinct characters cost at most about twice)."""
    out: set[str] = set()
    for _ in range(rounds):
        if not s:
            return out
        c = s[0]
        out.add(c)
        s = s.replace(c, "")
    out.update(s)
    return out


# Characters that are emitted as themselves and only so (ASCII and CJK never fold and are never
# odd), are not whitespace or digits, cannot end a bookmark (``]``) or sit inside one unread:
# a whitespace run right after one follows the plain stretch it ends, so the normaliser's
# ``last`` and ``prev`` are that character. _AFTER_PLAIN_NOT_WAN leaves out 万 (U+4E07), the one
# that can keep a page break soft ("26.12 万|元"). _AFTER_HARD_END: the characters of _HARD_END
# (full-width ones too: each folds to one ASCII character, so it too ends the plain stretch
# before the run and is ``prev``; the emitted ``last`` is not a line break).
_AFTER_PLAIN = "\u4e00-\u9fff\u3001\u3002!-/:-\\\\\\^-~"
_AFTER_PLAIN_NOT_WAN = "\u4e00-\u4e06\u4e08-\u9fff\u3001\u3002!-/:-\\\\\\^-~"
_AFTER_HARD_END = "。;:!?|；：！？"
# str.isspace() (and the regex \s) as explicit ranges: the regex engine tests a range set faster
# than the Unicode category behind \s, in its scan over every character (a test checks the sets)
_SPACE = "\t-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_NO_NL = "\t\x0b-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_SPACE_NO_TAB_NL = "\x0b-\r\x1c- \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# what m.lastindex tells of an event (see _events)
_DROPPED_EV, _BOOKMARK_EV, _HARD_EV, _SPACE_EV, _RUN_EV, _ODD_EV = 1, 2, 3, 4, 5, 6


# Stands, in the text the event matcher reads, for every character whose fold is not one
# character (an "odd" one): one fixed pattern serves every document (it takes milliseconds to
# compile). No odd character, nor NUL, is whitespace, a digit, ``[``, or in a set the matcher's
# lookarounds test, so the substitution changes no other event.
_ODD_MARK = "\x00"


@lru_cache(maxsize=None)
def _events() -> re.Pattern[str]:
    r"""Where the plain 1:1 stretches stop: a whole whitespace run (no Cf character is
    whitespace), a ``[bookmark: ...]`` or an ``_ODD_MARK`` (an odd character, or a plain NUL the
    loop reads on over). A plain ``[`` does not match. The pattern starts with one character
    class, so the regex engine skips the plain characters in its fast set-scan loop; the
    lookbehinds then read the class's character and the one before it. An empty group ends each alternative, so
    ``m.lastindex`` names what matched:

    * ``_DROPPED_EV``: a run with no line break or tab after a character of ``_AFTER_PLAIN``
      (not a digit: no space is kept), or between an ASCII digit and a character of
      ``_AFTER_PLAIN`` (which folds to itself, not a digit) — dropped;
    * ``_SPACE_EV``: such a run between two ASCII digits — one space;
    * ``_HARD_EV``: a run holding a line break, not followed by a page footer's first character,
      after a character of ``_AFTER_HARD_END``, or starting with a line break after one of
      ``_AFTER_PLAIN_NOT_WAN`` and holding a second line break or a tab — the hard-break rule's
      cheap tests answer hard, and ``last`` is not a line break: one ``\n``;
    * ``_RUN_EV``: any other run (the whole rule is asked);
    * ``_BOOKMARK_EV``, ``_ODD_EV``.

    Possessive ``\s*+`` and the lookaheads after it make each fast alternative take the whole run
    or fail (then ``_RUN_EV`` takes it)."""
    # in the order of the group numbers (the fast ones are disjoint; _RUN_EV takes any run left).
    # A bookmark takes the bookmarks right after it along (the loop would meet each at the
    # position it moved on to, and only move on again). A run must not: the one after a page
    # footer lies inside the span the loop skips, and would carry a bookmark past its end.
    assert _BOOKMARK.pattern.startswith(r"\[")
    more_bookmarks = f"(?:{_BOOKMARK.pattern})*"
    ws, ws_no_tn, ws_no_n = f"[{_SPACE}]", f"[{_SPACE_NO_TAB_NL}]", f"[{_SPACE_NO_NL}]"
    footer = "".join(map(re.escape, sorted(_FOOTER_FIRST)))
    dropped = (rf"(?:(?<=[{_AFTER_PLAIN}]{ws_no_tn}){ws_no_tn}*+(?![\t\n])"
               rf"|(?<=[0-9]{ws_no_tn}){ws_no_tn}*+(?=[{_AFTER_PLAIN}]))()")
    bookmark = rf"(?<=\[){_BOOKMARK.pattern[2:]}{more_bookmarks}()"
    hard = (rf"(?:(?<=[{_AFTER_HARD_END}]{ws})(?:(?<=\n){ws}*+|{ws_no_n}*\n{ws}*+)"
            rf"|(?<=[{_AFTER_PLAIN_NOT_WAN}]\n){ws_no_tn}*[\n\t]{ws}*+)"
            rf"(?![{footer}])()")
    space = rf"(?<=[0-9]{ws_no_tn}){ws_no_tn}*+(?=[0-9])()"
    alts = [dropped, bookmark, hard, space, rf"(?<={ws}){ws}*()"]
    alts.append(f"(?<={re.escape(_ODD_MARK)})()")
    return re.compile(f"[{_SPACE}\\[{re.escape(_ODD_MARK)}](?:" + "|".join(alts) + ")")


@lru_cache(maxsize=8)
def normalize_with_map(text: str) -> NormText:
    """The normalised text and its map (see the module doc). Memoised: the prose and budget
    readers normalise the same text; the result is shared, treat it as read-only.

    ``out`` holds the emitted pieces (never empty), one run of the map each; ``src`` the original
    offset of each piece's first char; ``several`` the pieces that are one char's fold to several
    chars (step 0). The last emitted char is ``out[-1][-1]`` (nothing emitted: ``out`` empty), the
    last original non-space char read ``text[prev_end - 1]``; both are read only where a rule
    needs them."""
    chars = _distinct_chars(_PLAIN_RUNS.sub("", text))  # the characters that may fold
    _learn(chars)
    folded = _fold_plain(text, chars)
    out: list[str] = []
    src: list[int] = []
    several: list[int] = []
    emit, source = out.append, src.append
    n, pos = len(text), 0  # pos: start of the plain stretch
    prev_end = 0
    scan = text
    for c in chars:
        if c in _ODD:
            scan = scan.replace(c, _ODD_MARK)
    for m in _events().finditer(scan):
        i, j = m.span()
        if i < pos:  # inside a page footer skipped below
            continue
        if i > pos:  # a plain stretch: every char folds to one char
            emit(folded[pos:i])
            source(pos)
            prev_end = i
        ev = m.lastindex
        if ev <= _BOOKMARK_EV:  # _DROPPED_EV (1): a dropped run, or a bookmark (an export artefact)
            pos = j
            continue
        if ev == _HARD_EV:
            emit("\n")
            source(text.index("\n", i))
            pos = j
            continue
        if ev == _SPACE_EV:
            emit(" ")
            source(i)
            pos = j
            continue
        if ev == _ODD_EV:  # zero-width / bidi control (prints nothing) or a fold to 0 or 2+ chars
            c = text[i]
            if c not in _ODD:  # a plain NUL, read as a mark: the stretch goes on, unsplit
                if i > pos:
                    out.pop(), src.pop()
                continue
            kept = _ODD[c]
            if kept is not None:
                if kept:
                    several.append(len(out))
                    emit(kept)
                    source(i)
                prev_end = i + 1
            pos = j
            continue
        last = out[-1][-1] if out else ""
        run = text[i:j]
        if "\n" in run and last:
            if run[-1] == "\n" and j < n and text[j] in _FOOTER_FIRST:
                # "...公务接待费2.46万元、\n— 6 —\n工会经费..." : skip the footer line
                fm = _PAGE_FOOTER.match(text, j)
                if fm and fm.end() + 1 < n and fm.end() > j:
                    k = fm.end() + 1
                    while k < n and (text[k] in _WS or text[k].isspace()):
                        k += 1
                    run, j = run + text[fm.end() + 1:k], k
            # _is_hard_break, its cheap tests inlined
            prev = text[prev_end - 1]
            pc = fold_char(prev)
            if (pc.isdigit() or pc == "万") and j < n and (nxt := fold_char(text[j])) and nxt in "万元%" \
                    and "\t" not in run:
                hard = False
            else:
                hard = ("\t" in run or run.count("\n") >= 2 or prev in _HARD_END or pc in _HARD_END
                        or _lines_break_hard(text, i, j))
            if hard:
                if last != "\n":
                    emit("\n")
                    source(text.index("\n", i))
                pos = j
                continue
        if "\t" in run and last and last not in "|\n":
            emit("|")
            source(text.index("\t", i))
        elif j < n and last.isdigit() and fold_char(text[j])[:1].isdigit():
            emit(" ")
            source(i)
        pos = j
    if pos < n:
        emit(folded[pos:]), source(pos)
    runs_at = list(accumulate(map(len, out), initial=0))
    runs_at.pop()
    runs_step = [1] * len(out)
    for k in several:
        runs_step[k] = 0
    return NormText("".join(out), runs_at, src, runs_step)
