"""The one-pass normaliser (plain stretches folded in bulk, an event matcher for whitespace runs,
bookmarks and odd characters) gives exactly what the per-character loop it replaced gave: the
same text and the same map, on random strings full of the characters that make it hard."""

import unicodedata
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders import textnorm
from loaders.textnorm import QUOTES, RADICALS, _BOOKMARK, _PAGE_FOOTER, _WS, _is_hard_break, normalize_with_map


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
            if "\n" in run and out and _is_hard_break(text, i, j, prev, run):
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
