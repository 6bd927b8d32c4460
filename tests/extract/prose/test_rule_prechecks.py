"""The cheap pre-checks of the prose rules skip only labels their patterns cannot match."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.prose.changes import CHANGE_CHAR, CHANGE_WORD_RE, DIRECTION_RE, DIRECTION_WORDS


def _alternatives(source: str) -> list[str]:
    return [w for w in source.strip("()").split("|") if w]


def test_every_change_wording_holds_a_change_character():
    words = _alternatives(DIRECTION_WORDS) + _alternatives(CHANGE_WORD_RE.pattern) + ["增幅", "降幅", "减幅"]
    assert len(words) > 15
    for w in words:
        assert CHANGE_CHAR.search(w), w


PIECES = ["增加", "减少", "增长", "下降", "降低", "上升", "提高", "缩减", "压减", "节约", "增幅", "降幅", "减幅", "增", "减",
          "较上年", "同比", "分别", "了", "为", "是", "幅度", "率", "支出", "预算", "/", "万元", "上", "提", "节"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=6).map("".join))
def test_a_label_without_a_change_character_matches_no_change_pattern(label):
    if not CHANGE_CHAR.search(label):
        assert DIRECTION_RE.search(label) is None and CHANGE_WORD_RE.search(label) is None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES + [",", ";", "各", "均", "分", "别"]), max_size=8).map("".join))
def test_a_sentence_without_a_trigger_character_has_no_list_trigger(sent):
    from loaders.extract.prose.changes import _LIST_TRIGGER, _LIST_TRIGGER_CHAR

    if not _LIST_TRIGGER_CHAR.search(sent):
        assert _LIST_TRIGGER.search(sent) is None
    assert bool(_LIST_TRIGGER.search(sent)) <= bool(_LIST_TRIGGER_CHAR.search(sent))


def test_the_label_keyword_memo_answers_as_find_keyword():
    from loaders.extract.prose.context import find_keyword
    from loaders.extract.prose.money import MoneyRules
    from loaders.vocab.lexicon import keywords

    rules = MoneyRules()
    labels = ["支出决算为", "一般公共预算财政拨款支出", "基本支出", "项目支出决算为", "其他", "", "支出决算为",
              "财政拨款收入总计", "基本支出"]
    for label in labels * 2:
        got, want = rules._label_keyword(label), find_keyword(label, keywords())
        assert (got is None) == (want is None)
        if got is not None:
            assert got[0] is want[0] and got[1].span() == want[1].span() and got[1].group(0) == want[1].group(0)
    assert sum(find_keyword(label, keywords()) is not None for label in labels) >= 3
