"""Sentence context for the prose rules: the grammar patterns (clause delimiters, enumerators,
类/款/项 marks, comparisons, connectors), the state carried between sentences (DocState) and
within one sentence (SentCtx), and the label helpers (keyword lookup, qualifier cleaning).
Domain wordings come from seeds via ``loaders.vocab``; only grammar lives here."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ...numbers import cover_characters
from ...vocab.lexicon import Keyword, union
from ...vocab.names import three_public_match, three_public_patterns, three_public_total_pattern
from .literals import literal_plan
from .mentions import NUM


SENT_DELIMS = "。!?\n"  # the characters that end a sentence
SENT_SPLIT = re.compile("[" + SENT_DELIMS + "]")


def split_sentences(text: str) -> list[str]:
    """``SENT_SPLIT.split(text)``: every delimiter character is first made the last one, then one
    str.split (C-fast where the regex is not) cuts at each; the pieces between single delimiter
    characters are the same whichever of them stood there (tests/extract/prose/
    test_split_sentences_oracle.py compares the two)."""
    last = SENT_DELIMS[-1]
    for d in SENT_DELIMS[:-1]:
        text = text.replace(d, last)
    return text.split(last)
# "收、支总计" / "收入、支出总计" name both totals: that 、 does not end the clause
CLAUSE_DELIM = re.compile(r"[,;:]|(?<!收)(?<!收入)、|(?<=收入)、(?!支出)|其中")
# the last CLAUSE_DELIM of a label, found from the end: its matches never overlap (only 其中 is
# longer than one character and 中 starts none), so the rightmost match is the one a finditer
# over the label ends with (tests/extract/prose/test_driver_scans.py compares the two)
LAST_CLAUSE_DELIM = re.compile(r"(?s:.*)(?:" + CLAUSE_DELIM.pattern + ")")
ENUM_PREFIX = re.compile(r"^(?:[|\s*#]*)(?:\(?\d{1,2}\)|\d{1,2}[.、]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))")
# the budget / final stage of the subject just stated: "年初预算为X万元" / "支出决算为Y万元"
STAGE_ONLY = re.compile(r"^(?:年初|全年|调整后)?预算(?:数)?(?:为|是)?$|^(?:支出)?决算(?:数)?(?:为|是)?$")
PATH_MARK = re.compile(r"\((?:类|款|项)\)")
PATH_TAIL = re.compile(r"(?::)?(?:年初预算|调整后预算|预算)?(?:支出)?(?:决算数?|数)?(?:为|是|合计)?:?$")
SCORE_WORDS = re.compile(r"自评|总得分|总分|综合得分|综合评分|评价得分|最终得分|评分为|得分为|分数为|评分结果")
QUOTED = re.compile(r'"([^"\d;,。:]{2,60})"|《([^》\d;,。:]{2,60})》')
NEXT_YEAR_BUDGET = re.compile(r"(20\d\d)年(?:度)?[^,;。\d]{0,16}?(?:预算|安排)")
# "1.小型水库除险加固项目绩效自评综述:" / '"X"项目': a project whose figures follow
PROJECT_HEAD = re.compile(r'^(?:"([^"]{2,40})"|([^,;:"\d]{2,40}?))项目(?=绩效|自评|支出|情况|综述|实施|资金|:|,|\)|$)')
# a heading that leaves the project blocks (部门评价, 其他重要事项说明, the next report)
LEAVE_PROJECT = re.compile(r"部门|单位|整体|说明|名词解释|附件|公开|报告")
NOT_PROJECT = re.compile(r"部门|单位|决算|整体|年度|全部|所有|预算|其中|一级|二级|以下|各|(?<!公)共|等|本|该|重点|评价|绩效"
                         r"|阶段|常年|一次性|通过|属")
QUOTED_PROJECT = re.compile(r'"([^"\d;,。:]{2,60})"(?=项目|专项|采购|预算|资金|总投资|计划投入|实际|执行|完成支付)'
                            r'|项目名称:?"?([^",;。:]{2,40})')
# "完成小型水库除险加固12座(指标值:≥10座)": an indicator's actual value and its target
INDICATOR_OPEN = r"\((?:年度)?(?:指标值|目标值|绩效目标|目标|计划值)"
# a comparison between a target's wording and its number ("≥", "不低于")
INDICATOR_COMPARE = r"[≥≤><=]|不低于|不少于|不高于|不超过|达到|大于|小于|等于"
INDICATOR = re.compile(
    r"(?P<name>[^,;:。()\d]{2,30}?)(?P<act>" + NUM + r")(?P<au>[^\d,;:。()]{0,4}?)"
    + INDICATOR_OPEN + r"[:]?(?:" + INDICATOR_COMPARE + r"|约)*"
    r"(?P<tgt>" + NUM + r")(?P<tu>[^\d)]{0,4})\)")
# an unquoted "X项目" at the start of a clause, followed by the project's figures
NAMED_PROJECT = re.compile(r"(?:^(?:\(?\d{1,2}\)|\d{1,2}[.、]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))?|[,;:])"
                           r"(?:其中:?)?([^,;:。、\"\d()]{2,30}?)项目"
                           r"(?=[:,]?(?:的)?(?:年初预算|调整后预算|全年预算|预算(?:数|资金)|实际支出|总投资|计划投入))")
# a label that only says the amount is last year's ("基本支出246.81万元(上年238.40万元)", "与上年决算数
# 46.95万元相比"): the same subject's prior-year figure, which names no new subject
# "收入总计由上年的3,912.40万元增加到4,286.73万元": the first amount is last year's (FROM_PRIOR ends the
# text before it), the second the subject's (TO_NOW is all that lies between the two)
FROM_PRIOR_WORDS = r"(?:由|从)(?:上年度?|上一年度?|去年|(20\d\d)年度?)(?:决算数?)?的?"  # group 1: a year
FROM_PRIOR = re.compile(FROM_PRIOR_WORDS + "$")
TO_NOW = re.compile(r"(?:增加|增长|上升|提高|减少|下降|降低)(?:到|至)")
PRIOR_YEAR_LABEL = re.compile(r"(?:与|较|比|同)?(?:上年|上年度|上一年度|去年|上年同期)(?:决算数?|支出|为|是)?")
COVERAGE = re.compile(r"涉及|覆盖|共计?\d|项目\d+个")
EXPLANATION = re.compile(r"原因|因素|因为|由于")
BUDGET_WORDS = re.compile(r"预算(?:数|为|是|安排)?")
COMPLETION = re.compile(r"(?:完成|执行|达到|为)?(?:了)?(?:年初|全年|调整后|调整)?预算(?:数)?的?$|预算完成率(?:为|是)?$|完成率(?:为|是)?$|执行率(?:为|是|达)?$")


# Connector words allowed between a keyword and its number ("支出决算为", "共计" ...).
CONNECTOR_TOKENS = sorted([
    "支出决算数", "支出决算", "决算数", "决算", "支出", "金额", "总额", "资金", "合计", "共计", "累计",
    "分别", "为", "是", "达到", "达", "共", "计", "约", "有", "了", "的", ":", '"', "总计", "数",
    "实际", "全年", "本年", "年度", "财政拨款", "完成", "实现", "其中", "(", ")", "决算金额", "均", "各",
], key=len, reverse=True)
YEAR_RE = re.compile(r"(20\d\d)年")


# the leading run of connector words; alternatives in CONNECTOR_TOKENS order (longest first), so each
# step takes the same token a startswith loop over the list would
CONNECTORS_RE = re.compile("(?:" + "|".join(re.escape(t) for t in CONNECTOR_TOKENS) + ")*")


# the first character of every connector word: a text starting otherwise starts with none of them
CONNECTOR_FIRST = frozenset(t[0] for t in CONNECTOR_TOKENS)


def strip_connectors(s: str) -> str:
    """Drop connector words from the start of ``s`` until something else is left."""
    if s[:1] not in CONNECTOR_FIRST:
        return s  # CONNECTORS_RE takes nothing: its first step needs a connector word at the start
    return s[CONNECTORS_RE.match(s).end():]


def only_connectors_after(label: str, e: int) -> bool:
    """``strip_connectors(label[e:]) == ""`` without the slice (CONNECTORS_RE has no look-around,
    so matching at ``e`` in ``label`` takes what it takes in ``label[e:]``)."""
    n = len(label)
    if e >= n:
        return True
    return label[e] in CONNECTOR_FIRST and CONNECTORS_RE.match(label, e).end() == n


@dataclass(frozen=True)
class KeywordIndex:
    """The wordings of one keyword tuple, indexed by character: ``by_char[c]`` has bit ``i`` set
    when a match of wording ``i`` may hold ``c``, and ``always`` the wordings of which no required
    literal is known. Every match of wording ``i`` holds one of the literals ``literal_plan``
    reads off it, and each literal holds one of the wording's key characters: a label holding none
    of them is no place for a match, so the wording's own scan is not run over it. The same holds
    of the literals themselves (``literals[i]``, None when none is known): a label holding a key
    character but none of wording ``i``'s literals is no place for one of its matches either
    (a key character stands for every wording holding it, most labels hold one: 支)."""

    kws: tuple[Keyword, ...]
    by_char: dict[str, int]
    always: int
    chars: re.Pattern[str]  # the characters of ``by_char`` as one class
    literals: tuple[tuple[str, ...] | None, ...]  # per wording: one of them is in every match


def keyword_index(kws: tuple[Keyword, ...]) -> KeywordIndex:
    """Built once per keyword tuple (kept beside it while it lives, as ``any_keyword`` does)."""
    hit = _KEYWORD_INDEX.get(id(kws))
    if hit is None or hit.kws is not kws:
        by_char: dict[str, int] = {}
        always = 0
        literals: list[tuple[str, ...] | None] = []
        for i, kw in enumerate(kws):
            plan = literal_plan(kw.pattern)
            literals.append(plan[1] if plan else None)
            if plan is None:
                always |= 1 << i
                continue
            for ch in cover_characters(plan[1]):
                by_char[ch] = by_char.get(ch, 0) | 1 << i
        if len(_KEYWORD_INDEX) > 64:
            _KEYWORD_INDEX.clear()
        chars = character_class(frozenset(by_char))
        hit = _KEYWORD_INDEX[id(kws)] = KeywordIndex(kws, by_char, always, chars, tuple(literals))
    return hit


_KEYWORD_INDEX: dict[int, KeywordIndex] = {}


def find_keyword(label: str, keywords: tuple[Keyword, ...]) -> tuple[Keyword, re.Match[str]] | None:
    """The wording of ``keywords`` that ends last in ``label`` with only connector words after it
    (the longer one on a tie, then the earlier wording, then its earlier match). Only the
    wordings the label holds a key character and a literal of are scanned (``KeywordIndex``); the scan of each
    is the one a loop over every wording would run, in the same order (tests/extract/prose/
    test_keyword_index_oracle.py compares the two)."""
    if not isinstance(keywords, tuple):
        return _find_keyword_in(label, keywords)
    index = keyword_index(keywords)
    by_char = index.by_char
    mask = index.always
    for ch in index.chars.findall(label):
        mask |= by_char[ch]
    if not mask:
        return None
    best = None
    ends_ok: dict[int, bool] = {}
    literals = index.literals
    while mask:
        low = mask & -mask
        mask ^= low
        i = low.bit_length() - 1
        lits = literals[i]
        if lits is not None:
            for lit in lits:
                if lit in label:
                    break
            else:
                continue  # none of the literals every match of wording i holds: it has no match here
        kw = keywords[i]
        for m in kw.pattern.finditer(label):
            e = m.end()
            ok = ends_ok.get(e)
            if ok is None:
                ok = ends_ok[e] = only_connectors_after(label, e)
            if not ok:
                continue
            score = (e, e - m.start())
            if best is None or score > best[0]:
                best = (score, kw, m)
    return (best[1], best[2]) if best else None


def _find_keyword_in(label: str, keywords) -> tuple[Keyword, re.Match[str]] | None:
    """``find_keyword`` over any iterable of wordings: every one is scanned."""
    best = None
    for kw in keywords:
        for m in kw.pattern.finditer(label):
            if strip_connectors(label[m.end():]) != "":
                continue
            score = (m.end(), m.end() - m.start())
            if best is None or score > best[0]:
                best = (score, kw, m)
    return (best[1], best[2]) if best else None


def key_characters_of(patterns: tuple[re.Pattern[str], ...]) -> frozenset[str] | None:
    """Characters one of which every match of any of ``patterns`` holds (a cover of the literals
    ``literal_plan`` reads off each), or None when a pattern has no known literal."""
    keys: set[str] = set()
    for p in patterns:
        plan = literal_plan(p)
        if plan is None:
            return None
        keys.update(cover_characters(plan[1]))
    return frozenset(keys)


def character_class(keys: frozenset[str] | None) -> re.Pattern[str] | None:
    """``keys`` as one character class (a C scan of a text, without a string per character)."""
    if keys is None:
        return None
    return re.compile("[" + "".join(re.escape(c) for c in sorted(keys)) + "]") if keys else re.compile(r"(?!)")


def may_hold(keys: re.Pattern[str] | None, text: str) -> bool:
    """False when ``text`` holds none of the key characters ``keys`` (``character_class`` of
    ``key_characters_of`` some patterns): none of those patterns can match anywhere in it. None
    (no known literal): always True."""
    return keys is None or keys.search(text) is not None


@lru_cache(maxsize=None)
def three_public_item_keys() -> re.Pattern[str] | None:
    """The key characters of the 三公 component wordings (compiled once, from the seed)."""
    return character_class(key_characters_of(tuple(p for p, _ in three_public_patterns())))


@lru_cache(maxsize=None)
def three_public_total_keys() -> re.Pattern[str] | None:
    """The key characters of the 三公 total's wordings."""
    return character_class(key_characters_of((three_public_total_pattern(),)))


