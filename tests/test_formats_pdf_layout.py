"""PDF layout on a rendered document: an unruled table, page furniture, a paragraph over a
page break, numbered items that are sentences (the file is drawn with fpdf2 at test time)."""

from __future__ import annotations

import pytest

import builders as B
from loaders.formats import parse_bytes
from loaders.formats.pdf_furniture import is_page_number
from test_formats import assert_offsets


@pytest.fixture(
    scope="module",
    params=[("—{n}—", False), ("- {n} -", True), ("第{n}页", False), ("{n}/2", True)],
    ids=["dash-unruled", "hyphen-three-line", "di-ye-unruled", "slash-three-line"],
)
def doc(request):
    style, three_line = request.param
    return parse_bytes(B.build_unruled_pdf(style, three_line), "unruled.pdf")


def test_unruled_table_rows_and_cells(doc):
    assert_offsets(doc)
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert doc.meta["tables"][0]["ruled"] is False
    texts = [[c.text for c in row] for row in t.rows]
    assert texts[0] == B.UNRULED_HEADER
    for row in B.UNRULED_ROWS + [B.UNRULED_TOTAL]:
        assert row in texts, row  # wrapped label folded, "-" kept, blank cell kept blank
    assert len(texts) == 2 + len(B.UNRULED_ROWS)
    for row in t.rows:
        for c in row:
            assert c.location.page == 1
            assert (c.location.bbox is not None) == bool(c.text)
    wrapped = next(r for r in t.rows if r[1].text.startswith("机关事业单位"))
    x0, top, x1, bottom = wrapped[1].location.bbox
    assert bottom - top > 15  # two printed lines
    # numbers are right-aligned: their cells share the right edge of the header's column
    rights = {round(r[2].location.bbox[2]) for r in t.rows[1:]}
    assert len(rights) == 1


def test_table_is_not_prose(doc):
    paras = [b.text for b in doc.blocks if b.kind != "table"]
    assert not any("1,511.89" in p for p in paras)
    assert "单位：万元" in paras  # the unit line stays text, before the table
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index("table") == [b.text for b in doc.blocks].index("单位：万元") + 1


def test_page_furniture_is_left_out(doc):
    assert B.RUNNING_HEADER not in doc.text
    assert not any(is_page_number(b.text) for b in doc.blocks)
    furniture = doc.meta["furniture"]
    assert {f["page"] for f in furniture} == {1, 2}
    assert sum(1 for f in furniture if f["text"] == B.RUNNING_HEADER) == 2
    assert sum(1 for f in furniture if is_page_number(f["text"])) == 2


def test_paragraph_over_page_break_is_whole_and_knows_both_pages(doc):
    paras = [b for b in doc.blocks if b.kind == "paragraph" and b.text.startswith("本年支出合计2940.05万元")]
    assert len(paras) == 1
    p = paras[0]
    assert p.text == B.LONG_PARAGRAPH
    assert p.location.page == 1
    start = p.location.char_start
    assert doc.page_of(start) == 1
    tail = doc.text.index("结转和结余资金已按规定清理", start)
    assert doc.page_of(tail) == 2
    spans = [s for s in doc.meta["page_spans"] if s[1] >= start and s[2] <= p.location.char_end]
    assert [s[0] for s in spans] == [1, 2]
    assert spans[0][2] <= spans[1][1]


def test_numbered_sentence_is_not_a_heading(doc):
    kinds = {b.text: b.kind for b in doc.blocks if b.kind != "table"}
    assert kinds["（十二）完成区委、区政府交办的其他任务。"] == "paragraph"
    assert kinds["三、支出决算情况说明"] == "heading"


@pytest.mark.parametrize(
    "text,expected",
    [("5", True), ("—5—", True), ("- 5 -", True), ("第5页", True), ("第 5 页 共 25 页", True), ("5/25", True),
     ("Page 5 of 25", True), ("- iv -", True), ("2,106.66", False), ("5、其他", False), ("第五部分", False)],
)
def test_page_number_patterns(text, expected):
    assert is_page_number(text) is expected


def test_prose_with_spaces_is_not_a_table():
    """A paragraph whose words are separated by single spaces (template style) stays prose."""
    data = B.build_pdf([("paragraph", "上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比，收入支出总计增加 XXX 万元。")] * 4, None)
    doc = parse_bytes(data, "p.pdf")
    assert doc.meta["tables"] == [{"table_no": 0, "pages": [1], "ruled": True}]


def test_unruled_table_with_wrapped_header_and_unit_line():
    doc = parse_bytes(B.build_wrapped_header_pdf(), "h.pdf")
    assert_offsets(doc)
    assert len(doc.tables) == 1
    rows = [[c.text for c in r] for r in doc.tables[0].rows]
    # the header, stacked per column, reads as the printed labels
    labels = ["".join(r[c] for r in rows[:-3]) for c in range(5)]
    assert labels == ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]
    assert rows[-3:] == [B.UNRULED_ROWS[0], B.UNRULED_ROWS[1], B.UNRULED_ROWS[3]]
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    assert any("单位：万元" in t for t in texts)  # the unit line is context, not a table row
    assert "注：本表反映部门本年度一般公共预算财政拨款支出情况。" in texts
