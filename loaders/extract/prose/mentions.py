"""Number + unit mentions on normalised text (``1,145.52万元``, ``7.03%``, ``26批次``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation


NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
UNITS = r"万元|亿元|百元|千元|元|万(?=[,.;:、)。!?\"'])|%|人次|批次|辆|个|人|名|次|分"
MENTION_RE = re.compile(r"(?<![0-9A-Za-z._\-/~])(" + NUM + r")(" + UNITS + r")")
MONEY_UNITS = {"万元", "亿元", "百元", "千元", "元"}
COUNTERS = {"人次", "批次", "辆", "个", "人", "名", "次"}


@dataclass
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
    for m in MENTION_RE.finditer(norm):
        num = m.group(1)
        if len(num.split(".")[0].replace(",", "")) > 10:  # codes, not amounts
            continue
        v = to_decimal(num)
        if v is None:
            continue
        unit = "万元" if m.group(2) == "万" else m.group(2)
        out.append(Mention(m.start(1), m.end(2), m.end(1), v, unit))
    return out
