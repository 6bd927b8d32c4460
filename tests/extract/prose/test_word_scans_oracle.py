"""``SentenceHits.literals`` (one regex search per group of words sharing a first character, a
``str.find`` per one-character word) gives the sentences of the per-word ``str.find`` scan it
replaced, kept here as the oracle: on the sample documents and random texts, for every word set
the driver asks (the cue plans, "项目", "三公") and for random word sets with shared prefixes,
overlapping words, one-character words, delimiters and the empty word, from every first sentence."""

from __future__ import annotations

import random
from itertools import accumulate
from pathlib import Path

from loaders.extract.prose import sentences
from loaders.extract.prose.context import SENT_DELIMS, split_sentences, three_public_whole
from loaders.extract.prose.prescan import SentenceHits, literal_plan
from loaders.vocab.lexicon import any_cue, cue

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.*"))
ALPHABET = list("。!?\n,;:、()|#*. 5万元%一般公共预算支出财政拨款基本政府性基金国有资本经营总合计本年决算表情况绩效收入采购机关运行经费"
                "类款项上与同和对比较目标指标值计划年度公开单位报告整体说明部门附件名词解释接待车辆维护购置出国境因务三")


def per_word_literals(hits: SentenceHits, words, first: int = 0) -> set[int]:
    """``SentenceHits.literals`` as it was at 7c00aaa: one ``str.find`` scan per word."""
    starts, text, out, sid = hits.starts, hits.text, set(), hits.sentence_of
    n, delims = len(starts), hits.delims
    if first >= n:
        return out
    for word in words:
        if any(d in word for d in delims):
            continue
        p = text.find(word, starts[first])
        while p != -1:
            k = sid[p]
            out.add(k)
            if k + 1 >= n:
                break
            p = text.find(word, starts[k + 1])
    return out


def _hits(text: str) -> SentenceHits:
    sents = split_sentences(text)
    starts = list(accumulate([len(x) + 1 for x in sents[:-1]], initial=0))
    return SentenceHits(text, starts, sents, SENT_DELIMS)


def _driver_word_sets() -> list[tuple[str, ...]]:
    pats = [cue(n) for n in ("fund_gpb", "fund_govfund", "fund_all", "leave_three_public")]
    pats += [any_cue("fund_gpb", "fund_govfund", "fund_all"), sentences.PATH_MARK, sentences.COMP_START,
             sentences.indicator_cue(), sentences.LEAVE_PROJECT, sentences.NEXT_YEAR_BUDGET, three_public_whole()]
    plans = [literal_plan(p) for p in pats]
    return [plan[1] for plan in plans if plan] + [("项目",), ("三公",)]


def _random_word_sets(rnd: random.Random, n: int) -> list[tuple[str, ...]]:
    out = []
    for _ in range(n):
        words = []
        for _ in range(rnd.randint(1, 7)):
            w = "".join(rnd.choice(ALPHABET) for _ in range(rnd.choice([0, 1, 1, 2, 2, 3, 4])))
            if words and rnd.random() < 0.5:  # a shared first character, a prefix, an overlap
                base = rnd.choice(words)
                w = rnd.choice([base[:1] + w, base + w, base[1:] + w, base[:-1]])
            words.append(w)
        out.append(tuple(words))
    return out


def _texts(rnd: random.Random) -> list[str]:
    from loaders.extract.document import view_of
    from loaders.formats import parse_file

    samples = [view_of(parse_file(p)).prose.text for p in SAMPLES]
    randoms = ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 150))) for _ in range(400)]
    return ["", "。", "\n\n"] + samples + randoms


def test_grouped_scans_find_the_sentences_of_one_find_per_word():
    rnd = random.Random(1307)
    driver_sets = _driver_word_sets()
    checked = 0
    for text in _texts(rnd):
        hits = _hits(text)
        n = len(hits.sents)
        for words in driver_sets + _random_word_sets(rnd, 12):
            for first in {0, 1, n // 2, n - 1, n, rnd.randrange(n + 1)}:
                got = hits.literals(words, first)
                assert got == per_word_literals(hits, words, first), (text, words, first)
                checked += len(got)
    assert checked > 5000


def test_the_driver_asks_shared_prefix_groups():
    """The sets where the grouping is the saving: several words behind one first character."""
    sets = _driver_word_sets()
    assert any(len(ws) > 1 and len({w[0] for w in ws}) < len(ws) for ws in sets)
