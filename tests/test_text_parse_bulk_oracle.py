"""The bulk readers of the text parse give what the per-line versions they replaced gave: the
tab-row cells cut from one split of a table's joined lines (the old line-at-a-time reader kept
here), the slotted objects filled a field at a time (their constructors), and the title test
with compiled patterns and a first-character filter (the old one kept here)."""

import re
from itertools import accumulate, count, repeat
from operator import add

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.formats.builder import fold_lines
from loaders.formats.text import _split_lines
from loaders.formats.text_cells import locations, tab_rows
from loaders.formats.titles import MAX_TITLE_CHARS, TITLE_RE, _TOPIC_END, looks_like_title
from loaders.model import Cell, Location


# ----------------------------------------------------------------- tab rows (text_cells at 37bc8b4)

def _old_tab_rows(lines, first_row=0, min_filled=0):
    texts, starts, ends, nos, widths = [], [], [], [], []
    strip = str.strip
    for ln in lines:
        s = ln.s
        parts = s.split("\t")
        k = len(parts)
        widths.append(k)
        nos += repeat(ln.no, k)
        if list(map(strip, parts)) == parts and "\r" not in s and "\x0b" not in s and "\x0c" not in s:
            at = list(map(add, accumulate(map(len, parts[:-1]), initial=ln.start), count()))
            texts += parts
            starts += at
            ends += map(add, at, map(len, parts))
            continue
        pos = ln.start
        for part in parts:
            body = part.strip()
            if body:
                start = pos + part.find(body[0])
                texts.append(body if body.isprintable() else fold_lines(body))
                starts.append(start)
                ends.append(start + len(body))
            else:
                texts.append("")
                starts.append(pos)
                ends.append(pos)
            pos += len(part) + 1
    if min_filled:
        a, filled = 0, 0
        for k in widths:
            filled = max(filled, k - texts[a:a + k].count(""))
            a += k
        if filled < min_filled:
            return None
    rows, printed, a = [], [], 0
    for r, k in enumerate(widths, start=first_row):
        b = a + k
        rows.append([Cell(r, c, texts[a + c], Location(line=nos[a + c], char_start=starts[a + c], char_end=ends[a + c]))
                     for c in range(k)])
        printed.append("\t".join(texts[a:b]))
        a = b
    return rows, printed


PARTS = ["", " ", "合计", " 12.5 ", "1\u3000234", "a\x0bb", "\xa0", "项 目", "x\ry", "\x0c", "100.00", "—"]
row = st.lists(st.sampled_from(PARTS), min_size=1, max_size=6).map("\t".join)
doc = st.lists(st.one_of(row, st.sampled_from(["", "  ", "说明"])), min_size=1, max_size=10)


@settings(max_examples=600, deadline=None)
@given(doc, st.sampled_from(["\n", "\r\n"]), st.data())
def test_tab_rows_equal_the_line_at_a_time_reader(lines, newline, data):
    """Any subset of a text's lines (contiguous or not, CRLF or not), any first row, any
    threshold: the same cells, locations and printed rows."""
    all_lines = _split_lines(newline.join(lines))
    picked = [ln for ln in all_lines if data.draw(st.booleans())] or all_lines[:1]
    first_row = data.draw(st.integers(0, 3))
    least = data.draw(st.integers(0, 3))
    assert tab_rows(picked, first_row, least) == _old_tab_rows(picked, first_row, least)


def test_tab_rows_of_a_contiguous_run_and_of_one_line():
    text = "项目\t决算数\t预算数\n合计\t100.00\t\n\t\t12.00"
    lines = _split_lines(text)
    assert tab_rows(lines) == _old_tab_rows(lines)
    assert tab_rows(lines[1:2], first_row=5) == _old_tab_rows(lines[1:2], first_row=5)
    assert tab_rows(lines[2:], min_filled=2) is None


# ------------------------------------------------------------------------------ bulk locations

