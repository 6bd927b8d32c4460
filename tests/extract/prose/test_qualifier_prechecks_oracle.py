"""The first-character pre-checks of the label helpers skip only what their patterns cannot
match: strip_connectors, only_connectors_after (find_keyword's test of what follows a wording),
clean_qualifier's enumerator and lead-filler steps, and the project heading's 项目 reach. Each
is compared with the plain form it short-cuts (kept here), on generated texts and on the kept
documents' prose facts."""

from __future__ import annotations

import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from keptkit import kept_documents

import loaders.extract.prose.context as ctx
from loaders.extract.prose import extract_prose
from loaders.extract.prose.context import (CONNECTOR_TOKENS, CONNECTORS_RE, ENUM_FIRST, ENUM_PREFIX, LEAD_FILLER_RE,
                                           PROJECT_HEAD, clean_qualifier, may_enumerate, only_connectors_after,
                                           strip_connectors)
from loaders.extract.prose.projects import PROJECT_HEAD_REACH, ProjectRules


def _old_strip_connectors(s):
    return s[CONNECTORS_RE.match(s).end():]


def _old_project_heading(sent):
    from loaders.extract.prose.context import NOT_PROJECT

    if "项目" not in sent:
        return None
    raw = sent.strip("#* ")
    body = ENUM_PREFIX.sub("", raw, count=1).lstrip("(")
    m = PROJECT_HEAD.match(body)
    if not m:
        return None
    name = (m.group(1) or m.group(2) or "").strip(':"')
    heading = body != raw or re.match(r"项目(?:绩效|自评)", body[m.end() - 2:]) is not None
    if m.group(2) and (NOT_PROJECT.search(name) or not heading or ("项目" in name and not raw.startswith("("))):
        return None
    if len(name) < 2:
        return None
    return name if m.group(1) else name + "项目"


LABEL_PIECES = CONNECTOR_TOKENS + ["基本工资", "支", "决", "x", "1", " ", "\u3000", "|", "#", "(1)", "一、", "二", "其中",
                                   "全年", "本单位", "单位", "的", ",", ":", "项目", "\"", "2021年度", "\n", "٣", "\t"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=8).map("".join), st.integers(0, 30))
def test_connector_prechecks_answer_as_the_pattern(label, e):
    assert strip_connectors(label) == _old_strip_connectors(label)
    e = min(e, len(label))
    assert only_connectors_after(label, e) == (_old_strip_connectors(label[e:]) == "")


def _old_clean_qualifier(s):
    s = s.strip("*# ")
    if "年" in s:  # every ctx.YEAR_WORD_RE match has one
        s = ctx.YEAR_WORD_RE.sub("", s)
    # ctx.ENUM_PREFIX and ctx.LEAD_FILLER_RE are anchored at the start: at most one match, the one .match finds
    m = ctx.ENUM_PREFIX.match(s)
    if m:
        s = s[m.end():]
    m = ctx.LEAD_FILLER_RE.match(s)
    if m:
        s = s[m.end():]
    if s[-1:] in ctx.TAIL_FILLER_LAST or s.endswith("\n"):
        s = ctx.TAIL_FILLER_RE.sub("", s)
    s = s.strip('",:;、|*# ')
    if s.startswith("(") and ")" not in s:
        s = s[1:]
    if s.endswith(")") and s.count("(") < s.count(")"):
        s = s[:-1]
    return s


def _old_clean_qualifier_steps(s):
    m = ENUM_PREFIX.match(s)
    if m:
        s = s[m.end():]
    m = LEAD_FILLER_RE.match(s)
    if m:
        s = s[m.end():]
    return s


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(LABEL_PIECES), max_size=8).map("".join))
def test_clean_qualifier_prechecks(label):
    assert (ENUM_PREFIX.match(label) is None) or may_enumerate(label)
    from loaders.extract.prose.context import LEAD_FILLER_FIRST
    assert (LEAD_FILLER_RE.match(label) is None) or label[:1] in LEAD_FILLER_FIRST
    # the steps as clean_qualifier runs them
    got = label
    if may_enumerate(got):
        m = ENUM_PREFIX.match(got)
        got = got[m.end():] if m else got
    if got[:1] in LEAD_FILLER_FIRST:
        m = LEAD_FILLER_RE.match(got)
        got = got[m.end():] if m else got
    assert got == _old_clean_qualifier_steps(label)
    assert clean_qualifier(label) == _old_clean_qualifier(label)


def test_may_enumerate_reads_the_pattern_first_characters_for_every_character():
    """Exhaustive: a character ENUM_PREFIX's first step can take is in ENUM_FIRST, whitespace
    (re's \\s) or a decimal digit (re's \\d)."""
    first = re.compile(r"[|\s*#]|\(|\d|[一二三四五六七八九十]")  # ENUM_PREFIX's possible first characters
    for cp in range(0x110000):
        c = chr(cp)
        assert bool(first.match(c)) == may_enumerate(c), hex(cp)
    assert all(first.match(c) for c in ENUM_FIRST)


def test_the_project_head_reach_is_read_off_the_pattern():
    from re import _parser

    tree = _parser.parse(PROJECT_HEAD.pattern)
    ops = [op for op, _ in tree]
    assert str(ops[0]) == "AT" and str(ops[1]) == "BRANCH" and [tree[2][1], tree[3][1]] == [ord("项"), ord("目")]
    lo, hi = _parser.SubPattern(tree.state, [tree[1]]).getwidth()
    assert (lo, hi + len("项目")) == (2, PROJECT_HEAD_REACH)


HEAD_PIECES = ["1.", "(一)", "一、", "#", "*", " ", "(", "\"", "小型水库", "除险加固", "项目", "绩效", "自评", "综述", ":", ",",
               "部门", "x" * 10, "y" * 19, "1", ")"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(HEAD_PIECES), max_size=10).map("".join))
def test_project_heading_answers_as_before(sent):
    assert ProjectRules._project_heading(sent) == _old_project_heading(sent)


def test_every_sentence_and_label_of_the_kept_documents():
    from loaders.extract.prose.context import SENT_SPLIT

    n = 0
    rnd = random.Random(5)
    for doc in kept_documents():
        for sent in SENT_SPLIT.split(doc.text):
            assert ProjectRules._project_heading(sent) == _old_project_heading(sent)
            for _ in range(2):
                a = rnd.randint(0, len(sent))
                label = sent[a: a + rnd.randint(0, 16)]
                assert strip_connectors(label) == _old_strip_connectors(label)
                assert clean_qualifier(label) == _old_clean_qualifier(label)
            n += 1
        for f in extract_prose(doc):
            assert clean_qualifier(f.evidence) == _old_clean_qualifier(f.evidence)
            assert strip_connectors(f.evidence) == _old_strip_connectors(f.evidence)
    assert n > 1000
