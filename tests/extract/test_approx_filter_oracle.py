"""The approximate pre-check (loaders/extract/approx_filter.py) answers as
numbers.approximate_in on every evidence: generated texts around the approximate wordings
(full-width and compatibility forms, zero-width characters) and every fact of the samples."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.config import SAMPLES_DIR
from loaders.extract import extract_facts
from loaders.extract.approx_filter import _key_ideographs, approximate
from loaders.formats import parse_file
from loaders.numbers import approximate_in

PIECES = ["约", "大约", "近", "将近", "接近", "逾", "超过", "余", "多", "左右", "上下", "约为", "约合", " ", "\u3000",
          "\u200b", "１２", "12", "3.5", "万元", "合计", "，", "⼤", "⾄", "\uf900", "\u2f00", "增长", "以上"]


def test_the_pattern_shapes_are_understood():
    assert _key_ideographs() is not None  # else the pre-check is off and the path is slower


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=10).map("".join), st.sampled_from(["12", "3.5", "１２", "", None]))
def test_equals_approximate_in_on_generated_evidence(evidence, value_text):
    assert approximate(evidence, value_text) == approximate_in(evidence, value_text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.text(max_size=4))
def test_equals_approximate_in_on_any_text(evidence, value_text):
    assert approximate(evidence, value_text) == approximate_in(evidence, value_text)


def test_equals_approximate_in_on_every_sample_fact():
    facts = [f for p in sorted(SAMPLES_DIR.glob("*")) if p.suffix in (".txt", ".md") for f in extract_facts(parse_file(p))]
    keys = _key_ideographs()
    assert len(facts) > 100
    for f in facts:
        assert approximate(f.evidence, f.value_text) == approximate_in(f.evidence, f.value_text)
    # and through the search: evidence holding a key character, approximate or not
    for evidence, value, expected in [("约100万元", "100", True), ("支出100余万元", "100", True),
                                      ("超过预算100万元", "100", False), ("左侧100万元", "100", False)]:
        assert keys.search(evidence)
        assert approximate(evidence, value) == approximate_in(evidence, value) == expected, evidence
