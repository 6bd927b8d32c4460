"""Real-world shapes of HTML, DOCX and XLSX documents (all built at test time)."""

from __future__ import annotations

import pytest

import builders as B
from loaders.formats import parse_bytes
from test_formats import assert_offsets


def _texts(table):
    return [[c.text for c in row] for row in table.rows]


# -- HTML ---------------------------------------------------------------------------------


@pytest.mark.parametrize("charset", ["gbk", "gb2312", "utf-8"])
def test_cms_html_page(charset):
    doc = parse_bytes(B.build_cms_html(charset), "juesuan.htm")
    assert_offsets(doc)
    assert doc.meta["title"] == "上海市某某区某某局2024年度部门决算"
    assert "统计代码" not in doc.text
    assert len(doc.tables) == 1  # the layout tables are flow, the data table is a table
    assert _texts(doc.tables[0]) == B.CMS_GRID
    assert all(len(row) == 7 for row in doc.tables[0].rows)
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert B.CMS_PARAGRAPH in paras  # &nbsp; indent gone, the editor's line break folded
    assert "二、支出决算情况说明" in [b.text for b in doc.blocks if b.kind == "heading"]
    order = [b.text for b in doc.blocks]
    assert order.index("单位：万元") + 1 == order.index(doc.tables[0].text)
    assert any("当前位置" in t for t in order)  # layout-table text is read as text, not as a table


def test_html_span_grid_edge_cases():
    html = """<html><body><table>
      <tr><th rowspan="3">项目</th><th colspan="2">决算数</th></tr>
      <tr><th>本年</th><th>上年</th></tr>
      <tr><td>1</td><td>2</td></tr>
      <tr><td>合计</td><td colspan="5">3</td></tr>
      <tr><td rowspan="99">尾</td><td>4</td><td>5</td></tr>
    </table></body></html>"""
    doc = parse_bytes(html.encode(), "t.html")
    assert _texts(doc.tables[0]) == [
        ["项目", "决算数", "", "", "", ""],
        ["", "本年", "上年", "", "", ""],
        ["", "1", "2", "", "", ""],
        ["合计", "3", "", "", "", ""],
        ["尾", "4", "5", "", "", ""],
    ]
    assert_offsets(doc)


# -- DOCX ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_docx():
    return parse_bytes(B.build_real_docx(), "real.docx")


def test_docx_merged_cells_on_grid(real_docx):
    assert_offsets(real_docx)
    first = real_docx.tables[0]
    assert _texts(first) == B.DOCX_GRID


def test_docx_frame_table_is_flow_and_inner_table_is_data(real_docx):
    assert len(real_docx.tables) == 2
    assert _texts(real_docx.tables[1]) == [["项目", "金额"], ["公务接待费", "0.70"]]
    paras = [b.text for b in real_docx.blocks if b.kind == "paragraph"]
    assert "注：本表反映部门本年度各项支出情况。" in paras


def test_docx_text_box_once_and_line_breaks_folded(real_docx):
    assert real_docx.text.count(B.TEXT_BOX) == 1
    order = [b.text for b in real_docx.blocks]
    assert order.index(B.TEXT_BOX) == order.index("见文本框：") + 1
    assert "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%。" in order
    kinds = {b.text: b.kind for b in real_docx.blocks}
    assert kinds["二、支出决算情况说明"] == "heading"
    assert kinds["（十二）完成区委、区政府交办的其他任务。"] == "paragraph"


# -- XLSX ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_xlsx():
    return parse_bytes(B.build_real_xlsx(), "fubiao.xlsx")


def test_xlsx_one_table_per_sheet(real_xlsx):
    assert_offsets(real_xlsx)
    assert real_xlsx.meta["sheets"] == ["附表1 收入决算表", "附表2 支出决算表"]
    assert len(real_xlsx.tables) == 2
    headings = [b.text for b in real_xlsx.blocks if b.kind == "heading"]
    assert headings == ["附表1 收入决算表", "附表2 支出决算表"]  # each sheet's table after its name
    second = real_xlsx.tables[1]
    assert [c.text for c in second.rows[-1]] == ["201", "一般公共服务支出", "2,106.66"]
    assert {c.location.sheet for r in second.rows for c in r} == {"附表2 支出决算表"}


def test_xlsx_merged_cells_stay_on_the_grid(real_xlsx):
    t = _texts(real_xlsx.tables[0])
    assert t[0] == ["收入决算表", "", "", "", ""]  # merged title: text once, covered cells empty
    assert t[1] == ["", "", "", "", "单位：万元"]
    assert t[2] == ["科目编码", "科目名称", "本年收入合计", "其中", ""]
    assert t[3] == ["", "", "", "财政拨款收入", "其他收入"]
    cell = real_xlsx.tables[0].rows[3][3]
    assert cell.location.cell == "D4"


def test_xlsx_numbers_print_with_their_format(real_xlsx):
    t = _texts(real_xlsx.tables[0])
    assert t[4] == ["201", "一般公共服务支出", "2,112.86", "2,106.66", "6.20"]
    assert t[5] == ["2010601", "行政运行", "1,511.90", "1,511.89", "-"]  # accounting zero prints "-"
    assert t[6] == ["2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", ""]  # text numbers as typed
    assert t[7] == ["", "比上年增减", "(56.95)", "20.51%", ""]
