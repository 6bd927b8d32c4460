"""The metric vocabulary (seeds/metrics.csv): one row per (metric, mart) with the metric's
family, fund scope, measure kind, Chinese label and meaning. Every Python path that needs a
metric's family or label asks here; docs/FACTS.md is generated from the same rows."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from . import read_seed

FAMILY_ORDER = ("totals", "functions", "changes", "shares", "three_public", "projects", "indicators",
                "headcount", "procurement", "other")


@dataclass(frozen=True)
class Metric:
    name: str
    family: str
    marts: tuple[str, ...]
    fund_scope: str
    measure_kind: str
    label_zh: str
    meaning: str
    qualifier_note: str
    subject_system: str  # function / economic: the qualifier is a subject of that classification; '' otherwise


@lru_cache(maxsize=None)
def metrics() -> dict[str, Metric]:
    """Every metric the extractors may emit, in seed order (a metric routed to two marts is one entry)."""
    out: dict[str, Metric] = {}
    for r in read_seed("metrics"):
        name = r["metric"]
        if name in out:
            m = out[name]
            out[name] = Metric(**{**m.__dict__, "marts": m.marts + (r["mart"],)})
            continue
        out[name] = Metric(name, r["family"] or "other", (r["mart"],), r["fund_scope"], r["measure_kind"],
                           r["label_zh"], r["meaning"], r.get("qualifier_note", ""), r.get("subject_system", ""))
    return out


def family(metric: str) -> str:
    m = metrics().get(metric)
    return m.family if m else "other"


def metric_labels() -> dict[str, str]:
    """metric -> its Chinese label (notebooks, report)."""
    return {name: m.label_zh for name, m in metrics().items()}


@lru_cache(maxsize=None)
def subject_system(metric: str) -> str:
    m = metrics().get(metric)
    return m.subject_system if m else ""


@lru_cache(maxsize=None)
def all_funds_totals() -> frozenset[str]:
    """The totals of the whole unit (fct_budget_totals metrics of fund scope 全部资金; not the
    income lines of fct_income_by_source, whose qualifier names the fund): in the prose of one
    fund (政府性基金) a 本年收入 / 本年支出 / 基本支出 figure is that fund's, not one of these."""
    return frozenset(n for n, m in metrics().items()
                     if m.family == "totals" and "fct_budget_totals" in m.marts and m.fund_scope == "全部资金")


def is_metric(name: str) -> bool:
    return name in metrics()


def labels_for(*names: str) -> dict[str, str]:
    """{metric: label_zh} for the given metrics, in the given order (a notebook's chosen metrics)."""
    labels = metric_labels()
    missing = [n for n in names if n not in labels]
    if missing:
        raise KeyError(f"not in seeds/metrics.csv: {missing}")
    return {n: labels[n] for n in names}
