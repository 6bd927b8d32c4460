"""The prose driver's fast scans give the answers of the plain per-sentence searches they
replace: the whole-text cue scans (prescan.py), the mention scanner, the last clause delimiter,
the flat lexicon alternations and the 三公-heading pre-test. Each is compared with the plain form
on random texts over the characters the patterns care about and on the sample documents."""

from __future__ import annotations

import random
import re
from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract.prose import prescan, sentences
from loaders.extract.prose.changes import COMP_RE, COMP_START
from loaders.extract.prose.context import (CLAUSE_DELIM, LAST_CLAUSE_DELIM, LEAVE_PROJECT, NEXT_YEAR_BUDGET,
                                           PATH_MARK, SENT_DELIMS, SENT_SPLIT, YEAR_RE, three_public_item,
                                           three_public_whole)
from loaders.extract.prose.indicators import indicator_cue
from loaders.extract.prose.mentions import MENTION_RE, find_mentions
from loaders.extract.prose.prescan import SentenceHits, sentence_local
from loaders.vocab.lexicon import any_cue, cue, union
from loaders.vocab.names import three_public_patterns

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.*"))

# characters the driver's patterns turn on, delimiters, digits and some filler
ALPHABET = list("。!?\n,;:、()\"|#*. -/~a5万元亿%人次批辆个名分收入支出其中总计合年度预算安排较上比同和与对去类款项"
                "三公经费因出国境务用车购置及运行维护接待一般共财政拨款基本性基金本政府有资产绩效指标值目标部门单位整体说明"
                "0123456789２")


def _random_texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 120))) for _ in range(n)]


def _sample_texts() -> list[str]:
    from loaders.extract.document import view_of
    from loaders.formats import parse_file

    return [view_of(parse_file(p)).prose.text for p in SAMPLES]


def test_split_sentences_is_the_regex_split():
    from loaders.extract.prose.context import split_sentences

    for text in _random_texts(500, 9) + _sample_texts() + ["", "。", "\n\n", "a。b!c?d\ne"]:
        assert split_sentences(text) == SENT_SPLIT.split(text)


def _sentences(text: str) -> tuple[list[int], list[str]]:
    sents = SENT_SPLIT.split(text)
    starts, pos = [], 0
    for s in sents:
        starts.append(pos)
        pos += len(s) + 1
    return starts, sents


def _driver_patterns() -> list[re.Pattern[str]]:
    return [cue("leave_three_public"), any_cue("fund_gpb", "fund_govfund", "fund_all"), PATH_MARK, LEAVE_PROJECT,
            COMP_RE, COMP_START, indicator_cue(), YEAR_RE, NEXT_YEAR_BUDGET]


def test_sentence_local_tells_apart_the_patterns_a_whole_text_scan_may_answer_for():
    assert sentence_local(PATH_MARK, SENT_DELIMS)
    assert sentence_local(COMP_RE, SENT_DELIMS)
    assert sentence_local(re.compile(r"\d+年"), SENT_DELIMS)
    assert not sentence_local(NEXT_YEAR_BUDGET, SENT_DELIMS)  # [^,;。\d] also matches "\n"
    assert not sentence_local(re.compile(r"(?<!国内)公务接待"), SENT_DELIMS)  # looks outside its span
    assert not sentence_local(re.compile(r"^预算"), SENT_DELIMS)
    assert not sentence_local(re.compile(r"预算|"), SENT_DELIMS)  # matches the empty string
    assert not sentence_local(re.compile(r"预算.支出"), SENT_DELIMS)
    assert not sentence_local(re.compile(r"[^a]"), SENT_DELIMS)
    assert not sentence_local(re.compile(r"收[。,]"), SENT_DELIMS)


@pytest.mark.parametrize("seed", range(4))
def test_whole_text_hits_equal_a_search_per_sentence(seed):
    texts = _random_texts(60, seed)
    texts.append("\n".join(texts))
    if seed == 0:
        texts += _sample_texts()
    for text in texts:
        starts, sents = _sentences(text)
        hits = SentenceHits(text, starts, sents, SENT_DELIMS)
        for pat in _driver_patterns() + [re.compile("三公"), re.compile(r"(?<!国内)公务接待"), three_public_whole(),
                                         re.compile(r"^(?:年初)?预算|支出$"), re.compile(r"收入?(?:决算)+数"),
                                         re.compile(r"比(?=上年)|较(?!预算)"), re.compile(r"[a-c]预算"), re.compile("A公")]:
            expect = {k for k, s in enumerate(sents) if pat.search(s)}
            assert hits.of(pat) == expect, pat.pattern
        for word in ("三公", "项目", "预算"):
            assert hits.literal(word) == {k for k, s in enumerate(sents) if word in s}


