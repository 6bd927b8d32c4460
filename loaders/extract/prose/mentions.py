"""Number + unit mentions on normalised text (``1,145.52万元``, ``7.03%``, ``26批次``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
UNITS = r"万元|亿元|百元|千元|元|万(?=[,.;:、)。!?\"'])|%|人次|批次|辆|个|人|名|次|分"
MENTION_RE = re.compile(r"(?<![0-9A-Za-z._\-/~])(" + NUM + r")(" + UNITS + r")")
# MENTION_RE with its leading look-behind moved after the first digit (and NUM's alternatives
# split after that digit, backtracking in the same order): the same matches, but the pattern
# starts with a digit, so the scanner skips every non-digit in C instead of trying the
# look-behind at each position (2.5x faster over the bench documents; tests/extract/prose/
# test_mention_scan.py compares the two)
_MENTION_SCAN = re.compile(r"(\d(?<![0-9A-Za-z._\-/~]\d)(?:\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?))("
                           + UNITS + r")")
MONEY_UNITS = {"万元", "亿元", "百元", "千元", "元"}
COUNTERS = {"人次", "批次", "辆", "个", "人", "名", "次"}


@dataclass(slots=True)
class Mention:
    start: int  # number start (normalised)
    end: int  # unit end
    num_end: int
    value: Decimal
    unit: str  # 万 already mapped to 万元

    @property
    def money(self) -> bool:
        return self.unit in MONEY_UNITS

    @property
    def pct(self) -> bool:
        return self.unit == "%"


def to_decimal(s: str) -> Decimal | None:
    try:
        return Decimal(s.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None


def _amount(num: str) -> Decimal | None:
    """The value of a scanned number, None for a code (more than 10 digits before the point)."""
    digits = num.replace(",", "")
    if len(digits) > 10 and len(digits.partition(".")[0]) > 10:  # codes, not amounts
        return None
    try:
        return Decimal(digits)
    except (InvalidOperation, ValueError):
        return None


def find_mentions(norm: str) -> list[Mention]:
    """Every mention of ``norm`` in order. A number is read once per document: a document states
    the same figures again and again (1174 mentions, 423 distinct numbers over the bench's
    documents), and a Decimal is immutable, so its mentions share it."""
    out = []
    append = out.append
    values: dict[str, Decimal | None] = {}
    for m in _MENTION_SCAN.finditer(norm):
        num, unit = m.groups()
        v = values.get(num, False)
        if v is False:
            v = values[num] = _amount(num)
        if v is None:
            continue
        s, e = m.span(1)
        append(Mention(s, e + len(unit), e, v, "万元" if unit == "万" else unit))  # the unit follows the number
    return out


def with_listed_units(norm: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` and, before each money or percent mention printed after a list of bare numbers
    ("分别为2,356.18、312.00和44.12万元"), the numbers of the list with its unit: the unit printed
    once after the list holds for each (``listed_before``)."""
    out: list[Mention] = []
    for m in mentions:
        s = m.start
        if s > 1 and norm[s - 1] in _LIST_JOINS and (m.unit in MONEY_UNITS or m.unit == "%"):
            for a, b in listed_before(norm, s):
                w = _amount(norm[a:b])
                if w is not None and (not out or out[-1].end <= a):
                    out.append(Mention(a, b, b, w, m.unit))
        out.append(m)
    return out


_LIST_JOINS = "、和及与"
_NUM_WHOLE = re.compile(NUM)
_NOT_BEFORE_NUMBER = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz._-/~,")


def listed_before(norm: str, s: int) -> list[tuple[int, int]]:
    """The spans of the bare numbers listed right before the number at ``s`` ("a、b和c万元": a and
    b), in order: each ends at a join (、 和 及 与) and starts after a character that cannot precede
    a number (MENTION_RE's look-behind)."""
    out: list[tuple[int, int]] = []
    while s > 1 and norm[s - 1] in _LIST_JOINS:
        b = a = s - 1
        while a > 0 and (norm[a - 1].isdigit() or norm[a - 1] in ",."):
            a -= 1
        if a == b or not _NUM_WHOLE.fullmatch(norm, a, b) or (a > 0 and norm[a - 1] in _NOT_BEFORE_NUMBER):
            break
        out.append((a, b))
        s = a
    return out[::-1]
