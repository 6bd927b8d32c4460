"""three_public_item and the 三公-total scan of the money rules skip only labels holding none of
the wordings' key characters: they answer as the plain calls (kept here) on generated labels
and on labels cut from every sentence of the kept documents."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st
from keptkit import kept_documents

from loaders.extract.prose.context import (SENT_SPLIT, character_class, key_characters_of, may_hold, three_public_item,
                                           three_public_item_keys, three_public_total_keys)
from loaders.extract.prose.literals import literal_plan
from loaders.vocab.names import three_public_match, three_public_patterns, three_public_total_pattern


def _old_three_public_item(label):
    return three_public_match(label)


def _same(a, b):
    if a is None or b is None:
        return a is b
    return a[0] == b[0] and a[1].span() == b[1].span() and a[1].re is b[1].re


def _pieces() -> list[str]:
    out = {"三公", "\"三公\"", "经费", "支出", "费", "国内", "外事", "国(境)外", "及", "和", "运行", "维护", "x", "1", "为"}
    for p, _ in three_public_patterns():
        for w in (literal_plan(p) or (False, ()))[1]:
            out.update([w, w[: len(w) // 2], w[len(w) // 2:]])
    return sorted(out)


PIECES = _pieces()


def _total_spans(label):
    return [m.span() for m in three_public_total_pattern().finditer(label)]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=7).map("".join))
def test_the_keys_skip_only_labels_without_a_wording(label):
    assert _same(three_public_item(label), _old_three_public_item(label))
    if not may_hold(three_public_total_keys(), label):
        assert _total_spans(label) == []


def test_the_keys_cover_every_wording():
    items, total = three_public_item_keys(), three_public_total_keys()
    assert items is not None and total is not None
    for p, _ in three_public_patterns():
        for w in literal_plan(p)[1]:
            assert items.search(w), w
    for w in literal_plan(three_public_total_pattern())[1]:
        assert total.search(w), w
    keys = key_characters_of((three_public_total_pattern(),))
    assert keys and all(total.fullmatch(c) for c in keys)
    import re
    assert key_characters_of((re.compile(r"\d+"),)) is None and may_hold(None, "")
    assert character_class(frozenset()).search("任何") is None and character_class(frozenset("(]")).fullmatch("]")


def test_every_sentence_of_the_kept_documents():
    rnd = random.Random(7)
    n = 0
    for doc in kept_documents():
        for sent in SENT_SPLIT.split(doc.text):
            for _ in range(3):
                a = rnd.randint(0, len(sent))
                label = sent[a: a + rnd.randint(0, 24)]
                assert _same(three_public_item(label), _old_three_public_item(label)), label
                if not may_hold(three_public_total_keys(), label):
                    assert _total_spans(label) == []
                n += 1
            assert _same(three_public_item(sent), _old_three_public_item(sent))
    assert n > 3000