def three_public_item(label: str) -> tuple[str, re.Match[str]] | None:
    """The 三公 component named last in ``label`` (canonical name from the seed). A label holding
    none of the wordings' key characters names none: the wordings are not tried on it."""
    if not may_hold(three_public_item_keys(), label):
        return None
    return three_public_match(label)


def explaining(sent: str, rel: int) -> bool:
    """An amount at ``rel`` quoted to explain a change: a reason word (EXPLANATION: 原因, 由于 …)
    before it in the sentence, unless a clause after a ';' since then opens with a 三公 item (the
    next item's own figures: '…的主要原因是严格执行接待标准；公务用车运行维护费预算17.00万元，决算12.06万元')."""
    hit = EXPLANATION.search(sent, 0, rel)
    if hit is None:
        return False
    semi = sent.rfind(";", hit.end(), rel)
    while semi >= 0:
        item = three_public_item(sent[semi + 1: rel])
        if item is not None and item[1].start() <= 3:
            return EXPLANATION.search(sent, semi + 1, rel) is not None
        semi = sent.rfind(";", hit.end(), semi)
    return True


@lru_cache(maxsize=None)
def three_public_whole() -> re.Pattern[str]:
    """Every 三公 component wording as one alternation. A label that is one wording from its first
    to its last character ``fullmatch``es it; a label it does not fullmatch is no such label (the
    sentence driver's cheap test before ``three_public_item``)."""
    return re.compile(union([p.pattern for p, _ in three_public_patterns()]) or r"(?!)")


