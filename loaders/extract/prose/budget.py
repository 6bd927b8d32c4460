"""Facts stated in the narrative of a 预算 document (部门预算情况说明), in the wordings of
seeds/lexicon/budget_sentences.csv: 收入、支出预算总计, the 类 list after 支出预算总计, 基本/项目支出
预算数, 财政拨款收、支总预算, the …(款)…(项)支出 lines of the 财政拨款 section, 机关运行经费 and
公务用车 预算支出.

Blocks matter: a 类 line counts as all-funds spending only inside the list that follows
支出预算总计 (the 财政拨款 section repeats 类 names with 财政拨款 amounts), and a (项) line is a
一般公共预算 item only when the document says its 财政拨款 income is all 一般公共预算."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ...model import Fact, ParsedDocument
from ...textnorm import NormText
from ...vocab import read_seed
from ..document import prose_text
from .builder import FactBuilder
from .mentions import to_decimal
from .literals import literal_plan
from ..subjects import is_class_name


@dataclass(frozen=True)
class Wording:
    scope: str
    pattern: re.Pattern[str]
    metric: str
    qualifier: str


@lru_cache(maxsize=1)
def _wordings() -> tuple[Wording, ...]:
    return tuple(Wording(r["scope"], re.compile(r["pattern"]), r["metric"], r["qualifier"])
                 for r in read_seed("budget_sentences"))


def _of(scope: str) -> list[Wording]:
    return [w for w in _wordings() if w.scope == scope]


def _marker(name: str) -> re.Pattern[str]:
    return next(w.pattern for w in _of("marker") if w.qualifier == name)


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


def _amount(text: str) -> Decimal | None:
    return to_decimal(text.replace(",", ""))


def _fin_is_gpb(text: str) -> bool:
    found: dict[str, set[Decimal]] = {}
    for w in _of("equal"):
        for m in w.pattern.finditer(text):
            v = _amount(m.group("n"))
            if v is not None:
                found.setdefault(w.qualifier, set()).add(v)
    fin, gpb = found.get("fin", set()), found.get("gpb", set())
    return len(fin) == 1 and fin == gpb


def extract_budget_prose(doc: ParsedDocument, nt: NormText | None = None) -> list[Fact]:
    nt = nt if nt is not None else prose_text(doc)
    fb = FactBuilder(doc, nt)
    text = nt.text
    fin_gpb = _fin_is_gpb(text)
    block: str | None = None
    class_name: str | None = None
    for start, line in _lines(text):
        if _marker("fin_items_start").search(line):
            block, class_name = "fin_items", None
        elif _marker("section_end").search(line):
            block = None
        elif _marker("expense_start").search(line):
            block = "expense_block"
        if block == "fin_items":
            h = _marker("class_heading").search(line)
            if h:
                class_name = h.group("q")
        scopes = ["document"] + ([block] if block else [])
        for w in (w for s in scopes for w in _of(s)):
            for m in w.pattern.finditer(line):
                _emit(fb, w, m, start, class_name, fin_gpb)
    return fb.facts


def new_facts(found: list[Fact], existing: list[Fact]) -> list[Fact]:
    """The facts of ``found`` that no existing fact already states: same metric and value over
    an overlapping span of the text is one statement (the general prose reader may read it too)."""
    def span(f: Fact) -> tuple[int, int]:
        return (f.location.char_start or -1, f.location.char_end or -1)
    if not found:
        return []
    wanted = {(f.metric, f.value) for f in found}  # only the existing facts that could match one
    by_key: dict[tuple[str, object], list[tuple[int, int]]] = {}
    for f in existing:
        if (f.metric, f.value) in wanted:
            by_key.setdefault((f.metric, f.value), []).append(span(f))
    out = []
    for f in found:
        a, b = span(f)
        if any(s < b and a < e for s, e in by_key.get((f.metric, f.value), [])):
            continue
        out.append(f)
    return out


def extract_final_budget_figures(doc: ParsedDocument, nt: NormText | None = None) -> list[Fact]:
    """The budget figures a 决算 prints itself (年初预算为 X 万元，支出决算为 Y 万元), under the
    *_budget metrics reserved for them (scope `final` of the seed)."""
    nt = nt if nt is not None else prose_text(doc)
    fb = FactBuilder(doc, nt)
    wordings, literals = _final_wordings()
    for start, line in _lines_with(nt.text, literals):
        for w, words in zip(wordings, literals):
            if words is not None and not any(x in line for x in words):
                continue  # the wording cannot match a line without one of its literals
            for m in w.pattern.finditer(line):
                _emit(fb, w, m, start, None, False)
    return fb.facts


@lru_cache(maxsize=1)
def _final_wordings() -> tuple[tuple[Wording, ...], tuple[tuple[str, ...] | None, ...]]:
    """The `final` wordings and, for each, literals one of which every match contains (None: unknown)."""
    wordings = tuple(_of("final"))
    plans = (literal_plan(w.pattern) for w in wordings)
    return wordings, tuple(None if p is None else p[1] for p in plans)


def _lines_with(text: str, literals: tuple[tuple[str, ...] | None, ...]):
    """``_lines(text)`` restricted to the lines holding one of ``literals`` (all when any is None)."""
    if not literals or None in literals:
        yield from _lines(text)
        return
    starts: set[int] = set()
    for words in literals:
        for literal in words:
            i = text.find(literal)
            while i >= 0:
                starts.add(text.rfind("\n", 0, i) + 1)
                i = text.find(literal, i + 1)
    for a in sorted(starts):
        b = text.find("\n", a)
        yield a, text[a:] if b < 0 else text[a:b]


def _emit(fb: FactBuilder, w: Wording, m: re.Match, start: int, class_name: str | None, fin_gpb: bool) -> None:
    value = _amount(m.group("n"))
    if value is None:
        return
    q = w.qualifier or (m.groupdict().get("q") or "")
    if w.scope == "expense_block" and w.metric == "expense_by_function":
        name = q if q.endswith("支出") else q + "支出"
        if not is_class_name(name):
            return
        q = name
    if w.scope == "fin_items":
        if not fin_gpb or not class_name:
            return
        q = f"{class_name}(类){q}"
    fb.emit(w.metric, (start + m.start("n"), start + m.end("n")), value, "万元", (start + m.start(), start + m.end()),
            qualifier=q or None)
