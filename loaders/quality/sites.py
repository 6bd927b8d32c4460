"""Mutation kinds: where each kind of planted error can go in a clean document, and what it breaks.

A kind is a function (Context) -> list[Site]. A Site is one edit of the document's text (replace
text[start:end] by `replacement`) with the structures of the clean document it breaks (see
clean_model). Kinds that plant residue (XX, a foreign year, a retired name …) break the
document's own template by construction; number kinds break what clean_model finds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..model import Fact, ParsedDocument
from ..vocab import read_seed
from .clean_model import Break, CleanModel, name_key


@dataclass(frozen=True)
class Site:
    kind: str
    start: int
    end: int
    replacement: str
    breaks: tuple[Break, ...]
    note: str = ""


@dataclass
class Context:
    text: str  # the file's text (what is mutated and written back)
    doc: ParsedDocument  # the clean parse, for blocks
    facts: list[Fact]
    fiscal_year: int
    model: CleanModel

    def span(self, f: Fact) -> tuple[int, int] | None:
        """Position of the fact's printed number in the file text (nearest copy of its evidence)."""
        if not f.value_text or not f.evidence:
            return None
        ev, starts, i = f.evidence, [], self.text.find(f.evidence)
        while i >= 0:
            starts.append(i)
            i = self.text.find(ev, i + 1)
        if not starts:
            return None
        at = min(starts, key=lambda s: abs(s - (f.location.char_start or 0)))
        j = ev.find(f.value_text)
        return (at + j, at + j + len(f.value_text)) if j >= 0 else None

    def block_lines(self, kind: str) -> list[tuple[int, int]]:
        out = []
        for b in self.doc.blocks:
            if b.kind == kind:
                line = b.text.strip().splitlines()[0] if b.text.strip() else ""
                i = self.text.find(line) if len(line) >= 4 else -1
                if i >= 0:
                    out.append((i, i + len(line)))
        return out


def shifted(value_text: str, delta_units: int = 111) -> str:
    """The printed number moved by 111 units of its last printed digit (≥ 1.11), same format."""
    plain = value_text.replace(",", "")
    d = len(plain.split(".")[1]) if "." in plain else 0
    step = Decimal(1).scaleb(-d) * delta_units if d <= 2 else Decimal("1.11")
    new = Decimal(plain) + step
    q = Decimal(1).scaleb(-max(d, 0)) if d <= 2 else Decimal("0.01")
    s = f"{new.quantize(q):,}" if "," in value_text else f"{new.quantize(q)}"
    return s


def _money(ctx: Context, pred: Callable[[Fact], bool]) -> list[Fact]:
    return [f for f in ctx.model.money() if pred(f) and f.value_text]


def _number_sites(ctx: Context, kind: str, facts: list[Fact], edit=shifted, extra=()) -> list[Site]:
    out, seen = [], set()
    for f in facts:
        sp = ctx.span(f)
        if sp is None or sp in seen:
            continue
        seen.add(sp)
        breaks = tuple(ctx.model.number_breaks(f)) + tuple(extra)
        out.append(Site(kind, sp[0], sp[1], edit(ctx.text[sp[0]:sp[1]]), breaks, f"{f.metric} {f.qualifier or ''}"))
    return out


def _current(f: Fact) -> bool:
    return (f.period or "current") == "current"


def k_prose_number(ctx):
    return _number_sites(ctx, "prose_number", _money(ctx, lambda f: f.source == "prose" and _current(f)))


def k_prose_restated(ctx):
    return _number_sites(ctx, "prose_restated_number",
                         _money(ctx, lambda f: f.source == "prose" and _current(f) and ctx.model.restated(f)))


def k_table_cell(ctx):
    return _number_sites(ctx, "table_cell", _money(ctx, lambda f: f.source == "table" and _current(f)))


def k_identity_part(ctx):
    return _number_sites(ctx, "break_sum_by_one_row", _money(ctx, lambda f: bool(ctx.model.identity_breaks(f))))


def k_class_amount(ctx):
    return _number_sites(ctx, "class_amount", _money(ctx, lambda f: f.metric.endswith("_by_function")))


def k_item_amount(ctx):
    return _number_sites(ctx, "item_amount", _money(ctx, lambda f: f.metric.endswith("expense_item")))


def k_personnel(ctx):
    return _number_sites(ctx, "personnel_or_public_cost",
                         _money(ctx, lambda f: f.metric in ("basic_personnel", "basic_public")))


def k_three_public_amount(ctx):
    return _number_sites(ctx, "three_public_amount", _money(ctx, lambda f: f.metric.startswith("three_public")))