# qualifier cleaning (clean_qualifier): a year, leading and trailing filler words
YEAR_WORD_RE = re.compile(r"20\d\d年(?:度|底|末|初)?")
LEAD_FILLER_WORDS = ("其中", "全年", "我单位", "本单位", "本部门", "单位", "的", ",", ":")
LEAD_FILLER_RE = re.compile("^(?:" + "|".join(map(re.escape, LEAD_FILLER_WORDS)) + ")+")
LEAD_FILLER_FIRST = frozenset(w[0] for w in LEAD_FILLER_WORDS)  # a text starting otherwise has no lead filler
# the characters an ENUM_PREFIX match may start with, besides whitespace (``\s``: str.isspace) and
# decimal digits (``\d``: str.isdecimal); tests/extract/prose/test_qualifier_prechecks_oracle.py
ENUM_FIRST = frozenset("|*#(一二三四五六七八九十")
TAIL_FILLER_RE = re.compile(r"(?:各|分别|均|共|的|了|决算数?|支出决算数?)+$")


# the last character of every TAIL_FILLER_RE wording: a string ending otherwise (and not in a
# newline, before which $ also matches) has no tail filler
TAIL_FILLER_LAST = "各别均共的了算数"


def may_enumerate(s: str) -> bool:
    """False when ``ENUM_PREFIX`` cannot match at the start of ``s`` (its first character is none
    the pattern starts with), so the match need not be tried."""
    c = s[:1]
    return c in ENUM_FIRST or c.isspace() or c.isdecimal()


