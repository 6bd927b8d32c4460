"""The one-pass normaliser (plain stretches folded in bulk, an event matcher for whitespace runs,
bookmarks and odd characters) gives exactly what the per-character loop it replaced gave: the
same text and the same map, on random strings full of the characters that make it hard."""

import unicodedata
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders import textnorm
from loaders.textnorm import (QUOTES, RADICALS, _BOOKMARK, _CELL_VALUE, _ENUM_START, _HARD_END, _HEADER_CELL, _HEADING_END,
                              _FORM_LINE, _FORM_LINE_CHARS, _NUMBERED_HEADING_CHARS, _PAGE_FOOTER, _SOFT_END, _UNIT_LINE, _WS, _is_hard_break, normalize_with_map)


def _old_fold_char(c: str) -> str:
    if len(c) == 1 and unicodedata.category(c) == "Cf":
        return ""
    if c in RADICALS:
        return RADICALS[c]
    if c in QUOTES:
        return QUOTES[c]
    f = unicodedata.normalize("NFKC", c)
    if f in QUOTES:
        return QUOTES[f]
    return f.replace("−", "-").replace("﹪", "%")


# the hard-break rule before its tests were reordered (cheap ones first)
def _old_is_hard_break(text: str, ws_start: int, ws_end: int, prev_char: str, run: str | None = None) -> bool:
    run = text[ws_start:ws_end] if run is None else run
    nxt = _old_fold_char(text[ws_end]) if ws_end < len(text) else ""
    pc = _old_fold_char(prev_char)
    if (pc.isdigit() or pc == "万") and nxt and nxt in "万元%" and "\t" not in run:
        return False  # a page break inside "26.12 万|元" or "91.91|万元"
    if run.count("\n") >= 2 or "\t" in run:
        return True
    # one table cell per line: a bare number (or --) next to a short line is a cell, not a wrap
    prev_full = text[text.rfind("\n", 0, ws_start) + 1: ws_start].strip()
    nl = text.find("\n", ws_end)
    next_full = text[ws_end: len(text) if nl < 0 else nl].strip()
    if (_CELL_VALUE.fullmatch(prev_full) and len(next_full) <= 40) or \
            (_CELL_VALUE.fullmatch(next_full) and len(prev_full) <= 24):
        return True
    if _UNIT_LINE.fullmatch(prev_full) or _UNIT_LINE.fullmatch(next_full):
        return True
    # a row label one cell per line: the line after the next one is a bare number
    nl2 = text.find("\n", nl + 1) if nl >= 0 else -1
    after_full = text[nl + 1: len(text) if nl2 < 0 else nl2].strip() if nl >= 0 else ""
    if _CELL_VALUE.fullmatch(after_full) and 0 < len(next_full) <= 40 and 0 < len(prev_full) <= 24 \
            and not _CELL_VALUE.fullmatch(next_full):
        return True
    if 0 < len(prev_full) <= 14 and 0 < len(next_full) <= 14 and _HEADER_CELL.fullmatch(prev_full) \
            and _HEADER_CELL.fullmatch(next_full):
        return True  # header cells one per line (科目编码 / 科目名称 / 决算数)
    if prev_char in _HARD_END or _old_fold_char(prev_char) in _HARD_END:
        return True
    nxt_line = text[ws_end: ws_end + 12]
    if _ENUM_START.match(unicodedata.normalize("NFKC", nxt_line)):
        return True
    prev_line = text[text.rfind("\n", 0, ws_start) + 1: ws_start].strip()
    if _HEADING_END.search(prev_line) and len(prev_line) <= 60:
        return True
    # one "key：value" field per line on both sides (the rule added on 2026-12-04)
    if 0 < len(prev_full) <= _FORM_LINE_CHARS and 0 < len(next_full) <= _FORM_LINE_CHARS \
            and _FORM_LINE.match(prev_full) and _FORM_LINE.match(next_full):
        return True
    # a short numbered heading ends its line (the rule added on 2026-12-04)
    if 0 < len(prev_full) <= _NUMBERED_HEADING_CHARS and prev_full[-1] not in _SOFT_END \
            and _ENUM_START.match(unicodedata.normalize("NFKC", prev_full[:12])):
        return True
    # table rows: the previous or next line holds tab- or "|"-separated cells
    line_start = text.rfind("\n", 0, ws_start) + 1
    next_end = text.find("\n", ws_end)
    next_end = len(text) if next_end < 0 else next_end
    prev_row, next_row = text[line_start:ws_start], text[ws_end:next_end]
    return any(sep in prev_row or sep in next_row for sep in ("\t", "|", "｜"))