def k_headline(ctx):
    return _number_sites(ctx, "headline_total", _money(
        ctx, lambda f: f.metric in ("total_income_expense", "total_income", "total_expense", "fin_approp_total")))


def k_income_source(ctx):
    return _number_sites(ctx, "income_source", _money(ctx, lambda f: f.metric == "income_by_source"))


def k_running_cost(ctx):
    return _number_sites(ctx, "office_running_cost", _money(ctx, lambda f: f.metric == "office_running_cost"))


def k_magnitude(ctx):
    grand = ctx.model.value_of("total_income_expense")
    facts = _money(ctx, lambda f: _current(f) and f.amount_wan and f.amount_wan > 0)
    # a project's or indicator's amount may be a multi-year total: only the year's own figures are bounded
    # (the grand total itself bounds the others: inflating it exceeds nothing)
    big = [f for f in facts if grand and f.amount_wan * 10000 > grand and f.metric != "total_income_expense"
           and not f.metric.startswith(("project_", "perf_", "self_eval"))]
    small = [f for f in facts if f not in big]
    edit = lambda s: f"{Decimal(s.replace(',', '')) * 10000:f}"  # noqa: E731
    return _number_sites(ctx, "magnitude_slip", big, edit=edit, extra=(Break("scale", ("R54",)),)) + \
        _number_sites(ctx, "magnitude_slip", small, edit=edit)


def k_negative(ctx):
    facts = _money(ctx, lambda f: _current(f) and f.amount_wan and f.amount_wan > 0)
    return _number_sites(ctx, "negative_amount", facts, edit=lambda s: "-" + s, extra=(Break("negative", ("R52",)),))


def _pct(ctx, metric_pred):
    return [f for f in ctx.facts if f.unit == "%" and f.value is not None and metric_pred(f.metric) and f.value_text]


def _share_recomputes(ctx: Context, f: Fact) -> bool:
    parents = {r["part_metric"]: r["parent_metric"] for r in read_seed("share_parents")}
    before = [g for g in ctx.model.money() if g.location.line == f.location.line and g.source == f.source
              and (g.location.char_start or 0) <= (f.location.char_start or 0)]
    if not before:
        return False
    part = max(before, key=lambda g: g.location.char_start or 0)
    parent = ctx.model.value_of(parents.get(part.metric, ""))
    if not parent:
        return False
    return abs(part.amount_wan / parent * 100 - f.value) <= max(Decimal("0.5"), f.value * Decimal("0.01"))


def k_share(ctx):
    facts = _pct(ctx, lambda m: m == "share_pct")
    out = []
    for f in facts:
        sp = ctx.span(f)
        if sp:
            b = (Break("share", ("R04", "R39")),) if _share_recomputes(ctx, f) else ()
            new = shifted(ctx.text[sp[0]:sp[1]], 7 if "." not in f.value_text else 700)
            out.append(Site("stated_share", sp[0], sp[1], new, b, f.qualifier or ""))
    return out


def k_share_over_100(ctx):
    return [Site("share_over_100", sp[0], sp[1], str(Decimal(ctx.text[sp[0]:sp[1]]) + 101), (Break("share_range", ("R53",)),))
            for f in _pct(ctx, lambda m: m == "share_pct") if (sp := ctx.span(f))]


def _clause_after(ctx: Context, pos: int) -> str:
    return re.split(r"[；;。\n]", ctx.text[pos:pos + 80], maxsplit=1)[0]


def _budget_words() -> list[str]:
    return [r["word"] for r in read_seed("direction_words") if r["reference"] == "budget"]


def k_completion_rate(ctx):
    out = []
    for f in _pct(ctx, lambda m: m.endswith("completion_pct")):
        sp = ctx.span(f)
        if not sp:
            continue
        has_word = any(w in _clause_after(ctx, sp[0]) for w in _budget_words())
        b = (Break("direction_vs_rate", ("R18", "R42", "R43")),) if has_word else ()
        v = Decimal(ctx.text[sp[0]:sp[1]])
        out.append(Site("completion_rate", sp[0], sp[1], str(v - 10 if v >= 10 else v + 10), b))
    return out


def _change_pairs(ctx: Context) -> list[tuple[Fact, Fact]]:
    changes = [f for f in ctx.facts if f.direction in ("increase", "decrease")]
    return [(a, p) for a in changes for p in changes
            if a.metric == "prior_year_change_abs" and p.metric == "prior_year_change_pct"
            and a.location.line == p.location.line and name_key(a.qualifier) == name_key(p.qualifier)
            and (p.location.char_start or 0) > (a.location.char_start or 0)]


