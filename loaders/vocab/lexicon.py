"""Wording lexicons (seeds/lexicon/*.csv), compiled once: metric wordings, 支出功能分类 类 names,
project-money words, headcount words, vehicle kinds. Patterns run on ``textnorm``-normalised text
(ASCII punctuation, no spaces)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import read_seed


@dataclass(frozen=True)
class Keyword:
    pattern: re.Pattern[str]
    metric: str
    qualifier: str | None  # None: the printed wording; "" : no qualifier
    also: tuple[str, ...] = ()  # extra qualifiers emitted for the same number


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def union(patterns: list[str]) -> str:
    """The patterns as one alternation, tried in order. ``p1|p2|...`` is the same regex as
    ``(?:p1)|(?:p2)|...`` for well-formed patterns, and the re engine scans the flat form several
    times faster (it finds the alternatives' first characters); a pattern with a global inline
    flag keeps its own group."""
    if any(_GLOBAL_FLAGS.match(p) for p in patterns):
        return "|".join(f"(?:{p})" for p in patterns)
    return "|".join(patterns)


def _by_priority(name: str) -> list[dict[str, str]]:
    return sorted(read_seed(name), key=lambda r: int(r["priority"]))


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)))


@lru_cache(maxsize=None)
def keywords() -> tuple[Keyword, ...]:
    """Metric wordings, by priority (an earlier row wins a tie)."""
    out = []
    for r in _by_priority("metric_wordings"):
        q = None if r["qualifier"] == "{printed}" else r["qualifier"]
        also = tuple(a for a in r["also"].split(";") if a)
        pattern = income_lines_pattern() if r["pattern"] == "{income_lines}" else r["pattern"]
        out.append(Keyword(re.compile(pattern), r["metric"], q, also))
    return tuple(out)


_ANY_KEYWORD: dict[int, tuple[tuple[Keyword, ...], re.Pattern[str]]] = {}


def any_keyword(kws: tuple[Keyword, ...]) -> re.Pattern[str]:
    """The wordings of ``kws`` as one alternation, compiled once per keyword tuple: a label it
    finds nothing in holds none of them (a one-pass pre-check before asking each wording)."""
    hit = _ANY_KEYWORD.get(id(kws))
    if hit is None or hit[0] is not kws:
        if len(_ANY_KEYWORD) > 64:
            _ANY_KEYWORD.clear()
        hit = (kws, re.compile(union([k.pattern.pattern for k in kws]) or r"(?!)"))
        _ANY_KEYWORD[id(kws)] = hit
    return hit[1]


def income_lines_pattern() -> str:
    """Every income-line wording of seeds/lexicon/income_lines.csv, as one alternation (the row
    ``{income_lines}`` of metric_wordings)."""
    return "|".join(r["pattern"] for r in _by_priority("income_lines"))


@lru_cache(maxsize=None)
def metrics_of_family(family: str) -> frozenset[str]:
    from .metrics import metrics

    return frozenset(m.name for m in metrics().values() if m.family == family)


@lru_cache(maxsize=None)
def function_class_re() -> re.Pattern[str]:
    """Any 支出功能分类 类 name (current and older editions, common variants)."""
    return _alternation([r["name"] for r in read_seed("function_class_names")])


def function_class_names() -> tuple[str, ...]:
    return tuple(r["name"] for r in read_seed("function_class_names"))


@lru_cache(maxsize=None)
def project_money_words() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["metric"]) for r in _by_priority("project_money_words"))


@lru_cache(maxsize=None)
def _any_project_money_word() -> re.Pattern[str]:
    return re.compile(union([p.pattern for p, _ in project_money_words()]) or r"(?!)")


def project_money_metric(label: str) -> str | None:
    """The project metric a label just before an amount names (预算金额 / 实际支出 / 结余 …)."""
    if not _any_project_money_word().search(label):
        return None  # none of the words anywhere in the label (one search instead of one per word)
    for pat, metric in project_money_words():
        if pat.search(label):
            return metric
    return None


@lru_cache(maxsize=None)
def headcount_words_re() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(r["word"]) for r in read_seed("headcount_words")))


@lru_cache(maxsize=None)
def vehicle_kind_re() -> re.Pattern[str]:
    return re.compile("(" + "|".join(re.escape(r["kind"]) for r in _by_priority("vehicle_kinds")) + ")")


def vehicle_kind(label: str) -> str | None:
    m = vehicle_kind_re().search(label)
    return m.group(1) if m else None


@lru_cache(maxsize=None)
def cue(name: str) -> re.Pattern[str]:
    """A section cue of seeds/lexicon/section_cues.csv: wording that sets a sentence's context
    (fund_gpb / fund_govfund / fund_all: the fund of the spending named; class_fund_*: the same
    just before a 类 list; one_fund unless not_one_fund: a sentence of the 政府性基金 fund's own
    figures, fund_named: a sentence naming any fund or the unit's 总计; leave_three_public: a
    heading after the 三公 section; econ_list_parent: the parents of a 经济分类 list;
    same_amount_list / list_separator: "A、B和C均为0万元"; indicator_target / indicator_actual:
    "名称指标值≥A单位，实际完成值B单位"; indicator_name: "三级指标：名称" in a one-field-per-line form)."""
    pats = [r["pattern"] for r in _by_priority("section_cues") if r["cue"] == name]
    if not pats:
        raise KeyError(f"no section cue {name!r} in seeds/lexicon/section_cues.csv")
    return re.compile(union(pats))


@lru_cache(maxsize=None)
def any_cue(*names: str) -> re.Pattern[str]:
    """The section cues ``names`` as one alternation: where it finds nothing, none of them matches
    (one search instead of one per cue)."""
    return re.compile(union([cue(n).pattern for n in names]))

