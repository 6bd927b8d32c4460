"""The text segmenter's fast helpers give what the versions they replaced gave: the trim of a
span (str.strip instead of two regexes), fold_lines' one-line path, the bad-character ratio (one
character class instead of a per-character category lookup) and the tab-row cells."""

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.formats.builder import fold_lines
from loaders.formats.encoding import _BAD, _bad_ratio
from loaders.formats.text import _Segmenter, _trim

_LEAD_JUNK = re.compile(r"(?:\s|\u3000|\[bookmark: [^\]]*\])*")
_TRAIL_WS = re.compile(r"[\s\u3000]*$")
_TRAIL_WS_LEAD = re.compile(r"[\s\u3000]*")


def _old_trim(text, start, end, lead=_LEAD_JUNK):
    m = lead.match(text, start, end)
    if m:
        start = max(start, m.end())
    m = _TRAIL_WS.search(text, start, end)
    if m and m.start() >= start:
        end = m.start()
    return start, max(start, end)


def _old_fold_lines(text):
    parts = [p.strip() for p in re.split(r"[\r\n\t\x0b\x0c]+", text)]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    cjk = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’（）]")
    out = parts[0]
    for p in parts[1:]:
        out += p if cjk.match(out[-1]) or cjk.match(p[0]) or out[-1].isdigit() and p[0].isdigit() else " " + p
    return out


def _old_bad_ratio(text):
    bad = sum(1 for ch in text if ch == "\ufffd" or ch not in "\t\n\r\f\v" and unicodedata.category(ch) in ("Cc", "Cs", "Co"))
    return bad / max(len(text), 1)


PIECES = list("收入 12,3.\u3000\t\n\r\x0b\x0c\xa0|") + ["[bookmark: _Toc1]", "[bookmark:", "]", "a b", "\u200b", "\ufffd", "\x01", "\ue000"]
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(texts, st.data())
def test_trim_equals_the_regex_trim(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert _trim(text, start, end) == _old_trim(text, start, end)
    assert _trim(text, start, end, bookmarks=False) == _old_trim(text, start, end, _TRAIL_WS_LEAD)


@settings(max_examples=300, deadline=None)
@given(st.one_of(texts, st.text(max_size=30)))
def test_fold_lines_and_bad_ratio_equal_the_old_ones(text):
    assert fold_lines(text) == _old_fold_lines(text)
    assert _bad_ratio(text) == _old_bad_ratio(text)


def test_bad_class_is_exactly_control_surrogate_private_and_replacement():
    for cp in range(0x110000):
        c = chr(cp)
        want = c == "\ufffd" or (c not in "\t\n\r\f\v" and unicodedata.category(c) in ("Cc", "Cs", "Co"))
        assert bool(_BAD.match(c)) == want, hex(cp)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["", " ", "合计", " 12.5 ", "1\u3000234", "a\x0bb", "\xa0", "项 目"]), min_size=2, max_size=5),
                min_size=1, max_size=4))
def test_tab_row_cells_equal_the_general_cell_reader(rows):
    text = "\n".join("\t".join(r) for r in rows)
    seg = _Segmenter(text, markdown=False)
    for r, ln in enumerate(seg.lines):
        fast = _Segmenter._line_cells(r, ln)
        pos, slow = ln.start, []
        for c, part in enumerate(ln.s.split("\t")):
            slow.append(seg._cell(r, c, [(pos, pos + len(part))], pos, ln.no))
            pos += len(part) + 1
        assert fast == slow
