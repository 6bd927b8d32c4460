"""The money rules look a label's 三公 wordings up once (money.three_public_named, kept per
extractor by label): it answers as the two former inline lookups (kept here), on generated
labels and on labels cut from every sentence of the kept documents, and a repeated label gets
the first answer back. The memo is sound because both lookups read only the label and the seed."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from keptkit import kept_documents

from loaders.extract.prose.context import SENT_SPLIT, may_hold, three_public_item, three_public_total_keys
from loaders.extract.prose.money import MoneyRules, three_public_named
from loaders.vocab.names import three_public_match, three_public_total_pattern

PIECES = ["三公", "\"三公\"", "经费", "支出", "费", "公务接待", "因公出国(境)", "公务用车", "购置", "运行维护",
          "及", "和", "合计", "总计", "预算", "决算", "为", "1", "x", ",", "其中"]


def _old_lookups(label: str):
    """The former lines of ``_money``: three_public_item, then the last total match."""
    tp_item = three_public_match(label)
    tp_total = None
    if may_hold(three_public_total_keys(), label):
        for tp_total in three_public_total_pattern().finditer(label):
            pass
    return tp_item, tp_total


def _key(hit):
    item, total = hit
    return ((item[0], item[1].span(), item[1].re.pattern) if item else None,
            (total.span(), total.group(0)) if total else None)


def _check(label: str) -> None:
    assert _key(three_public_named(label)) == _key(_old_lookups(label)), label
    assert _key((three_public_item(label), None))[0] == _key(_old_lookups(label))[0]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_named_is_the_two_lookups(label: str) -> None:
    _check(label)


def test_the_memo_answers_a_label_once() -> None:
    rules = MoneyRules()
    first = rules._label_three_public("公务接待费支出")
    assert rules._label_three_public("公务接待费支出") is first
    assert _key(first) == _key(_old_lookups("公务接待费支出"))
    assert MoneyRules()._label_tps is None  # each extractor has its own


def test_labels_of_the_kept_documents() -> None:
    rnd = random.Random(11)
    n = 0
    for doc in kept_documents():
        for sent in SENT_SPLIT.split(doc.text):
            for _ in range(3):
                a = rnd.randint(0, len(sent))
                _check(sent[a: a + rnd.randint(0, 24)])
                n += 1
    assert n > 3000
