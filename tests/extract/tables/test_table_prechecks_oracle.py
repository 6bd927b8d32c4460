"""Round 2 of issue 13: literal pre-checks in front of the unit patterns (unit_in needs 单位,
label_unit needs 元) and the header pre-check's loops (_may_read_table, once nested any/all
generators) answer as the code they replaced, kept here."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.tables import dispatch
from loaders.extract.tables.grid import LABEL_UNIT_RE, UNIT_RE, label_unit, unit_in
from loaders.vocab.tables import kind_rules


def _old_unit_in(text: str) -> str | None:
    m = UNIT_RE.search(text)
    return m.group(1) if m else None


def _old_label_unit(text: str) -> str | None:
    m = LABEL_UNIT_RE.search(text)
    return m.group(1) if m else None


def _old_may_read_table(h: str, rules) -> bool:
    if not rules:
        return False
    return any(all(any(a in h for a in alts) for alts in parts) for parts in rules)


UNIT_PIECES = st.sampled_from(["金额", "单位", "单", "位", ":", "：", " ", "\u3000", "\n", "亿元", "万元", "千元", "百元",
                               "元", "万", "(", "（", ")", "）", "x", "1"])
TEXTS = st.one_of(st.text(max_size=20), st.lists(UNIT_PIECES, max_size=12).map("".join))


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_unit_prechecks_equal_the_plain_search(text):
    assert unit_in(text) == _old_unit_in(text)
    assert label_unit(text) == _old_label_unit(text)


def _rule_words() -> list[str]:
    words = [a for parts in dispatch._table_reading_rules() for alts in parts for a in alts]
    return words or ["项目", "指标"]


WORDS = _rule_words()
RULES = st.lists(st.lists(st.lists(st.sampled_from(WORDS + ["无此词"]), max_size=3).map(tuple), max_size=3).map(tuple),
                 max_size=3).map(tuple)
HEADS = st.lists(st.sampled_from(WORDS + ["x", ""]), max_size=6).map("".join)


@settings(max_examples=1500, deadline=None)
@given(HEADS, RULES)
def test_may_read_table_loops_equal_the_generators(head, rules):
    import pytest

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(dispatch, "_table_reading_rules", lambda: rules)
        assert dispatch._may_read_table(head) == _old_may_read_table(head, rules)


def test_may_read_table_on_the_real_rules():
    rules = dispatch._table_reading_rules()
    assert kind_rules()  # the rules load
    for head in ["", *WORDS, "".join(WORDS), "项目名称三级指标", "预算执行情况"]:
        assert dispatch._may_read_table(head) == _old_may_read_table(head, rules)