def k_yoy_percent(ctx):
    out = []
    for a, p in _change_pairs(ctx):
        sp = ctx.span(p)
        if sp and p.value and p.value > 0:
            out.append(Site("yoy_percent", sp[0], sp[1], shifted(ctx.text[sp[0]:sp[1]], 500),
                            (Break("change_amount_vs_percent", ("R10", "R40")),)))
    return out


def k_yoy_amount(ctx):
    out = []
    for a, p in _change_pairs(ctx):
        sp = ctx.span(a)
        if sp and a.value and a.value > 0:
            # the change amount doubled: a small shift may stay within the percent tolerance
            doubled = f"{Decimal(ctx.text[sp[0]:sp[1]].replace(',', '')) * 2}"
            out.append(Site("yoy_amount", sp[0], sp[1], doubled,
                            (Break("change_amount_vs_percent", ("R10", "R40")),)))
    return out


def _flip(ctx: Context, kind: str, word: str, to: str, metric: str) -> list[Site]:
    out = []
    pairs = _change_pairs(ctx)
    for a, p in pairs:
        f = a if metric == "prior_year_change_abs" else p
        sp = ctx.span(f)
        if not sp:
            continue
        i = ctx.text.rfind(word, max(0, sp[0] - 12), sp[0])
        if i >= 0:
            out.append(Site(kind, i, i + len(word), to, (Break("change_direction", ("R44", "R40")),)))
    return out


def k_flip_increase(ctx):
    return _flip(ctx, "flip_increase", "增加", "减少", "prior_year_change_abs") + \
        _flip(ctx, "flip_increase", "减少", "增加", "prior_year_change_abs")


def k_flip_growth(ctx):
    return _flip(ctx, "flip_growth", "增长", "下降", "prior_year_change_pct") + \
        _flip(ctx, "flip_growth", "下降", "增长", "prior_year_change_pct")


def k_flip_budget(ctx):
    swap = {"决算数等于预算数": "决算数大于预算数", "决算数大于预算数": "决算数小于预算数", "决算数小于预算数": "决算数大于预算数",
            "决算数与预算数基本持平": "决算数小于预算数"}
    amounts = re.compile(r"预算(?:数)?为\s*[0-9][0-9,.]*\s*万元[，,]\s*(?:支出)?决算(?:数)?为\s*[0-9][0-9,.]*\s*万元[^\n]{0,40}$")
    rates = [ctx.span(f) for f in _pct(ctx, lambda m: m.endswith("completion_pct"))]
    out = []
    for old, new in swap.items():
        for m in re.finditer(old, ctx.text):
            after_rate = any(sp and sp[1] <= m.start() and "。" not in ctx.text[sp[1]:m.start()]
                             and "；" not in ctx.text[sp[1]:m.start()] and m.start() - sp[1] < 40 for sp in rates)
            line_before = ctx.text[ctx.text.rfind("\n", 0, m.start()) + 1:m.start()]
            stated = bool(amounts.search(line_before))
            b = (Break("direction_vs_rate", ("R18",)),) if after_rate or stated else ()
            out.append(Site("flip_budget_direction", m.start(), m.end(), new, b))
    return out


def _years(ctx: Context, spans: list[tuple[int, int]], kind: str, rules: tuple[str, ...]) -> list[Site]:
    out = []
    y = str(ctx.fiscal_year)
    for s, e in spans:
        for m in re.finditer(y + r"(\s*)年度", ctx.text[s:e]):
            out.append(Site(kind, s + m.start(), s + m.start() + 4, str(ctx.fiscal_year - 3), (Break("foreign_year", rules),)))
    return out


def k_foreign_year_heading(ctx):
    return _years(ctx, ctx.block_lines("heading"), "foreign_year_in_heading", ("R51", "R20"))


def k_foreign_year_body(ctx):
    return _years(ctx, ctx.block_lines("paragraph"), "foreign_year_in_body", ("R20",))


def k_xx_number(ctx):
    return [Site("xx_placeholder_number", sp[0], sp[1], "XX", (Break("placeholder", ("R19",)),))
            for f in _money(ctx, lambda f: f.source == "prose") if (sp := ctx.span(f))]


def _word_sites(ctx, kind, word, to, rules):
    # not where the word is already part of residue (增加/减少, 增加（减少）): the count would not move
    return [Site(kind, m.start(), m.end(), to, (Break(kind, rules),)) for m in re.finditer(re.escape(word), ctx.text)
            if ctx.text[m.end():m.end() + 1] not in ("/", "（", "(", word[:1])
            and ctx.text[max(0, m.start() - 1):m.start()] not in ("/", "）", ")", word[-1:])]


