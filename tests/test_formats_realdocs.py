"""Real published PDFs (../shared/realdocs, never committed): skipped when absent."""

from __future__ import annotations

import pytest

import builders as B
from loaders.formats import parse_file

PUTUO = B.REALDOCS / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"

pytestmark = [
    pytest.mark.realdocs,
    pytest.mark.skipif(not PUTUO.exists(), reason="../shared/realdocs not present"),
]


@pytest.fixture(scope="module")
def putuo():
    return parse_file(PUTUO)


def _table_after(doc, title):
    """The first table following the heading whose text is ``title``."""
    seen = False
    for b in doc.blocks:
        if b.kind == "heading" and b.text == title:
            seen = True
        elif seen and b.kind == "table":
            return b
    raise AssertionError(f"no table after {title}")


def _row(table, *needles):
    for row in table.rows:
        texts = [c.text for c in row]
        if all(n in texts for n in needles):
            return row
    raise AssertionError(f"no row with {needles}")


def test_putuo_shape(putuo):
    assert putuo.format == "pdf" and putuo.pages == 25
    assert len(putuo.tables) >= 9
    for b in putuo.blocks:
        s, e = b.location.char_start, b.location.char_end
        assert putuo.text[s:e] == b.text and b.location.page is not None


def test_income_table_rows_pair_code_name_amounts(putuo):
    t = _table_after(putuo, "收入决算表")
    row = _row(t, "行政运行")
    texts = [c.text for c in row]
    assert texts[:3] == ["201", "06", "01"]  # 类 款 项 columns
    assert texts[4:6] == ["1,511.90", "1,511.89"]
    wrapped = _row(t, "机关事业单位基本养老保险缴费支出")  # label wrapped over two lines
    assert [c.text for c in wrapped][:3] == ["208", "05", "05"] and "160.75" in [c.text for c in wrapped]
    assert row[5].location.page == 8 and row[5].location.bbox is not None


def test_general_budget_table(putuo):
    t = _table_after(putuo, "一般公共预算财政拨款支出决算表")
    texts = [c.text for c in _row(t, "行政运行")]
    assert texts[:3] == ["201", "06", "01"] and texts[4:] == ["1,511.89", "1,503.52", "8.37"]


def test_two_lane_basic_expenditure_table(putuo):
    t = _table_after(putuo, "一般公共预算财政拨款基本支出决算表")
    texts = [c.text for c in _row(t, "基本工资")]
    assert texts == ["301", "01", "基本工资", "262.33", "302", "01", "办公费", "21.21"]
    spaced = [c.text for c in _row(t, "住房公积金")]
    assert spaced[4:6] == ["302", "12"] and spaced[6].startswith("因 公 出 国")
    totals = [c.text for c in _row(t, "人员经费合计")]
    assert "2,152.26" in totals and "184.65" in totals
    assert len({c.location.page for r in t.rows for c in r}) == 2  # continued on page 17


def test_explanation_sentences_are_whole(putuo):
    text = putuo.text
    assert "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%" in text
    assert "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%" in text
    assert "一般公共预算财政拨款基本支出2336.91万元。其中：人员经费2152.26万元" in text
    para = next(b for b in putuo.blocks if "本年收入合计2946.25万元" in b.text)
    assert para.kind == "paragraph" and para.location.page == 21