def clean_qualifier(s: str) -> str:
    s = s.strip("*# ")
    if "年" in s:  # every YEAR_WORD_RE match has one
        s = YEAR_WORD_RE.sub("", s)
    # ENUM_PREFIX and LEAD_FILLER_RE are anchored at the start: at most one match, the one .match finds
    if may_enumerate(s):
        m = ENUM_PREFIX.match(s)
        if m:
            s = s[m.end():]
    if s[:1] in LEAD_FILLER_FIRST:
        m = LEAD_FILLER_RE.match(s)
        if m:
            s = s[m.end():]
    if s[-1:] in TAIL_FILLER_LAST or s.endswith("\n"):
        s = TAIL_FILLER_RE.sub("", s)
    s = s.strip('",:;、|*# ')
    if s.startswith("(") and ")" not in s:
        s = s[1:]
    if s.endswith(")") and s.count("(") < s.count(")"):
        s = s[:-1]
    return s


@dataclass
class DocState:
    year: int | None
    fund: str | None = None  # gpb / all / govfund
    fiscal_named: bool = False  # the sentence that made the fund "all" names 财政拨款 ("财政拨款预算支出X万元，占本年支出合计的100%")
    item_prefix: str = ""
    pending_item: tuple[str, int] | None = None
    pending_tp: tuple[str, int] | None = None  # "2.公务接待费。年初预算为..." : 三公 item named in its own sentence
    project: str | None = None  # the project whose block we are in  # "(类)..(款)..(项)。" heading whose figures follow
    last_subject: str | None = None
    last_comp_prior: bool = False
    three_public_section: bool = False
    gpb_total_stated: bool = False  # the last sentence ended about the 一般公共预算财政拨款支出 total


