"""The driver reads only the live sentences (a mention, or a cue its plain-sentence steps turn on)
and answers the fund cues from their hit sets: the same facts and the same final state as the
driver of 37bc8b4, which read every sentence and searched each fund cue in the sentence. The old
``run`` / ``_fund_named`` are kept here as the oracle; compared on the samples, the driver text
of test_driver_scans.py, its line shuffles and random texts over the characters the cues turn on."""

from __future__ import annotations

import dataclasses
import random
from itertools import accumulate
from pathlib import Path

from loaders.extract.prose import sentences
from loaders.extract.prose.context import SENT_DELIMS, SENT_SPLIT, split_sentences, three_public_whole
from loaders.extract.prose.mentions import Mention, find_mentions
from loaders.extract.prose.prescan import SentenceHits, literal_plan
from loaders.extract.prose.sentences import SentenceExtractor, _empty_sentence_is_inert
from loaders.vocab.lexicon import any_cue, cue

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.*"))
ALPHABET = list("。!?\n,;:、()\"|#*. 5万元%人次批辆个分收入支出其中总计年度预算安排较上比同和与对类款项三公经费因出国境"
                "务用车购置运行接待一般共财政拨款基本性基金政府有资产绩效指标值目标部门单位整体说明项目自评综述1.一、")
WORDS = ["一般公共预算财政拨款支出", "政府性基金预算财政拨款支出", "本年支出合计", "\"三公\"经费支出情况", "机关运行经费",
         "一般公共服务支出(类)", "人大事务(款)", "行政运行(项)", "年初预算为", "支出决算为", "2.公务接待费", "公务接待费",
         "1.小型水库除险加固项目绩效自评综述:", "比上年增加", "(指标值:≥10座)", "2025年预算安排", "三、部门整体支出绩效说明",
         "二、其他重要事项说明", "# 附件", "比上年有所增加", "与预算相比", "较上年", "其中:", "增加的主要原因是", "实际支出90.00万元", "10.00万元", "12批次", "95分", "7.03%", "其中:", "减少的主要原因是", "#", "\n", "。", "\n\n"]


class _HeadingOnRead:
    """The heading step as it was at 37bc8b4: ``_project_heading`` run on the sentence when it is read."""

    def __init__(self, sents: list[str], heading):
        self.sents, self.heading = sents, heading

    def get(self, k: int) -> str | None:
        sent = self.sents[k]
        return self.heading(sent) if "项目" in sent else None


class PreviousDriver(SentenceExtractor):
    """``run``, ``_fund_named``, the project-heading step and the comparison step of a sentence
    without amounts (run when the sentence is read) as they were at 37bc8b4."""

    def run(self) -> None:
        norm = self.norm
        sents = split_sentences(norm)
        starts = list(accumulate([len(x) + 1 for x in sents[:-1]], initial=0))
        hits = SentenceHits(norm, starts, sents, SENT_DELIMS)
        self._fund_gpb, self._fund_govfund, self._fund_all = cue("fund_gpb"), cue("fund_govfund"), cue("fund_all")
        self._h_leave3 = hits.of(cue("leave_three_public"))
        self._h_fund = hits.of(any_cue("fund_gpb", "fund_govfund", "fund_all"))
        self._h_path = hits.of(sentences.PATH_MARK)
        self._h_comp = hits.of(sentences.COMP_START)
        self._h_indicator = hits.of(sentences.indicator_cue())
        self._h_next_year = hits.gate(sentences.NEXT_YEAR_BUDGET)
        tp_plan = literal_plan(three_public_whole())
        self._h_tp = hits.literals(tp_plan[1]) if tp_plan else None
        if self._h_next_year is None:
            self._h_next_year = set(range(len(sents)))
        self._headings = _HeadingOnRead(sents, self._project_heading)
        self._sents, self._starts, self._deferred_comp, self._read_upto = sents, starts, [], 0  # every comparison is run in its sentence
        empty_ok = _empty_sentence_is_inert()
        by_sentence: dict[int, list[Mention]] = {}
        for m in find_mentions(norm):
            by_sentence.setdefault(hits.sentence_of[m.start], []).append(m)
        st = self.state
        for k, sent in enumerate(sents):
            ms = by_sentence.get(k)
            if ms:
                self.sentence(starts[k], sent, ms, k)
            elif sent or not empty_ok:
                self._plain_sentence(starts[k], sent, k)
            else:
                st.pending_item = st.pending_tp = None
                st.gpb_total_stated = False

    def _fund_named(self, sent: str, k: int) -> None:
        if self._fund_gpb.search(sent):
            self.state.fund = "gpb"
        elif self._fund_govfund.search(sent) and "支出" in sent:
            self.state.fund = "govfund"
        elif self._fund_all.search(sent):
            self.state.fund = "all"
            self.state.fiscal_named = "财政拨款" in sent  # (state added 2026-12-04: the driver's own rule)


