"""Blocks -> facts. Facts from tables and from prose are both kept; the warehouse decides
which one wins (tables) and keeps the other as corroborating evidence."""

from __future__ import annotations

from ..gcpause import gc_paused
from ..model import Fact, ParsedDocument
from ..numbers import to_wan
from .approx_filter import approximate

# Bump when extraction changes what a document yields: `juesuan reload --stale` re-extracts every
# document whose raw.documents.extractor_version differs (loaders/store/reload.py).
EXTRACTOR_VERSION = "2026.12.4.11"  # 2026.12.4.11: listed names holding 和; 2026.12.4.10: 指标值…，实际完成B, a share in brackets; 2026.12.4.9: a unit printed once after a list, an amount all of one 三公 item, 经济分类 sub-lists in brackets; 2026.12.4.8: comma-separated text tables, 预算 year columns, 一般公共预算拨款 table titles; 2026.12.4.7: one change of both stated totals, shares after a bracketed breakdown, a 三公 item after a reason; 2026.12.4.6: a 预算's lists after its budget totals, income by source on a 收入决算表's 合计 row, 结转结余 project columns, 元/亩 indicators, counts before their noun; 2026.12.4.5: "由上年的a增加到b", infographic cards read as prose; 2026.12.4.4: all-funds 款/项, colon-named amounts, inline 三公 headings, form-line indicators; 2026.12.4.3: a bracketed prior-year amount names no subject; 2026.12.4.2: target-first indicators, projects opening a paragraph, paired shares, word-separated tables (2026.12.4: gap tables, card rows, 政府性基金 sections, 均为 lists)


@gc_paused
def extract_facts(doc: ParsedDocument) -> list[Fact]:
    """Every fact the document states, in document order, with amount_wan filled in and
    subject codes resolved (codes printed in the document's tables first, then the code lists)."""
    from .prose import extract_prose
    from .subjects import apply_subjects
    from .tables import extract_tables
    from .budget_measure import as_budget_document
    from .prose.budget import extract_budget_prose, extract_final_budget_figures, new_facts
    from .document import view_of

    view = view_of(doc)  # kind and normalised prose, once per document
    facts = extract_tables(doc, budget=view.is_budget) + extract_prose(doc, view.prose, budget=view.is_budget)
    if view.is_budget:  # 预算: its narrative wordings, and the 决算 metric names (issue 10)
        facts = as_budget_document(facts + new_facts(extract_budget_prose(doc, view.prose), facts))
    else:  # a 决算's own budget figures (年初预算为 … 万元) for the budget-vs-final mart
        facts += new_facts(extract_final_budget_figures(doc, view.prose), facts)
    apply_subjects(facts)
    for f in facts:
        if f.amount_wan is None:
            f.amount_wan = to_wan(f.value, f.unit)
        if not f.approximate:  # 约/余/多: never exact
            f.approximate = approximate(f.evidence, f.value_text)
    facts.sort(key=lambda f: (f.location.char_start or 0, f.metric))
    return facts
