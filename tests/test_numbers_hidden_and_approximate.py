"""Zero-width / bidi characters inside a number do not make it vanish (the evidence keeps them);
amounts printed as 约/近/余/多 are flagged approximate, never stored as exact."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.extract import extract_facts
from loaders.formats import parse_bytes
from loaders.numbers import approximate_in, parse_number

HEAD = "某单位2023年度部门决算\n一、收入支出决算总体情况说明\n"


def facts_of(body: str):
    return extract_facts(parse_bytes((HEAD + body + "\n").encode("utf-8"), "x.txt"))


@pytest.mark.parametrize("hidden", ["\u200b", "\u200d", "\u200e", "\u202e", "\u2066", "\ufeff", "\u2060"])
def test_invisible_characters_inside_a_number(hidden):
    assert parse_number(f"1{hidden},145.52") == Decimal("1145.52")
    printed = f"1{hidden}23.4{hidden}5"
    facts = facts_of(f"2023年度收、支总计{printed}万元。")
    totals = [f for f in facts if f.metric == "total_income_expense"]
    assert totals and {f.value for f in totals} == {Decimal("123.45")}
    doc_text = HEAD + f"2023年度收、支总计{printed}万元。\n"
    for f in totals:
        assert printed in f.evidence  # the evidence is the original text
        assert doc_text[f.location.char_start:f.location.char_end] == f.evidence


@pytest.mark.parametrize("body,approx", [
    ("2023年度收、支总计约100.00万元。", True),
    ("2023年度收、支总计近100.00万元。", True),
    ("2023年度收、支总计100.00余万元。", True),
    ("2023年度收、支总计100.00多万元。", True),
    ("2023年度收、支总计100.00万元。", False),
])
def test_approximate_amounts_are_flagged(body, approx):
    facts = [f for f in facts_of(body) if f.value == Decimal("100.00")]
    # an approximate amount may also be left out; an exact one must be there
    assert facts or approx
    assert all(f.approximate == approx for f in facts), [(f.metric, f.evidence, f.approximate) for f in facts]


def test_an_approximate_amount_is_never_emitted_as_exact():
    facts = facts_of("2023年度收、支总计约100.00万元。")
    assert facts, "the extractor should see the total"
    assert all(f.approximate for f in facts if f.value == Decimal("100.00"))


def test_approximate_in_checks_every_printing():
    assert approximate_in("支出约1.5万元，收入1.5万元", "1.5")  # conservative when printed twice
    assert not approximate_in("收入1.5万元", "1.5")
    assert approximate_in("共3余人", "3")
    assert not approximate_in("约定支出1.5万元", "1.5")  # 约定 ... is not next to the number


def test_the_approximate_pre_check_keys_come_from_the_wordings():
    """is_approximate's and extract's pre-checks skip text holding none of the key characters: the
    keys are read off APPROX_BEFORE / APPROX_AFTER, so every wording there holds one of them (a
    wording added there is never skipped), and a pattern of another shape turns the pre-check off."""
    import re

    from loaders.numbers import APPROX_AFTER, APPROX_BEFORE, approx_key_characters

    for pattern in (APPROX_BEFORE, APPROX_AFTER, re.compile(r"(?:差不多|约|大概)\s*$")):
        keys = approx_key_characters(pattern)
        words = re.search(r"\(\?:(.*?)\)", pattern.pattern).group(1).split("|")
        assert keys and all(any(k in w for k in keys) for w in words), (pattern.pattern, keys)
    assert approx_key_characters(re.compile(r"约\d+")) is None
    assert approx_key_characters(re.compile(r"(?i)(?:about)")) is None