def _outcome(cls, text: str) -> tuple[list[tuple], dict]:
    from loaders.extract.document import prose_text
    from loaders.extract.prose.builder import FactBuilder
    from loaders.model import ParsedDocument

    doc = ParsedDocument(format="txt", text=text, blocks=[])
    nt = prose_text(doc)
    fb = FactBuilder(doc, nt)
    ex = cls(fb, nt.text, None)
    ex.run()
    facts = [(f.metric, str(f.value), f.unit, f.qualifier, f.direction, f.evidence,
              f.location.to_json() if f.location else None) for f in fb.facts]
    return facts, dataclasses.asdict(ex.state)


def _texts() -> list[str]:
    from loaders.extract.document import view_of
    from loaders.formats import parse_file
    from test_driver_scans import DRIVER_TEXT

    rnd = random.Random(13)
    samples = [view_of(parse_file(p)).prose.text for p in SAMPLES]
    # headings that leave a project block with no other cue in them
    lines = DRIVER_TEXT.split("\n") + ["二、其他重要事项说明", "# 附件", "比上年有所增加", "与预算相比", "较上年", "其中:", "增加的主要原因是", "实际支出90.00万元。"]
    # comparisons stated without an amount, then a sentence going on about the change
    lines += ["支出比上年有所增加", "与年初预算相比有所减少", "比2019年有所下降", "较上年度基本持平", "2030年预算安排较上年增加",
              "其中:公务接待费增加1.00万元,增长5.00%", "增加的主要原因是人员增加,增加2.00万元"]
    pieces = [s for t in samples for s in SENT_SPLIT.split(t)]
    texts = [DRIVER_TEXT, "", "\n", "。\n。"] + samples
    texts += ["\n".join(rnd.sample(lines, len(lines))) for _ in range(40)]
    texts += ["\n".join(rnd.choice(lines) + rnd.choice(["", "。", "\n", ":", "\n\n"]) for _ in range(14)) for _ in range(60)]
    texts += ["".join(s + rnd.choice("。\n\n!") for s in rnd.sample(pieces, min(len(pieces), 100))) for _ in range(8)]
    texts += ["".join(rnd.choice(WORDS) if rnd.random() < 0.4 else rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 90)))
              for _ in range(1500)]
    return texts


def test_reading_only_the_live_sentences_gives_the_facts_and_state_of_reading_every_sentence():
    emitted = 0
    for text in _texts():
        new = _outcome(SentenceExtractor, text)
        assert new == _outcome(PreviousDriver, text), text
        emitted += len(new[0])
    assert emitted > 500


def test_with_a_cue_matching_the_empty_sentence_empty_sentences_are_read(monkeypatch):
    """The fallback branch: were a cue to match "", the blank lines go through _plain_sentence."""
    monkeypatch.setattr(sentences, "_empty_sentence_is_inert", lambda: False)
    for text in _texts()[:120]:
        assert _outcome(SentenceExtractor, text) == _outcome(PreviousDriver, text), text


def test_a_scan_from_sentence_first_is_the_whole_scan_cut_at_first(monkeypatch):
    """``SentenceHits.of(p, first)`` / ``literals(words, first)``: the hits of the whole scan at
    sentences ``>= first``, on each of its three paths (literal plan, whole-text scan, per-sentence
    fallback)."""
    from loaders.extract.prose import prescan
    from loaders.extract.prose.changes import COMP_RE
    from loaders.extract.prose.context import LEAVE_PROJECT, NEXT_YEAR_BUDGET, PATH_MARK

    patterns = [cue("leave_three_public"), cue("fund_all"), LEAVE_PROJECT, PATH_MARK, COMP_RE, NEXT_YEAR_BUDGET]
    rnd = random.Random(21)
    texts = _texts()[::7]
    for fallback in (False, True):
        if fallback:
            monkeypatch.setattr(prescan, "literal_plan", lambda pattern: None)
        for text in texts:
            sents = split_sentences(text)
            starts = list(accumulate([len(x) + 1 for x in sents[:-1]], initial=0))
            hits = SentenceHits(text, starts, sents, SENT_DELIMS)
            for p in patterns:
                whole = hits.of(p)
                assert whole == {k for k, s in enumerate(sents) if p.search(s)}
                for first in {0, 1, len(sents) // 2, len(sents) - 1, len(sents), rnd.randrange(len(sents) + 1)}:
                    assert hits.of(p, first) == {k for k in whole if k >= first}, (p.pattern, first)
            words = ("三公", "项目", "支出", "。")
            every = hits.literals(words)
            for first in (0, 1, len(sents) // 2, len(sents)):
                assert hits.literals(words, first) == {k for k in every if k >= first}
