"""The .txt/.md segmenter with its fast paths (one-pass line split, pre-filters that skip the table
readers for lines that cannot start a table, a bare-cell run scanned once, tab-row cells built
without re-scanning) gives exactly the blocks, cells and locations of the segmenter at 58600d9
(the frozen copy in tests/segmenter_58600d9), on random documents made of the line shapes that
start or end each layout, and on every text case the project keeps.

Four layouts were added after 58600d9 (unaligned gap-separated tables and tables whose cells are
one space apart, ``text_gaps.py``; key-value card rows, ``text_cards.py``; comma-separated exports,
``text_csv.py``), and one refusal (a run
of bare lines printing amounts with their units is the cards of a phone infographic, not a table:
``text_tables._card_stack``): the comparison runs with them switched off (their own behaviour is
tested in tests/test_formats_text_layouts.py), and a last test checks that switching the layouts on
changes only runs of lines that they read as a table."""

import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.formats.text import segment_text
from segmenter_58600d9.text import segment_text as old_segment_text

ROOT = Path(__file__).resolve().parents[1]


def _dump(blocks) -> list:
    def loc(l):
        return (l.page, l.sheet, l.cell, l.line, l.char_start, l.char_end, l.bbox)

    return [(b.block_no, b.kind, b.text, loc(b.location), b.table_no,
             None if b.rows is None else [[(c.row, c.col, c.text, loc(c.location)) for c in r] for r in b.rows])
            for b in blocks]


@contextmanager
def _layouts_after_58600d9_off():
    from loaders.formats import text_columns, text_tables

    saved = text_columns.read_gap_table, text_tables.read_cards, text_tables.read_word_table, text_tables.read_csv_table
    text_columns.read_gap_table = lambda *a, **k: None
    text_tables.read_cards = lambda *a: None
    text_tables.read_word_table = lambda *a: None
    text_tables.read_csv_table = lambda *a: None
    try:
        with _card_stacks_off():
            yield
    finally:
        (text_columns.read_gap_table, text_tables.read_cards, text_tables.read_word_table,
         text_tables.read_csv_table) = saved


@contextmanager
def _card_stacks_off():
    from loaders.formats import text_tables

    saved = text_tables._card_stack
    text_tables._card_stack = lambda *a: False
    try:
        yield
    finally:
        text_tables._card_stack = saved


def _same(text: str) -> None:
    with _layouts_after_58600d9_off():
        for markdown in (False, True):
            assert _dump(segment_text(text, markdown)) == _dump(old_segment_text(text, markdown)), (markdown, text)


LINES = [
    "", "", " ", "\u3000", "\t", "  \t ",
    "一、部门职责", "（一）收入情况", "# 第一部分 部门概况", "## 表1", "第二部分", "3、其他",
    "2023年度收入合计1,234.56万元，比上年增加12.3万元。", "主要用于日常运转。其中：基本支出5.6万元；项目支出7万元。",
    "支出决算表", "单位：万元", "金额单位：元", "注：本表无数据", "公开01表", "编制部门：某某局",
    "合计", "一般公共服务支出", "项目（按功能分类）", "决算数", "行次", "栏次", "123.45", "1,234", "-", "—", "无", "0.00",
    "12.5%", "201", "20101", "2010101", "行政运行", "1", "2",
    "\t合计", "\t123.45", "\t", "\t一般公共服务支出", "绩", "效",
    "201\t一般公共服务支出\t612.40", "\t\t12.00\t3.00", "合计\t100.00\t\t50.00", "项目\t决算数\t预算数",
    " 行政运行 \t 1,000.00 \t 2.5 ", "a\x0bb\t1\t2", "\t合计\t1\t2",
    "201 | 一般公共服务支出 | 612.40 |", "| 项目 | 决算数 |", "| --- | --- |", "|:---|---:|", "| 合计 | 19.00 |",
    "合计 | 19.00 | 11.86 | 因公出国 | 1.00 | 2.00 | 公务接待 | 3.00 | 4.00", "合计 |", "12.5 |", "|",
    "项　目　　　　　决算数　　预算数", "收入合计        1,234.56      1,000.00", "一般公共服务支出    612.40    600.00",
    "  其中：行政运行      100.00     90.00", "科目编码    科目名称      金额", "201 03 01  行政运行   12.00",
    "一一般公共预算财政拨款收入 1 4,627.57 一般公共服务支出 2 100.00 教育支出 3 200.00 科学技术 4 300.00 合计 5 5,227.57",
    "<http://www.example.gov.cn/a.html>", "[bookmark: _Toc123]", "[bookmark: _Toc1]一、部门职责",
    "[bookmark: _Toc2]收入合计12万元。", "— 6 —", "第3页", "abc def", "Income 12.5 total 13.0",
    "合计 1 4,627.57 一般公共服务支出 2 100.00 教育支出 3 200.00 科学技术 4 300.00。", "无。", "1；2", "合计；",
    "收入 1 2 支出 3 4 教育 5 6 科学 7 8 其他 9 10 合计 11 12，说明见下；另有 13",
]
docs = st.lists(st.sampled_from(LINES), max_size=40).flatmap(
    lambda ls: st.sampled_from(["\n", "\r\n"]).map(lambda nl: nl.join(ls)))


@settings(max_examples=1500, deadline=None)
@given(docs)
@example("合计\n123.45\n\n一般公共服务支出\n612.40\n\n教育支出\n12.00\n\n科学技术\n3.00")
@example("项目\n决算数\n预算数\n合计\n1\n2\n教育\n3\n4\n科学\n5\n6")
@example("\t项目\n\t决算数\n\n\t合计\n\t1.00\n\n\t教育\n绩\n效\n\t2.00")
@example("201\t一般公共服务支出\t612.40\n\n\n\t\t12.00\t3.00\n收入")
@example("项　目　　　　　决算数　　预算数\n收入合计        1,234.56      1,000.00\n一般公共服务支出    612.40    600.00")
def test_same_blocks_as_the_segmenter_at_58600d9(text):
    _same(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("合计收入支出 。，|\t\n\r\u30001234.5-无[]<>#、")), max_size=120))