@given(st.lists(st.tuples(st.one_of(st.none(), st.integers(1, 10**6)), st.integers(0, 10**7), st.integers(0, 10**7)), max_size=50))
def test_bulk_locations_equal_the_constructor(rows):
    got = locations([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    want = [Location(line=l, char_start=s, char_end=e) for l, s, e in rows]
    assert got == want and [type(x) for x in got] == [Location] * len(rows)
    assert [x.to_json() for x in got] == [x.to_json() for x in want] and list(map(hash, got)) == list(map(hash, want))


# ------------------------------------------------------------------------- titles (titles at 37bc8b4)

def _old_looks_like_title(text):
    s = text.strip()
    if not s or len(s) > MAX_TITLE_CHARS or not TITLE_RE.match(s):
        return False
    body = s.rstrip("。：:；;")
    if s.endswith(("。", "；", ";")) and not _TOPIC_END.search(body):
        return False
    if re.search(r"[：:]", body) and not re.match(r"\s*附", body):
        return False
    return not re.search(r"[。；;，,]", body) and not re.search(r"\d\s*(?:万元|元|%)", body)


TITLE_PIECES = ["第一部分", "第3章", "一、", "（一）", "(二)", "1、", "12 、", "附件", "附 表2", "目 录", "说明", "情况",
                "。", "；", ";", "：", ":", "，", "12万元", "3 %", "元", " ", "\u3000", "\n", "收入", "٣", "x"]
titles = st.lists(st.sampled_from(TITLE_PIECES), max_size=8).map("".join)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(titles, st.text(max_size=12)))
def test_title_test_equals_the_old_one(text):
    assert looks_like_title(text) == _old_looks_like_title(text)


def test_title_first_characters_cover_every_match_start():
    """Every character a TITLE_RE match of a stripped line can start with passes the filter."""
    from loaders.formats.titles import _TITLE_FIRST

    for cp in range(0x110000):
        c = chr(cp)
        if c.isspace():
            continue
        for tail in ("部分", "、", "一）", "件", "录", "1部分", "\u3000、"):
            if TITLE_RE.match(c + tail):
                assert c in _TITLE_FIRST or c.isdecimal(), hex(cp)


# ------------------------------------------------- space-aligned candidates (text_columns at 37bc8b4)

_OLD_CAPTION = re.compile(r"(?:^|\s)(?:金额)?单位\s*[:：]|(?:^|\s)(?:编制)?(?:部门|单位)\s*[:：]|^\s*注\s*[:：]"
                          r"|(?:^|\s)公开\s*\d+\s*表(?:\s|$)|^\s*表\s*\d")
_OLD_SPACED_NUMBER = re.compile(r"(?:^|\s)[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[%％]?(?=\s|$)|(?:^|\s)[-－—–](?=\s|$)")

CAPTION_PIECES = ["单位", "金额", "编制", "部门", "公开", "注", "表", "：", ":", " ", "\u3000", "\n", "\xa0", "3", "12",
                  "٣", "-", "－", "—", "–", "+", "−", "1,234", "5.6", "%", "％", "x", "收入", ","]
caption_lines = st.lists(st.sampled_from(CAPTION_PIECES), max_size=12).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(caption_lines, st.text(max_size=20)))
def test_caption_and_spaced_number_equal_the_one_pattern_forms(s):
    from loaders.formats.text_columns import _caption, _short_row

    old_caption = ("表" in s or "单位" in s or "部门" in s or "注" in s) and bool(_OLD_CAPTION.search(s))
    assert _caption(s) == old_caption
    t = s.strip()
    old_short = 0 < len(t) <= 12 if " " not in t else bool(_OLD_SPACED_NUMBER.search(t))
    assert _short_row(s) == old_short


# ------------------------------------------------------------ cell-per-line cells (one span each)

CELL_PIECES = ["", " ", "绩", "效", "指标", " 12.5 ", "a b", "\u3000", "\xa0", "x\x0by", "\x0c", "[bookmark: a]"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(CELL_PIECES), min_size=1, max_size=5), st.sampled_from(["\n", "\r\n"]),
       st.sampled_from(["", "说明\n"]))
def test_a_cell_read_as_one_span_equals_its_segments(pieces, newline, before):
    """A cell line and its continuation lines: the span they cover gives the cell the segments
    of the lines gave (``_Segmenter._cell_spec``)."""
    from loaders.formats.text import _Segmenter

    cont = [p for p in pieces[1:] if p.strip()] or ["续"]  # continuation lines are never blank
    text = before + newline.join(["\t" + pieces[0], *cont]) + newline
    seg = _Segmenter(text, markdown=False)
    first = 1 if before else 0
    cell_lines = seg.lines[first:first + 1 + len(cont)]
    segments = [(cell_lines[0].start + 1, cell_lines[0].end)] + [(ln.start, ln.end) for ln in cell_lines[1:]]
    at, no = cell_lines[0].start + 1, cell_lines[0].no
    for k in range(1, len(segments) + 1):  # the cell with its first k lines
        assert seg._span_cell_spec(at, segments[k - 1][1], no) == seg._cell_spec(segments[:k], at, no)