def k_xx_name(ctx):
    return _word_sites(ctx, "xx_placeholder_name", "我单位", "XX单位", ("R19",)) + \
        _word_sites(ctx, "xx_placeholder_name", "本单位", "××单位", ("R19",))


def k_template_residue(ctx):
    return _word_sites(ctx, "template_residue", "增加", "增加（减少）", ("R19",))


def k_duplicate_word(ctx):
    return _word_sites(ctx, "duplicate_word", "增加", "增加增加", ("R56",)) + \
        _word_sites(ctx, "duplicate_word", "减少", "减少减少", ("R56",))


def k_duplicate_punct(ctx):
    return _word_sites(ctx, "duplicate_punctuation", "。", "。。", ("R56",))


def k_swap_three_public(ctx):
    items = [f for f in _money(ctx, lambda f: f.metric == "three_public_item" and _current(f))]
    out = []
    for a in items:
        for b in items:
            if a.location.line == b.location.line and a.value != b.value and \
                    (a.location.char_start or 0) < (b.location.char_start or 0):
                sa, sb = ctx.span(a), ctx.span(b)
                if sa and sb:
                    # one site = both numbers; encoded as a replacement of the span between them
                    seg = ctx.text[sa[0]:sb[1]]
                    new = ctx.text[sb[0]:sb[1]] + seg[sa[1] - sa[0]:sb[0] - sa[0]] + ctx.text[sa[0]:sa[1]]
                    br = tuple(ctx.model.number_breaks(a)) + tuple(ctx.model.number_breaks(b))
                    out.append(Site("swap_three_public_items", sa[0], sb[1], new, br))
    return out


def k_drop_item(ctx):
    out = []
    for f in _money(ctx, lambda f: f.metric.endswith("expense_item") and _current(f)):
        sp = ctx.span(f)
        if not sp:
            continue
        s = ctx.text.rfind("\n", 0, sp[0]) + 1
        e = ctx.text.find("\n", sp[1])
        e = len(ctx.text) if e < 0 else e + 1
        cls = (f.qualifier or "").split("(类)")[0].split("（类）")[0]
        siblings = [g for g in ctx.model.money() if g.metric == f.metric and ctx.model.class_of(g) == ctx.model.class_of(f)]
        has_class = len(siblings) >= 2 and any(
            name_key(g.qualifier) == name_key(cls) and g.metric.endswith("_by_function") for g in ctx.model.money())
        b = (Break("class_sum", ("R01", "R02", "R03", "R05", "R24", "R25", "R37")),) if has_class else ()
        out.append(Site("drop_item_row", s, e, "", b + tuple(ctx.model.identity_breaks(f))))
    return out


def k_total_twice(ctx):
    out = []
    for f in _money(ctx, lambda f: f.metric in ("total_expense", "total_income") and f.source == "prose" and _current(f)):
        sp = ctx.span(f)
        if sp:
            e = ctx.text.find("。", sp[1])
            if e > 0:
                label = "本年支出合计" if f.metric == "total_expense" else "本年收入合计"
                sentence = f"{label}{shifted(ctx.text[sp[0]:sp[1]])}万元。"
                out.append(Site("total_stated_twice", e + 1, e + 1, sentence,
                                (Break(f"restated:{f.metric}", ("R17", "R34", "R36")),)))
    return out


def k_rename_class(ctx):
    out = []
    for r in read_seed("renames"):
        if r["level"] == "类" and int(r["effective_year"] or 0) <= ctx.fiscal_year:
            new_core = r["new_name"].removesuffix("支出")
            old_core = r["old_name"].removesuffix("支出")
            for m in re.finditer(re.escape(new_core), ctx.text):
                out.append(Site("rename_class_to_retired_name", m.start(), m.end(), old_core,
                                (Break("retired_name", ("R38",)),)))
    return out


KINDS: tuple[Callable[[Context], list[Site]], ...] = (
    k_prose_number, k_prose_restated, k_table_cell, k_identity_part, k_class_amount, k_item_amount, k_personnel,
    k_three_public_amount, k_headline, k_income_source, k_running_cost, k_magnitude, k_negative, k_share,
    k_share_over_100, k_completion_rate, k_yoy_percent, k_yoy_amount, k_flip_increase, k_flip_growth, k_flip_budget,
    k_foreign_year_heading, k_foreign_year_body, k_xx_number, k_xx_name, k_template_residue, k_duplicate_word,
    k_duplicate_punct, k_swap_three_public, k_drop_item, k_total_twice, k_rename_class,
)