def test_same_blocks_on_random_characters(text):
    _same(text)


def _cases():
    for p in sorted((ROOT / "data/samples").glob("*")):
        if p.suffix in (".txt", ".md"):
            yield p.name, p.read_text(encoding="utf-8")
    dirs = [ROOT / "../shared/devset/cases", ROOT / "tests/holdout/cases", *sorted((ROOT / "tests").glob("**/blind*/"))]
    for d in dirs:
        for p in sorted(d.glob("*.json")) if d.exists() else []:
            case = json.loads(p.read_text(encoding="utf-8"))
            if isinstance(case, dict) and "text" in case:
                yield p.name, case["text"]


def test_same_blocks_on_every_kept_text_case():
    seen = 0
    for name, text in _cases():
        _same(text)
        seen += 1
    assert seen >= 10


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.sampled_from(LINES), st.text(alphabet=st.sampled_from(list("合计 。，|\t1234.5-−+％%无—/,٣")), max_size=50)))
def test_bare_cell_filter_equals_the_old_test(line):
    """_bare_cell_text asks cell_kind only when a number may be printed: the same answer."""
    from loaders.formats.text_tables import _bare_cell_text
    from segmenter_58600d9.text_tables import _bare_cell_text as old

    assert _bare_cell_text(line) == old(line)


def test_a_number_starts_with_a_sign_or_a_decimal_digit():
    """The bare-cell filter's reading of text_rows._NUMBER: regex \\d is str.isdecimal."""
    import re

    digit = re.compile(r"\d")
    assert all(bool(digit.match(chr(cp))) == chr(cp).isdecimal() for cp in range(0x110000))


def test_bulk_locations_equal_the_constructor():
    from loaders.formats.text_cells import locations
    from loaders.model import Location

    got = locations([1, 2, None], [0, 5, 7], [3, 5, 9])
    assert got == [Location(line=1, char_start=0, char_end=3), Location(line=2, char_start=5, char_end=5),
                   Location(char_start=7, char_end=9)]
    assert [type(x) for x in got] == [Location] * 3 and hash(got[0]) == hash(Location(line=1, char_start=0, char_end=3))



LINE_CHARS = list("合计单位部门注表公开编制金额：:，,。；;！？ \u3000\t|12.-") + ["  ", "单位：万元", "公开01表", "表1", "注："]
lines_text = st.one_of(st.sampled_from(LINES), st.lists(st.sampled_from(LINE_CHARS), max_size=25).map("".join))


@settings(max_examples=800, deadline=None)
@given(lines_text)
def test_guarded_and_set_led_patterns_find_what_the_old_ones_found(s):
    from loaders.formats import text_columns as tc, text_tables as tt
    from segmenter_58600d9 import text_columns as old_tc, text_tables as old_tt

    assert bool(tc._SENTENCE.search(s)) == bool(old_tc._SENTENCE.search(s))
    assert bool(tt._SENTENCE.search(s)) == bool(old_tt._SENTENCE.search(s))
    assert tc._has_gap(s) == bool(old_tc._GAP.search(s))
    assert tc._caption(s) == bool(old_tc._CAPTION.search(s))
    assert tt._caption(s) == bool(old_tt._CAPTION.search(s))

    class Line:
        no, start, end = 1, 0, len(s)

    Line.s = s
    assert tc._candidate(Line) == old_tc._candidate(Line)


@settings(max_examples=600, deadline=None)
@given(st.lists(lines_text, min_size=1, max_size=6), st.data())
def test_a_prose_line_starts_no_table_in_any_reader(ls, data):
    """text_tables.prose_line: neither the text-table readers nor the space-aligned reader start
    a table at such a line, whatever lines come after it."""
    from loaders.formats.text import _split_lines
    from loaders.formats.text_columns import SpacedTables
    from loaders.formats.text_tables import TextTables, prose_line

    text = "\n".join(ls)
    lines = _split_lines(text)
    i = data.draw(st.integers(0, len(lines) - 1))
    if prose_line(lines[i].s):
        assert TextTables(text, lines).table_at(i) is None
        assert SpacedTables(text, lines).table_at(i) is None


def test_the_later_layouts_change_only_what_they_read_as_tables():
    """On every kept text case (.txt reading), switching the later layouts on only turns runs of
    text blocks into tables of theirs: every block clear of the new tables' spans is as before,
    and no table of the older readers is replaced."""
    changed = 0
    for name, text in _cases():
        with _layouts_after_58600d9_off():
            off = _dump(segment_text(text, False))
        with _card_stacks_off():  # a refusal, not a layout: it turns tables back into text
            on = _dump(segment_text(text, False))
        if on == off:
            continue
        changed += 1
        old_tables = {(b[2], b[3]) for b in off if b[1] == "table"}
        new = [(b[3][4], b[3][5]) for b in on if b[1] == "table" and (b[2], b[3]) not in old_tables]
        assert new, name

        def inside(b):  # overlaps a new table (a row's unprinted last cell may lie past its span)
            return any(b[3][4] < e and s < b[3][5] for s, e in new)

        assert [b[1:4] for b in on if not inside(b)] == [b[1:4] for b in off if not inside(b)], name
        assert all(b[1] != "table" for b in off if inside(b)), (name, "a table of the older readers was replaced")
    assert changed >= 1