def _old_normalize(text: str) -> tuple[str, list[int], list[int]]:
    """The per-character loop of loaders/textnorm.py before issue 13 (the oracle)."""
    inv = lambda c: len(c) == 1 and unicodedata.category(c) == "Cf"  # noqa: E731
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    skip = {m.start(): m.end() for m in _BOOKMARK.finditer(text)}
    i, n = 0, len(text)
    prev = ""
    while i < n:
        if i in skip:
            i = skip[i]
            continue
        c = text[i]
        if inv(c):
            i += 1
            continue
        if c in _WS or c.isspace():
            j = i
            while j < n and (text[j] in _WS or text[j].isspace()) and not inv(text[j]):
                j += 1
            run = text[i:j]
            if run.endswith("\n") and out:
                fm = _PAGE_FOOTER.match(text, j)
                if fm and fm.end() + 1 < n and fm.end() > j:
                    k = fm.end() + 1
                    while k < n and (text[k] in _WS or text[k].isspace()):
                        k += 1
                    run, j = run + text[fm.end() + 1:k], k
            nxt = text[j] if j < n else ""
            last_out = out[-1] if out else ""
            if "\n" in run and out and _old_is_hard_break(text, i, j, prev, run):
                if last_out != "\n":
                    nl = text.index("\n", i)
                    out.append("\n"), starts.append(nl), ends.append(nl + 1)
            elif "\t" in run and out and last_out not in "|\n":
                t = text.index("\t", i)
                out.append("|"), starts.append(t), ends.append(t + 1)
            elif last_out.isdigit() and _old_fold_char(nxt)[:1].isdigit():
                out.append(" "), starts.append(i), ends.append(i + 1)
            i = j
            continue
        for ch in _old_fold_char(c):
            if ch.isspace():
                continue
            out.append(ch), starts.append(i), ends.append(i + 1)
        prev = c
        i += 1
    return "".join(out), starts, ends


HARD = list("收入支出合计万元年度。；：，,.%％|（）()1234567890１２３４５") + [
    " ", "  ", "\n", "\n\n", "\t", "\u3000", "\xa0", "\u2002", "\r\n",
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u202a", "\u202e", "\u2060", "\u2066", "\ufeff", "\u00ad",
    "…", "⑴", "㎡", "①", "½", "¨", "ﬁ", "−", "﹪", "“", "”", "「", "」", "＂", "⻔", "⺈", "⻓",
    "e\u0301", "\u0301", "[bookmark: _Toc1]", "[bookmark:", "]", "— 6 —", "第3页", "- 12 -",
    "单位：万元", "项目", "决算数", "（一）", "二、", "3.", "说明", "表", "𠀀", "\U0001d7ce",
]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(HARD), max_size=80).map("".join))
@example("合计\n\n\u200b\t12\t34")  # a tab run after a hard break, an invisible char between
@example("收入\n\n[bookmark: _Toc1]\t支出\t5")
@example("12\u200b 34 \u200b 5…6\n— 6 —\n7万元")
def test_same_text_and_map_as_the_per_character_loop(text):
    nt = normalize_with_map(text)
    assert (nt.text, nt.starts, nt.ends) == _old_normalize(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_same_on_arbitrary_unicode(text):
    nt = normalize_with_map(text)
    assert (nt.text, nt.starts, nt.ends) == _old_normalize(text)


def test_same_on_the_sample_documents():
    for p in sorted(Path("data/samples").glob("*")):
        text = p.read_text(encoding="utf-8")
        nt = normalize_with_map(text)
        assert (nt.text, nt.starts, nt.ends) == _old_normalize(text), p.name


def test_characters_outside_the_candidate_class_never_fold():
    """The bulk path only looks at characters the candidate matcher finds: all others must be
    whitespace or fold to themselves."""
    for cp in [*range(0x80), *range(0x4E00, 0xA000), 0x3001, 0x3002]:
        c = chr(cp)
        assert textnorm._CANDIDATE.match(c) is None
        assert c.isspace() or _old_fold_char(c) == c, hex(cp)


def test_no_format_character_is_whitespace():
    """The event matcher reads whitespace runs with \\s+, which must stop at a Cf character."""
    assert not any(unicodedata.category(chr(cp)) == "Cf" and chr(cp).isspace() for cp in range(0x110000))


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(HARD + ["\n"] * 8), max_size=60).map("".join))
@example("12\n万元")
@example("合计\n12.5\n收入")
def test_reordered_hard_break_rule_equals_the_old_order(text):
    """Every whitespace run holding a line break: the rule with its cheap tests first answers
    as the rule in its old order did."""
    import re

    for m in re.finditer(r"\s+", text):
        if "\n" not in m.group():
            continue
        before = text[:m.start()].rstrip()
        prev = before[-1] if before else ""
        assert _is_hard_break(text, m.start(), m.end(), prev) == _old_is_hard_break(text, m.start(), m.end(), prev)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HARD), max_size=40).map("".join), st.data())
def test_map_kept_as_runs_answers_as_the_per_character_list(text, data):
    """orig_span and start_of read from the runs give what the per-character list gives."""
    nt = normalize_with_map(text)
    starts = nt.starts
    assert len(starts) == len(nt.text)
    for a in range(-len(starts), len(starts)):
        assert nt.start_of(a) == starts[a]
    if starts:
        a = data.draw(st.integers(0, len(starts) - 1))
        b = data.draw(st.integers(0, len(starts)))
        want = (starts[a], starts[a]) if b <= a else (starts[a], starts[b - 1] + 1)
        assert nt.orig_span(a, b) == want
    for bad in (len(starts), -len(starts) - 1):
        try:
            nt.start_of(bad)
        except IndexError:
            pass
        else:
            raise AssertionError(bad)