@pytest.mark.parametrize("seed", range(3))
def test_mention_scanner_finds_what_mention_re_finds(seed):
    rnd = random.Random(seed)
    alphabet = list("0123456789,.,万元亿百千%人次批辆个名分a-/~_ 。)\"') ٣２")
    texts = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80))) for _ in range(400)]
    if seed == 0:
        texts += _sample_texts()
    for text in texts:
        expect = []
        for m in MENTION_RE.finditer(text):
            num = m.group(1)
            if len(num.split(".")[0].replace(",", "")) > 10:
                continue
            expect.append((m.start(1), m.end(2), m.end(1), "万元" if m.group(2) == "万" else m.group(2),
                           Decimal(num.replace(",", ""))))
        got = [(x.start, x.end, x.num_end, x.unit, x.value) for x in find_mentions(text)]
        assert got == expect


@pytest.mark.parametrize("seed", range(3))
def test_last_clause_delimiter_is_where_a_finditer_ends(seed):
    rnd = random.Random(seed)
    alphabet = list(",;:、收入支出其中项目预算a")
    for _ in range(3000):
        label = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        end = 0
        for d in CLAUSE_DELIM.finditer(label):
            end = d.end()
        m = LAST_CLAUSE_DELIM.match(label)
        assert (m.end() if m else 0) == end, label


def test_flat_union_is_the_grouped_alternation():
    pats = [r"一般公共预算(?:财政拨款)?(?:基本)?支出", "政府性基金|国有资本经营", "支出(?:合计)?|总支出", "a|", "(?<!国内)公务"]
    flat, grouped = re.compile(union(pats)), re.compile("|".join(f"(?:{p})" for p in pats))
    for text in _random_texts(300, 7) + ["一般公共预算财政拨款基本支出合计", "国内公务", "a"]:
        assert [m.span() for m in flat.finditer(text)] == [m.span() for m in grouped.finditer(text)]
    assert union(["(?i)abc", "d"]) == "(?:(?i)abc)|(?:d)"  # a global flag keeps its group (as before)


def test_a_label_that_is_one_three_public_wording_fullmatches_the_union():
    labels = ["公务接待费", "公务用车购置及运行维护费", "因公出国(境)费", "公务用车运行费", "国内公务接待费", "车辆运行维护费",
              "公务用车购置费", "公务用车购置和运行费用", "三公经费"] + _random_texts(3000, 11)
    labels += ["".join(random.Random(k).sample(w, len(w))) for k, w in enumerate(labels[:9])]
    whole = three_public_whole()
    for label in labels:
        hit = three_public_item(label)
        if hit and hit[1].start() == 0 and hit[1].end() == len(label):
            assert whole.fullmatch(label), label
    assert whole.fullmatch("公务接待费") and not whole.fullmatch("国内公务接待费")
    assert len(three_public_patterns()) >= 5


def _facts(text: str) -> list[tuple]:
    from prosekit import facts

    return [(f.metric, str(f.value), f.unit, f.qualifier, f.evidence, f.location.to_json() if f.location else None)
            for f in facts(text)]


# the sentence kinds the driver's state steps turn on: fund and section cues, a 类/款/项 heading
# and its figures, a 三公 item heading, a project heading, an indicator pair, a change list, the
# next year's budget, blank lines and a heading that leaves the projects
DRIVER_TEXT = """(一)一般公共预算财政拨款支出情况
2023年度一般公共预算财政拨款支出1,000.00万元,占本年支出合计的80.00%。

一般公共服务支出(类)人大事务(款)行政运行(项)。年初预算为10.00万元,支出决算为12.00万元,完成年初预算的120.00%。
政府性基金预算财政拨款支出200.00万元,比上年增加20.00万元,增长11.11%。
"三公"经费支出情况
2.公务接待费。年初预算为3.00万元,支出决算为2.50万元。
国内公务接待12批次,108人次。
政府采购支出总额50.00万元。
1.小型水库除险加固项目绩效自评综述:
项目年初预算100.00万元,实际支出90.00万元,自评得分95分。
完成小型水库除险加固12座(指标值:≥10座)。
"三公"经费支出比上年减少0.94万元。其中:因公出国(境)费、公务接待费分别为1.00万元、2.00万元,分别下降3.00%、4.00%。
减少的主要原因是厉行节约,压减1.00万元。
2025年预算安排50.00万元。
三、部门整体支出绩效说明
机关运行经费支出30.00万元。"""


def test_driver_with_whole_text_scans_equals_the_driver_searching_each_sentence(monkeypatch):
    """The driver with every cue scan forced onto the per-sentence fallback (no literal plans, no
    whole-text scans, no empty-sentence shortcut) emits the same facts as the driver as it runs,
    over texts shuffled from the samples."""
    pieces = [s for t in _sample_texts() for s in SENT_SPLIT.split(t)]
    rnd = random.Random(5)
    lines = DRIVER_TEXT.split("\n")
    texts = [DRIVER_TEXT] + ["\n".join(rnd.sample(lines, len(lines))) for _ in range(20)] + _sample_texts()
    for _ in range(12):
        chosen = rnd.sample(pieces, min(len(pieces), 150))
        texts.append("".join(s + rnd.choice("。\n\n!") for s in chosen))
    fast = [_facts(t) for t in texts]
    assert any(fast)
    monkeypatch.setattr(prescan, "sentence_local", lambda pattern, delims: False)
    monkeypatch.setattr(prescan, "literal_plan", lambda pattern: None)
    monkeypatch.setattr(sentences, "literal_plan", lambda pattern: None)
    monkeypatch.setattr(sentences, "_empty_sentence_is_inert", lambda: False)
    assert [_facts(t) for t in texts] == fast


