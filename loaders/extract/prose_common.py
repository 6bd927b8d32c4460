"""Shared pieces of the prose extractors: number mentions on normalised text and Fact
construction with evidence mapped back to the original text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..model import Fact, Location, ParsedDocument
from ..numbers import value_in_evidence
from ..textnorm import NormText

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


class FactBuilder:
    """Builds Facts whose evidence is the original text of a normalised span."""

    def __init__(self, doc: ParsedDocument, nt: NormText):
        self.doc = doc
        self.nt = nt
        self.facts: list[Fact] = []
        self._seen: set[tuple] = set()

    def emit(self, metric: str, num_span: tuple[int, int], value: Decimal | None, unit: str,
             ev_span: tuple[int, int], qualifier: str | None = None, direction: str | None = None,
             period: str | None = None, subject_code: str | None = None) -> None:
        nt, text = self.nt, self.doc.text
        a, b = ev_span
        a, b = min(a, num_span[0]), max(b, num_span[1])
        while a < num_span[0] and nt.text[a] in ",;:、|\n ":
            a += 1
        s, e = nt.orig_span(a, b)
        evidence = text[s:e]
        ns, ne = nt.orig_span(*num_span)
        value_text = text[ns:ne]
        if value is not None and not value_in_evidence(value, evidence):
            return
        q = qualifier or None
        key = (metric, value, unit, q, direction, ns)
        if key in self._seen:
            return
        self._seen.add(key)
        loc = Location(page=self.doc.page_of(s), line=self.doc.line_of(s), char_start=s, char_end=e)
        self.facts.append(Fact(metric=metric, value=value, unit=unit, evidence=evidence, location=loc,
                               qualifier=q, direction=direction, period=period, value_text=value_text,
                               subject_code=subject_code,
                               source="prose"))
