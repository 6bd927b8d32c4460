"""find_keyword skips a candidate wording (one whose key character the label holds) when the
label holds none of the literals ``literal_plan`` says every match of it holds: it answers as
the character-index-only find_keyword it replaced (kept here), on generated labels built from
the wordings' literals and their halves, on hand-made wordings (literal known or not) and on
every label the money and change rules ask about in the kept documents."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from keptkit import kept_documents

import loaders.extract.prose.changes as changes_module
import loaders.extract.prose.money as money_module
from loaders.extract.prose import extract_prose
from loaders.extract.prose.context import CONNECTOR_TOKENS, find_keyword, keyword_index, only_connectors_after
from loaders.extract.prose.literals import literal_plan
from loaders.vocab.lexicon import Keyword, keywords


def _index_only_find_keyword(label, kws):
    """The former find_keyword: every wording a key character of the label stands for is scanned."""
    index = keyword_index(kws)
    mask = index.always
    for ch in index.chars.findall(label):
        mask |= index.by_char[ch]
    best = None
    while mask:
        low = mask & -mask
        mask ^= low
        kw = kws[low.bit_length() - 1]
        for m in kw.pattern.finditer(label):
            if not only_connectors_after(label, m.end()):
                continue
            score = (m.end(), m.end() - m.start())
            if best is None or score > best[0]:
                best = (score, kw, m)
    return (best[1], best[2]) if best else None


def _same(got, want) -> bool:
    if got is None or want is None:
        return got is want
    return got[0] is want[0] and got[1].span() == want[1].span() and got[1].group(0) == want[1].group(0)


def _pieces() -> list[str]:
    out: set[str] = set()
    for kw in keywords():
        plan = literal_plan(kw.pattern)
        for w in plan[1] if plan else ():
            out.update([w, w[:2], w[-2:], w[: len(w) // 2], w[len(w) // 2:]])
            out.update(w)
    return sorted(out)


PIECES = _pieces() + CONNECTOR_TOKENS + ["、", "和", "其他", "x", "1", "预算", "结转", "支"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_the_literal_skip_answers_as_the_index_alone(label):
    assert _same(find_keyword(label, keywords()), _index_only_find_keyword(label, keywords()))


HAND_MADE = (
    Keyword(re.compile(r"收入|支出"), "a", None),
    Keyword(re.compile(r"(?<!拨款)收入(?:总计)?"), "b", ""),
    Keyword(re.compile(r"[\u4e00-\u9fff]{3}"), "c", None),  # no literal known: never skipped
    Keyword(re.compile(r"支出(?:决算)?总额"), "d", None),
    Keyword(re.compile(r"(?:年初|上年)结转(?:和|与)?结余"), "e", None),
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["收入", "支出", "总额", "拨款", "总计", "决算", "年初", "上年", "结转", "结余", "和",
                                 "为", "是", "x", "收", "支", "结"]), max_size=7).map("".join))
def test_hand_made_wordings(label):
    assert _same(find_keyword(label, HAND_MADE), _index_only_find_keyword(label, HAND_MADE))


def test_the_index_keeps_each_wordings_literals():
    index = keyword_index(HAND_MADE)
    assert index.literals[2] is None
    assert set(index.literals[0]) == {"收入", "支出"} and index.literals[4] is not None
    for kw, lits in zip(keywords(), keyword_index(keywords()).literals):
        assert lits == literal_plan(kw.pattern)[1]


def test_every_label_of_the_kept_documents(monkeypatch):
    asked: list[str] = []

    def checked(label, kws):
        asked.append(label)
        got = find_keyword(label, kws)
        assert _same(got, _index_only_find_keyword(label, kws)), label
        return got

    monkeypatch.setattr(money_module, "find_keyword", checked)
    monkeypatch.setattr(changes_module, "find_keyword", checked)
    for doc in kept_documents():
        extract_prose(doc)
    assert len(asked) > 300
