"""The hard-break rule's line tests, made cheaper (a unit line is looked for only in a line holding
单位, a heading end is a suffix test on the stripped line, an item start is not NFKC-folded after
an ordinary CJK ideograph), answer as the rule as it was: ``_ref_is_hard_break`` and
``_ref_normalize`` of tests/test_textnorm_fast_oracle.py (the 37bc8b4 rule, verbatim), on lines
built to hit those tests; and the facts the shortcuts rest on are checked here."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st
from test_textnorm_fast_oracle import _ref_is_hard_break, _ref_normalize

from loaders.textnorm import (_ENUM_IDEOGRAPHS, _ENUM_START, _HEADING_END, _HEADING_WORDS, _NO_ITEM_PUNCTUATION,
                              _UNIT_LINE, _UNIT_WORD, _distinct_chars, _is_hard_break, normalize_with_map)


def test_the_patterns_are_the_ones_before():
    """Built from their word lists now; the same patterns as the literals they were."""
    assert _ENUM_START.pattern == (
        r"(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、．]|\d{1,2}\.(?!\d)"
        r"|第[一二三四五六七八九十\d]{1,3}部分|[•·●■◆▲])")
    assert _HEADING_END.pattern == r"(?:说明|情况|如下|表|概况|职能|职责|设置|构成|公开|目录|解释)\s*$"
    assert _UNIT_LINE.pattern == r"\s*(?:金额)?单位\s*[:：]\s*(?:万元|亿元|千元|百元|元)\s*"
    assert _UNIT_WORD in _UNIT_LINE.pattern.replace("(?:金额)?", "")


def test_an_ordinary_ideograph_stays_first_under_nfkc_and_starts_no_item():
    """U+4E00-U+9FFF: no decomposition, no digit, and no character decomposes to one of them
    followed by anything (so none composes with what follows); so an NFKC fold of a string starting
    with one starts with it, and _ENUM_START (each alternative opens with a bracket, a digit, a
    bullet or one of _ENUM_IDEOGRAPHS) cannot match there."""
    block = range(0x4E00, 0xA000)
    for cp in block:
        c = chr(cp)
        assert unicodedata.decomposition(c) == "" and not c.isdigit() and unicodedata.combining(c) == 0, hex(cp)
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp)).split()
        if d and not d[0].startswith("<"):  # canonical: may recompose
            assert not (len(d) >= 2 and int(d[0], 16) in block), hex(cp)
    tails = ["", "、", "\u0301", "\u3099", "）", "1", "一、", "\uff10", "部分"]
    for cp in block:
        c = chr(cp)
        for tail in tails:
            folded = unicodedata.normalize("NFKC", c + tail)
            assert folded[0] == c
            if c not in _ENUM_IDEOGRAPHS:
                assert _ENUM_START.match(folded) is None, (c, tail)


def test_the_ascii_punctuation_skipped_stays_first_under_nfkc_and_starts_no_item():
    """_NO_ITEM_PUNCTUATION: ASCII punctuation, no decomposition, no digit, and no canonical
    decomposition starts with one (nothing composes with it), so an NFKC fold of a string starting
    with one starts with it; and no alternative of _ENUM_START opens with one."""
    import string

    assert _NO_ITEM_PUNCTUATION == frozenset(string.punctuation) - set("(<=>")
    starts = set(_NO_ITEM_PUNCTUATION)
    for c in starts:
        assert unicodedata.decomposition(c) == "" and not c.isdigit()
    for cp in range(0x110000):
        d = unicodedata.decomposition(chr(cp)).split()
        if d and not d[0].startswith("<"):
            assert not (len(d) >= 2 and chr(int(d[0], 16)) in starts), hex(cp)
    for c in starts:
        for tail in ["", "\u0338", "\u0301", "一、", "1.", "(一)", "第一部分", "•"]:
            folded = unicodedata.normalize("NFKC", c + tail)
            assert folded[0] == c and _ENUM_START.match(folded) is None, (c, tail)


def test_a_heading_end_on_a_stripped_line_is_a_suffix():
    for w in _HEADING_WORDS:
        for s in (w, "情况" + w, w + "x", "x" + w + " ", "\n" + w, w + "\n"):
            assert bool(_HEADING_END.search(s.strip())) == s.strip().endswith(_HEADING_WORDS)


LINE_PIECES = st.sampled_from(
    ["收入", "支出", "合计", "万元", "一", "二、", "十", "第", "第2部分", "第二部分", "（一）", "(3)", "3.", "12、", "１．",
     "•", "㈠", "⑴", "⒈", "说明", "情况", "如下", "表", "目录", "解释", "单位", "金额单位", "单位：万元", "单位:元",
     "：", ":", "元", "亿元", "项目", "决算数", "科目编码", "%", "12", "1,234.56", "--", "-5", "。", "，", " ", "\u3000",
     "\u200b", "\ufeff", "\t", "|", "｜", "\u0301", "\u0338", "<", "=", "[", "-", "#", "(", "e", "— 6 —", "第3页", "[bookmark: x]", "Ａ"])
LINES = st.lists(st.lists(LINE_PIECES, max_size=8).map("".join), min_size=1, max_size=8).map("\n".join)


@settings(max_examples=4000, deadline=None)
@given(LINES)
@example("收入\n二、支出")
@example("收入\n第二部分")
@example("收入\n十分")
@example("收入说明 \n支出")
@example("收入\n单位：万元")
@example("金额单位:元\n支出")
@example("收入\n\u200b一、支出")
@example("收入\ne\u0301")
@example("收入\n<\u0338")
@example("收入\n[bookmark: x]\n（一）")
@example("收入\n— 6 —\n单位：万元")
@example("收入\n— 6 —\n\u200b（一）支出")
def test_line_rules_answer_as_before(text):
    for m in re.finditer(r"\s+", text):
        if "\n" in m.group():
            before = text[:m.start()].rstrip()
            prev = before[-1] if before else ""
            assert _is_hard_break(text, m.start(), m.end(), prev) == _ref_is_hard_break(text, m.start(), m.end(), prev)
    nt = normalize_with_map(text)
    assert (nt.text, nt.runs_at, nt.runs_from, nt.runs_step) == _ref_normalize(text)


@settings(max_examples=1500, deadline=None)
@given(st.text(max_size=120), st.integers(0, 40))
@example("", 0)
@example("，，（）", 1)
@example("abcabc", 2)
def test_distinct_chars_is_set(s, rounds):
    assert _distinct_chars(s, rounds) == set(s)
    assert _distinct_chars(s) == set(s)
