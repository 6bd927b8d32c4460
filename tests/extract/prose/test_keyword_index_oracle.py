"""find_keyword scans only the wordings whose key characters the label holds (KeywordIndex): it
answers as the loop over every wording it replaced, on generated labels, on hand-made wordings
(with and without a known literal) and on every label the prose rules ask about in the kept
documents."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from keptkit import kept_documents

import loaders.extract.prose.changes as changes_module
import loaders.extract.prose.money as money_module
from loaders.extract.prose import extract_prose
from loaders.extract.prose.context import CONNECTOR_TOKENS, find_keyword, keyword_index, strip_connectors
from loaders.vocab.lexicon import Keyword, any_keyword, keywords


def _old_find_keyword(label, keywords):
    if isinstance(keywords, tuple) and not any_keyword(keywords).search(label):
        return None  # no wording anywhere in the label
    best = None
    for kw in keywords:
        for m in kw.pattern.finditer(label):
            if strip_connectors(label[m.end():]) != "":
                continue
            score = (m.end(), m.end() - m.start())
            if best is None or score > best[0]:
                best = (score, kw, m)
    return (best[1], best[2]) if best else None


def _same(got, want) -> bool:
    if got is None or want is None:
        return got is want
    return got[0] is want[0] and got[1].span() == want[1].span() and got[1].group(0) == want[1].group(0)


def _wording_pieces() -> list[str]:
    """Pieces of the seeds' wordings: the literals every match holds, their halves and characters."""
    from loaders.extract.prose.literals import literal_plan

    out: set[str] = set()
    for kw in keywords():
        plan = literal_plan(kw.pattern)
        for w in plan[1] if plan else ():
            out.update([w, w[: len(w) // 2], w[len(w) // 2:]])
            out.update(w)
    return sorted(out)


PIECES = _wording_pieces() + CONNECTOR_TOKENS + ["拨款", "资金", "、", "和", "其他", "x", "1", "(含专用结余)", "日常", "授予"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
def test_find_keyword_answers_as_the_loop_over_every_wording(label):
    assert _same(find_keyword(label, keywords()), _old_find_keyword(label, keywords()))


HAND_MADE = (
    Keyword(re.compile(r"收入|支出"), "a", None),
    Keyword(re.compile(r"(?<!拨款)收入(?:总计)?"), "b", ""),
    Keyword(re.compile(r"[\u4e00-\u9fff]{3}"), "c", None),  # no literal known: scanned over every label
    Keyword(re.compile(r"支出(?:决算)?"), "d", None),
    Keyword(re.compile(r"费"), "e", None),
)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(["收入", "支出", "拨款", "总计", "决算", "费", "会议", "为", "是", "的", "x", "收", "入"]),
                max_size=7).map("".join))
def test_hand_made_wordings_with_and_without_a_literal(label):
    assert _same(find_keyword(label, HAND_MADE), _old_find_keyword(label, HAND_MADE))
    assert _same(find_keyword(label, list(HAND_MADE)), _old_find_keyword(label, list(HAND_MADE)))


def test_the_index_names_every_wording_and_marks_the_unknown_ones():
    index = keyword_index(HAND_MADE)
    assert index.always == 1 << 2
    covered = index.always
    for bits in index.by_char.values():
        covered |= bits
    assert covered == (1 << len(HAND_MADE)) - 1
    assert keyword_index(HAND_MADE) is index  # built once per tuple
    seeds = keyword_index(keywords())
    assert seeds.always == 0 and len(seeds.by_char) < 3 * len(keywords())


def test_every_label_of_the_kept_documents(monkeypatch):
    asked: list[str] = []

    def checked(label, kws):
        asked.append(label)
        got = find_keyword(label, kws)
        assert _same(got, _old_find_keyword(label, kws)), label
        return got

    monkeypatch.setattr(money_module, "find_keyword", checked)
    monkeypatch.setattr(changes_module, "find_keyword", checked)
    for doc in kept_documents():
        extract_prose(doc)
    assert len(asked) > 300