@dataclass
class SentCtx:
    start: int
    text: str
    subject: str | None = None  # qualifier of what the sentence is about
    kind: str | None = None  # tp / gpb_item / gpb_total / project / kw / other
    change_subject: str | None = None
    change_end: int = -1  # end of the last change mention (a following % of the same subject)
    budget_pending: bool = False
    counter: str | None = None  # reception / outbound / vbuy / vhold
    budget_frame: bool = False  # "年初预算X万元,其中:..." : the items are budgets
    tp_budget_frame: bool = False  # "“三公”经费预算为X万元,其中:..." : the 三公 items are budgets
    prev_money_q: str | None = None
    prev_metric: str | None = None
    item_start: int | None = None
    item_end: int = 0  # end of the last headcount figure (a "其中X N人" after it is a subset)
    prior_bracket_end: int = -1  # end of the last "(上年X万元)" amount: a change right after it is against the prior year
    where: str | None = None  # 国内 / 外事 of the last reception count
    list_names: list = field(default_factory=list)  # names of the last "分别" list
    labels: dict = field(default_factory=dict)  # mention start -> (label, abs start, share) of "A和B分别为a、b"  # where the item named in an earlier sentence starts
    facts: list = field(default_factory=list)


def doc_year(norm: str) -> int | None:
    """The fiscal year the document reports on: a "2021年度部门决算" title, else the year
    most often named outside comparisons ("较2020年度决算数" names the prior year)."""
    m = re.search(r"(?<![较比与和同])(20\d\d)年度?(?:部门|单位)?(?:决算|\"三公\"经费(?:支出)?决算)", norm)
    if m:
        return int(m.group(1))
    years = Counter(int(y.group(1)) for y in YEAR_RE.finditer(norm)
                    if not re.search(r"[较比与和同]$", norm[max(0, y.start() - 1): y.start()]))
    return years.most_common(1)[0][0] if years else None

