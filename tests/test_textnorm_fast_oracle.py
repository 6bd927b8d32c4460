"""The normaliser and its map, as rewritten for speed (bulk whitespace runs, the hard-break rule
read once per line, char-for-char lookup runs), give exactly what the version before gave: the
same text, the same runs, the same spans. The version before is kept here, verbatim but renamed
(its own memo tables), as the reference."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.textnorm import (_BOOKMARK, _CANDIDATE, _CELL_VALUE, _ENUM_START, _HARD_END, _HEADER_CELL, _HEADING_END,
                              _FORM_LINE, _FORM_LINE_CHARS, _NUMBERED_HEADING_CHARS, _PAGE_FOOTER, _SOFT_END, _UNIT_LINE, _WS, NormText, _is_hard_break, fold_char, is_invisible,
                              normalize_with_map)


def _ref_is_hard_break(text: str, ws_start: int, ws_end: int, prev_char: str, run: str | None = None) -> bool:
    run = text[ws_start:ws_end] if run is None else run
    nxt = fold_char(text[ws_end]) if ws_end < len(text) else ""
    pc = fold_char(prev_char)
    if (pc.isdigit() or pc == "万") and nxt and nxt in "万元%" and "\t" not in run:
        return False  # a page break inside "26.12 万|元" or "91.91|万元"
    # every test below answers "hard" when it holds, so their order does not change the answer:
    # the cheap ones (a blank line, a tab, a line ending in 。；：) come first
    if "\t" in run or run.count("\n") >= 2 or prev_char in _HARD_END or pc in _HARD_END:
        return True
    # one table cell per line: a bare number (or --) next to a short line is a cell, not a wrap
    line_start = text.rfind("\n", 0, ws_start) + 1
    prev_line = text[line_start: ws_start]
    prev_full = prev_line.strip()
    nl = text.find("\n", ws_end)
    next_full = text[ws_end: len(text) if nl < 0 else nl].strip()
    # (a number above a money-unit line is an amount printed above its unit, not a cell: the rule
    # added on 2026-12-04 for phone-infographic cards)
    if (_CELL_VALUE.fullmatch(prev_full) and len(next_full) <= 40) or \
            (_CELL_VALUE.fullmatch(next_full) and len(prev_full) <= 24 and not _ref_unit_follows(text, nl)):
        return True
    if _UNIT_LINE.fullmatch(prev_full) or _UNIT_LINE.fullmatch(next_full):
        return True
    # a row label one cell per line: the line after the next one is a bare number
    nl2 = text.find("\n", nl + 1) if nl >= 0 else -1
    after_full = text[nl + 1: len(text) if nl2 < 0 else nl2].strip() if nl >= 0 else ""
    if _CELL_VALUE.fullmatch(after_full) and 0 < len(next_full) <= 40 and 0 < len(prev_full) <= 24 \
            and not _CELL_VALUE.fullmatch(next_full) and not re.search(r"\d(?:万元|亿元|千元|百元|元)$", next_full):
        return True  # (an amount with its unit on the next line is a card's value, not a row: 2026-12-04)
    if 0 < len(prev_full) <= 14 and 0 < len(next_full) <= 14 and _HEADER_CELL.fullmatch(prev_full) \
            and _HEADER_CELL.fullmatch(next_full):
        return True  # header cells one per line (科目编码 / 科目名称 / 决算数)
    nxt_line = text[ws_end: ws_end + 12]
    if _ENUM_START.match(unicodedata.normalize("NFKC", nxt_line)):
        return True
    if _HEADING_END.search(prev_full) and len(prev_full) <= 60:
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
    next_row = text[ws_end: len(text) if nl < 0 else nl]
    return any(sep in prev_line or sep in next_row for sep in ("\t", "|", "｜"))


def _ref_unit_follows(text: str, nl: int) -> bool:
    if nl < 0:
        return False
    nl2 = text.find("\n", nl + 1)
    return re.fullmatch(r"(?:万元|亿元|千元|百元|元)", (text[nl + 1:] if nl2 < 0 else text[nl + 1: nl2]).strip()) is not None


_ref_ONE: dict[str, str] = {}
_ref_ODD: dict[str, str | None] = {}
_ref_SEEN: set[str] = set()


def _ref_learn(chars: set[str]) -> None:
    for c in chars - _ref_SEEN:
        if is_invisible(c):
            _ref_ODD[c] = None
        elif not c.isspace():  # whitespace is read by the \s+ of the event matcher
            kept = "".join(ch for ch in fold_char(c) if not ch.isspace())
            if len(kept) != 1:
                _ref_ODD[c] = kept
            elif kept != c:
                _ref_ONE[c] = kept
        _ref_SEEN.add(c)


def _ref_fold_plain(text: str, chars: set[str]) -> str:
    """``text`` with every character of ``chars`` whose fold is one other character folded (same
    length, so offsets stay); other characters are left as they are."""
    pairs = [(c, _ref_ONE[c]) for c in sorted(chars) if c in _ref_ONE]
    if {k for _, k in pairs} & {c for c, _ in pairs}:  # a fold that is itself folded: one pass
        return text.translate({ord(c): k for c, k in pairs})
    for c, k in pairs:
        text = text.replace(c, k)
    return text


@lru_cache(maxsize=256)
def _ref_events(odd: str) -> re.Pattern[str]:
    """Where the plain 1:1 stretches may stop: a whitespace run (no Cf character is whitespace),
    a ``[`` (a bookmark when ``_BOOKMARK`` matches there) or a character whose fold is not one
    character. The pattern starts with one character class, so the regex engine skips the plain
    characters in its fast set-scan loop; ``\\s*`` takes the rest of a whitespace run (it is
    ignored after ``[`` or an odd character)."""
    return re.compile(r"[\s\[" + "".join(re.escape(c) for c in odd) + r"]\s*")


def _ref_normalize(text: str) -> tuple[str, list[int], list[int], list[int]]:
    """The normalised text and its map (see the module doc). Memoised: the prose and budget
    readers normalise the same text; the result is shared, treat it as read-only."""
    chars = set(_CANDIDATE.findall(text))
    _ref_learn(chars)
    folded = _ref_fold_plain(text, chars)
    search = _ref_events("".join(sorted(c for c in chars if c in _ref_ODD))).search
    out: list[str] = []
    runs_at: list[int] = []  # the map as runs (see NormText)
    runs_from: list[int] = []
    runs_step: list[int] = []
    at = 0  # normalised chars so far
    bookmark = _BOOKMARK.match
    n, pos, scan = len(text), 0, 0  # pos: start of the plain stretch; scan: where to look next
    last = ""  # last emitted normalised char
    prev = ""  # last original non-space char read
    while True:
        m = search(text, scan)
        if m is None:
            if pos < n:
                out.append(folded[pos:])
                runs_at.append(at), runs_from.append(pos), runs_step.append(1)
            break
        i, j = m.span()
        c = text[i]
        if c == "[":
            b = bookmark(text, i)
            if b is None:  # a plain "[": the stretch goes on
                scan = i + 1
                continue
            j = b.end()
        elif not c.isspace():
            j = i + 1
        scan = j
        if i > pos:  # a plain stretch: every char folds to one char
            out.append(folded[pos:i])
            runs_at.append(at), runs_from.append(pos), runs_step.append(1)
            at += i - pos
            last, prev = folded[i - 1], text[i - 1]
        if c == "[":  # [bookmark: ...] export artefact
            pos = j
            continue
        if not c.isspace():  # zero-width / bidi control (prints nothing) or a fold to 0 or 2+ chars
            kept = _ref_ODD[c]
            if kept is not None:
                out.append(kept)
                if kept:
                    runs_at.append(at), runs_from.append(i), runs_step.append(0)
                    at += len(kept)
                last, prev = (kept[-1] if kept else last), c
            pos = j
            continue
        run = text[i:j]
        if "\n" in run:
            if at and run[-1] == "\n":
                # "...公务接待费2.46万元、\n— 6 —\n工会经费..." : skip the footer line
                fm = _PAGE_FOOTER.match(text, j)
                if fm and fm.end() + 1 < n and fm.end() > j:
                    k = fm.end() + 1
                    while k < n and (text[k] in _WS or text[k].isspace()):
                        k += 1
                    run, j = run + text[fm.end() + 1:k], k
                    scan = j
            if at and _ref_is_hard_break(text, i, j, prev, run):
                if last != "\n":
                    out.append("\n")
                    runs_at.append(at), runs_from.append(text.index("\n", i)), runs_step.append(1)
                    at += 1
                    last = "\n"
                pos = j
                continue
        if "\t" in run and at and last not in "|\n":
            out.append("|")
            runs_at.append(at), runs_from.append(text.index("\t", i)), runs_step.append(1)
            at += 1
            last = "|"
        elif j < n and last.isdigit() and fold_char(text[j])[:1].isdigit():
            out.append(" ")
            runs_at.append(at), runs_from.append(i), runs_step.append(1)
            at += 1
            last = " "
        pos = j
    return "".join(out), runs_at, runs_from, runs_step


PIECES = list("收入支出合计万元年度。；：，,.%％|（）()1234567890１２３４５一二三、-—]") + [
    " ", "  ", "\n", "\n", "\n", "\n\n", "\t", "\u3000", "\xa0", "\u2002", "\r\n", " \n ", "\n\t", "\x1c", "\x85", "\u2028",
    "\u200b", "\u200c", "\u200d", "\u202a", "\u2060", "\ufeff", "\u00ad",
    "…", "⑴", "⒈", "㎡", "①", "½", "ﬁ", "−", "﹪", "“", "”", "「", "＂", "⻔", "⺈", "［", "］", "Ａ", "a", "z",
    "e\u0301", "[bookmark: _Toc1]", "[bookmark:", "[", "— 6 —", "\n— 6 —\n", "\n- 12 -\n", "第3页", "第3页,共9页",
    "单位：万元", "金额单位:元", "项目", "决算数", "科目编码", "（一）", "二、", "3.", "说明", "表", "情况",
    "26.12", "1,234.5", "--", "𠀀", "\U0001d7ce", "٣", "\x00",
]
MIXED = st.lists(st.sampled_from(PIECES), max_size=90).map("".join)


def _same(text: str) -> None:
    nt = normalize_with_map(text)
    assert (nt.text, nt.runs_at, nt.runs_from, nt.runs_step) == _ref_normalize(text)


@settings(max_examples=1500, deadline=None)
@given(MIXED)
@example("合计\n\n\u200b\t12\t34")
@example("收入\n\n[bookmark: _Toc1]\t支出\t5")
@example("12\u200b 34 \u200b 5…6\n— 6 —\n7万元")
@example("收入 [bookmark: x] 12 34")
@example("经费2.46万元、\n— 6 —\n \u200b\ufeff 工会\n经费")
@example("12 [ 34")
@example("a ] 1 2")
@example("12[bookmark: x] 34")
@example("12\u200b 34")
@example("1 2\n3\t4 [bookmark:] 5")
def test_same_text_and_runs_as_before_on_mixed_text(text):
    _same(text)


# few pieces, so the rare neighbourhoods (a run right after a bookmark, a footer after a hard
# end, a page break before 万元) come up often
DENSE = st.lists(st.sampled_from(["1", "2", "万", "元", "收", "。", ";", "：", "|", "a", "]", "[bookmark: x]",
                                  "\u200b", "⑴", "１", " ", "\xa0", "\n", "\n", "\t", "— 6 —", "第3页", "-", "\x00",
                                  "Ａ", "（", "\n- 12 -\n"]),
                 max_size=40).map("".join)


@settings(max_examples=2000, deadline=None)
@given(DENSE)
@example("12万\n\n元")
@example("收入。\n— 6 —\n支出")
@example("收入。 \n第3页\n支出")
@example("收入\n\n-5")
@example("收入;\n\t1")
@example("Ａ\n-2-\n\n[bookmark:]")
@example("Ａ\n第3页 \n收 [bookmark:]")
@example("（\n- 12 -\n\n。\n\n[bookmark: x][bookmark: y]")
@example("收\x00入 \x00\u200b支\x00")
@example("\x00\n\n1 \x00 2")
def test_same_text_and_runs_as_before_on_dense_text(text):
    _same(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_same_text_and_runs_as_before_on_arbitrary_unicode(text):
    _same(text)


def test_same_text_and_runs_as_before_on_the_sample_documents():
    for p in sorted(Path("data/samples").glob("*")):
        _same(p.read_text(encoding="utf-8"))


@settings(max_examples=600, deadline=None)
@given(MIXED)
def test_same_hard_break_answer_as_before(text):
    for m in re.finditer(r"\s+", text):
        if "\n" in m.group():
            before = text[:m.start()].rstrip()
            prev = before[-1] if before else ""
            assert _is_hard_break(text, m.start(), m.end(), prev) == _ref_is_hard_break(text, m.start(), m.end(), prev)


def _starts_from_runs(nt: NormText) -> list[int]:
    """The per-character map, read off the runs the plain way."""
    out = []
    bounds = nt.runs_at[1:] + [len(nt.text)]
    for at, end, orig, step in zip(nt.runs_at, bounds, nt.runs_from, nt.runs_step):
        out.extend(orig + (x - at) * step for x in range(at, end))
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_start_of_and_orig_span_answer_as_the_runs_do(text):
    nt = normalize_with_map(text)
    starts = _starts_from_runs(nt)
    n = len(starts)
    for a in range(-n, n):
        assert nt.start_of(a) == starts[a]
    for bad in (n, -n - 1, n + 3):
        try:
            nt.start_of(bad)
        except IndexError:
            pass
        else:
            raise AssertionError(bad)
    for a in range(-n, n):
        for b in range(-n, n + 2):
            try:
                want = (starts[a], starts[a]) if b <= a else (starts[a], starts[b - 1] + 1)
            except IndexError:
                want = IndexError
            try:
                got = nt.orig_span(a, b)
            except IndexError:
                got = IndexError
            assert got == want, (a, b)


def test_the_explicit_space_sets_are_str_isspace():
    """The event matcher spells whitespace as ranges (faster than \\s); they must be exactly
    str.isspace() (= \\s), less the tab and line break where the name says so."""
    from loaders.textnorm import _SPACE, _SPACE_NO_NL, _SPACE_NO_TAB_NL

    every = re.compile(f"[{_SPACE}]").fullmatch
    no_nl = re.compile(f"[{_SPACE_NO_NL}]").fullmatch
    no_tab_nl = re.compile(f"[{_SPACE_NO_TAB_NL}]").fullmatch
    backslash_s = re.compile(r"\s").fullmatch
    for cp in range(0x110000):
        c = chr(cp)
        space = c.isspace()
        assert (every(c) is not None) == space == (backslash_s(c) is not None), hex(cp)
        assert (no_nl(c) is not None) == (space and c != "\n"), hex(cp)
        assert (no_tab_nl(c) is not None) == (space and c not in "\t\n"), hex(cp)


def test_the_plain_characters_after_which_a_run_is_decided_early():
    """_AFTER_PLAIN: never whitespace, never a digit (also after folding), never folded, never
    odd, not the ] that ends a bookmark; _AFTER_PLAIN_NOT_WAN is it less 万; _AFTER_HARD_END is
    _HARD_END, each char folding to one char that is no whitespace, digit, 万 or ]."""
    from loaders.textnorm import _AFTER_HARD_END, _AFTER_PLAIN, _AFTER_PLAIN_NOT_WAN

    plain = re.compile(f"[{_AFTER_PLAIN}]").fullmatch
    not_wan = re.compile(f"[{_AFTER_PLAIN_NOT_WAN}]").fullmatch
    for cp in range(0x10000):
        c = chr(cp)
        if plain(c):
            assert not c.isspace() and not c.isdigit() and c != "]" and _CANDIDATE.match(c) is None, hex(cp)
            assert fold_char(c) == c, hex(cp)
        assert (not_wan(c) is not None) == (plain(c) is not None and c != "万"), hex(cp)
    assert set(_AFTER_HARD_END) == _HARD_END
    for c in _AFTER_HARD_END:
        f = fold_char(c)
        assert len(f) == 1 and not f.isspace() and not f.isdigit() and f not in "万]" and not is_invisible(c), c
        assert not c.isspace() and c != "]" and (plain(c) or _CANDIDATE.match(c)), c
    assert not plain("0") and not plain("9")
    from loaders.textnorm import _ODD_MARK

    assert not plain(_ODD_MARK) and not _ODD_MARK.isspace() and not _ODD_MARK.isdigit()
    assert _ODD_MARK not in "[]" + _AFTER_HARD_END and _CANDIDATE.match(_ODD_MARK) is None
