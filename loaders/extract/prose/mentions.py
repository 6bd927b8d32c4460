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


def find_mentions(norm: str) -> list[Mention]:
    out = []
    append = out.append
    for m in _MENTION_SCAN.finditer(norm):
        num, unit = m.groups()
        digits = num.replace(",", "")
        if len(digits.split(".")[0]) > 10:  # codes, not amounts
            continue
        try:
            v = Decimal(digits)
        except (InvalidOperation, ValueError):
            continue
        s, e = m.span(1)
        append(Mention(s, m.end(), e, v, "万元" if unit == "万" else unit))
    return out