def _clean_qualifier_plain(s: str) -> str:
    from loaders.extract.prose.context import ENUM_PREFIX, LEAD_FILLER_RE, TAIL_FILLER_RE, YEAR_WORD_RE

    s = s.strip("*# ")
    s = YEAR_WORD_RE.sub("", s)
    s = ENUM_PREFIX.sub("", s)
    s = LEAD_FILLER_RE.sub("", s)
    s = TAIL_FILLER_RE.sub("", s)
    s = s.strip('",:;、|*# ')
    if s.startswith("(") and ")" not in s:
        s = s[1:]
    if s.endswith(")") and s.count("(") < s.count(")"):
        s = s[:-1]
    return s


def test_clean_qualifier_with_its_pre_checks_equals_the_plain_substitutions():
    from loaders.extract.prose.context import TAIL_FILLER_RE, TAIL_FILLER_LAST, clean_qualifier

    # every tail-filler wording ends in one of TAIL_FILLER_LAST (the pre-check's premise)
    from re import _parser

    from loaders.extract.prose.literals import _expand
    words = _expand(list(_parser.parse(TAIL_FILLER_RE.pattern[:-2])))  # the wordings, without "+$"
    assert words and all(w[-1] in TAIL_FILLER_LAST for w in words)
    rnd = random.Random(3)
    alphabet = list("2021年度底末初其中全年我本单位部门的,:各分别均共了决算数支出(1)一、.#* \n\"|项目费")
    labels = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16))) for _ in range(6000)]
    labels += ["2021年度一般公共预算支出决算数", "(一)其中:公务接待费的\n", "1.本部门机关运行经费各"]
    for label in labels:
        assert clean_qualifier(label) == _clean_qualifier_plain(label), repr(label)


def test_literal_plan_reads_the_strings_off_the_pattern():
    from loaders.extract.prose.literals import literal_plan

    assert literal_plan(re.compile(r"政府采购|国有资产")) == (True, tuple(sorted(("国有资产", "政府采购"))))
    assert literal_plan(re.compile(r"一般公共预算(?:财政拨款)?支出")) == (True, ("一般公共预算支出", "一般公共预算财政拨款支出"))
    assert literal_plan(re.compile(r"支出(?:决算)?")) == (True, ("支出",))  # 支出决算 contains 支出
    assert literal_plan(re.compile(r"(20\d\d)年度预算")) == (False, ("年度预算",))
    assert literal_plan(re.compile(r"\d+|预算")) is None  # one alternative has no literal
    assert literal_plan(re.compile(r"(?:预算)?")) is None  # matches the empty string
    assert literal_plan(re.compile(r"abc", re.I)) is None


def _driver_facts(cls, text: str) -> list[tuple]:
    from loaders.extract.document import prose_text
    from loaders.extract.prose.builder import FactBuilder
    from loaders.model import ParsedDocument

    doc = ParsedDocument(format="txt", text=text, blocks=[])
    nt = prose_text(doc)
    fb = FactBuilder(doc, nt)
    cls(fb, nt.text, None).run()
    return [(f.metric, str(f.value), f.unit, f.qualifier, f.direction if hasattr(f, "direction") else None, f.evidence,
             f.location.to_json() if f.location else None) for f in fb.facts]


def test_driver_emits_what_the_per_sentence_driver_of_58600d9_emits():
    """The oracle: the driver as it was before the scans (reference_driver.py) on the driver text,
    its line shuffles, the samples and texts shuffled from their sentences."""
    from reference_driver import ReferenceExtractor

    rnd = random.Random(8)
    lines = DRIVER_TEXT.split("\n")
    pieces = [s for t in _sample_texts() for s in SENT_SPLIT.split(t)]
    texts = [DRIVER_TEXT] + ["\n".join(rnd.sample(lines, len(lines))) for _ in range(30)] + _sample_texts()
    texts += ["".join(s + rnd.choice("。\n\n!") for s in rnd.sample(pieces, min(len(pieces), 120))) for _ in range(8)]
    texts += ["\n".join(rnd.choice(lines) + rnd.choice(["", "。", "\n", ":"]) for _ in range(12)) for _ in range(40)]
    emitted = 0
    for text in texts:
        new = _driver_facts(sentences.SentenceExtractor, text)
        assert new == _driver_facts(ReferenceExtractor, text), text
        emitted += len(new)
    assert emitted > 500
