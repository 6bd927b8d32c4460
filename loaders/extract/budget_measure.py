"""预算 documents speak the 决算 vocabulary: their figures are 预算数 by the document's kind, so
the *_budget metrics (reserved for budget figures inside a 决算) are renamed to the plain metric,
and completion rates are dropped (seeds/lexicon/budget_document_metrics.csv)."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..model import Fact
from ..numbers import MONEY_UNITS_TO_WAN
from ..vocab import read_seed


@lru_cache(maxsize=1)
def _rules() -> dict[str, list[tuple[frozenset[str], str]]]:
    out: dict[str, list[tuple[frozenset[str], str]]] = {}
    for r in read_seed("budget_document_metrics"):
        quals = frozenset(q for q in r["total_qualifiers"].split(";") if q)
        out.setdefault(r["budget_metric"], []).append((quals, r["metric"]))
    for rules in out.values():
        rules.sort(key=lambda x: not x[0])  # qualifier-specific rows first
    return out


def as_budget_document(facts: list[Fact]) -> list[Fact]:
    from .prose.budget import new_facts

    out: list[Fact] = []
    renamed: list[Fact] = []
    for f in facts:
        rules = _rules().get(f.metric)
        if rules is None:
            out.append(f)
            continue
        target = next((m for quals, m in rules if not quals or (f.qualifier or "") in quals), "")
        if not target or (f.metric.endswith("_budget") or f.metric.endswith("_total")) and f.unit not in MONEY_UNITS_TO_WAN:
            continue
        renamed.append(replace(f, metric=target))
    return out + new_facts(renamed, out)  # a renamed figure another reading already states is one fact
