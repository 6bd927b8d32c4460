"""What a clean document asserts, read from its own facts, independently of the dbt rules.

The mutation harness asks this model which repeated statement or accounting identity a planted
error breaks. A mutant that breaks none is *undetectable* (no rule can see it) and is counted
apart from the mutation score. The identities are the accounting facts of a 决算 (a total and the
parts it adds up from); they are checked on the clean facts first, so only identities that
actually hold in the document make a site detectable.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Fact
from ..vocab import read_seed

# total metric, part metrics, the rules meant for a break of it
IDENTITIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("total_expense", ("expense_basic", "expense_project"), ("R05",)),
    ("expense_basic", ("basic_personnel", "basic_public"), ("R06",)),
    # every part of R09 must be printed: with an unprinted part the ledger abstains (fail closed)
    ("total_income_expense", ("total_income", "carryover_begin", "nonfiscal_balance_used"), ("R09",)),
    ("gpb_expense_total", ("gpb_expense_basic", "gpb_expense_project"), ("R24",)),
)
# a total and a metric whose statements (all subjects) add up to it
LIST_SUMS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("gpb_expense_total", "gpb_expense_by_function", ("R03",)),
    ("total_income", "income_by_source", ("R08",)),
)
RESTATEMENT_RULES = ("R17", "R25", "R26", "R27", "R28", "R29", "R30", "R34", "R35", "R36", "R37")
THREE_PUBLIC_RULES = ("R12", "R21", "R41")


def name_key(text: str | None) -> str:
    """The same key as the dbt macro name_key: no level markers, brackets, punctuation, 支出/缴费."""
    s = re.sub(r"[（(]\s*[类款项]\s*[）)]", "", text or "")
    s = re.sub(r"[\s　（）()【】\[\]“”\"：:、，,。*]", "", s)
    return re.sub(r"支出|缴费", "", s)


def headline_metrics() -> frozenset[str]:
    return frozenset(
        r["metric"] for r in read_seed("metrics") if r["mart"] == "fct_budget_totals" and "_by_" not in r["metric"]
    )


@dataclass(frozen=True)
class Break:
    """A structure of the clean document a mutant breaks, and the rules meant to see it."""

    structure: str
    rules: tuple[str, ...]


@dataclass
class CleanModel:
    facts: list[Fact]
    headline: frozenset[str] = field(default_factory=headline_metrics)

    def key(self, f: Fact) -> tuple[str, str, str]:
        q = "" if f.metric in self.headline else name_key(f.qualifier)
        return (f.metric, q, f.period or "current")

    def money(self) -> list[Fact]:
        return [f for f in self.facts if f.amount_wan is not None and f.unit != "%" and f.direction is None]

    def value_of(self, metric: str) -> Decimal | None:
        values = {f.amount_wan for f in self.money() if f.metric == metric and (f.period or "current") == "current"}
        return values.pop() if len(values) == 1 else None

    def restated(self, f: Fact) -> bool:
        k = self.key(f)
        return any(
            g is not f and self.key(g) == k and g.value == f.value and g.location.char_start != f.location.char_start
            for g in self.facts
        )

    def identity_breaks(self, f: Fact) -> list[Break]:
        out: list[Break] = []
        if (f.period or "current") != "current":
            return out
        for total, parts, rules in IDENTITIES:
            if f.metric not in (total, *parts):
                continue
            values = [self.value_of(m) for m in (total, *parts)]
            if any(v is None for v in values):
                continue
            if abs(values[0] - sum(values[1:], Decimal(0))) <= Decimal("0.005") * (len(parts) + 1):
                out.append(Break(f"identity:{total}", rules))
        for total, part, rules in LIST_SUMS:
            if f.metric not in (total, part):
                continue
            t = self.value_of(total)
            by_subject: dict[str, set[Decimal]] = defaultdict(set)
            for g in self.money():
                if g.metric == part and (g.period or "current") == "current":
                    by_subject[name_key(g.qualifier)].add(g.amount_wan)
            if t is None or not by_subject or any(len(v) != 1 for v in by_subject.values()):
                continue
            s = sum((next(iter(v)) for v in by_subject.values()), Decimal(0))
            if abs(t - s) <= Decimal("0.005") * (len(by_subject) + 1):
                out.append(Break(f"sum:{total}", rules))
        return out

    def class_of(self, f: Fact) -> str:
        return name_key(re.split(r"[（(]\s*类\s*[）)]", f.qualifier or "")[0])

    def class_sum_breaks(self, f: Fact) -> list[Break]:
        """A 类 stated beside its 项 (prose or table): class = Σ items holds in the clean facts."""
        if not (f.metric.endswith("expense_item") or f.metric.endswith("_by_function")) or "类" not in (f.qualifier or "x类"):
            return []
        prefix = f.metric.removesuffix("_by_function").removesuffix("_item").removesuffix("_expense")
        cls = self.class_of(f) if f.metric.endswith("expense_item") else name_key(f.qualifier)
        classes = {g.amount_wan for g in self.money() if g.metric == f"{prefix}_expense_by_function"
                   and name_key(g.qualifier) == cls and (g.period or "current") == "current"}
        items = {g.location.char_start: g.amount_wan for g in self.money() if g.metric == f"{prefix}_expense_item"
                 and "类" in (g.qualifier or "") and self.class_of(g) == cls and (g.period or "current") == "current"}
        if len(classes) != 1 or not items:
            return []
        if abs(next(iter(classes)) - sum(items.values(), Decimal(0))) <= Decimal("0.005") * (len(items) + 1):
            return [Break(f"class_sum:{cls}", ("R01", "R02", "R55"))]
        return []

    def number_breaks(self, f: Fact) -> list[Break]:
        out = self.identity_breaks(f) + self.class_sum_breaks(f)
        if self.restated(f):
            out.append(Break(f"restated:{f.metric}", RESTATEMENT_RULES))
        if f.metric in ("three_public_total", "three_public_item") and self.value_of("three_public_total") is not None:
            out.append(Break("three_public_sum", THREE_PUBLIC_RULES))
        return out
