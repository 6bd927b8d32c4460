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


TEMPLATE = B.REALDOCS / "shanghai-2024-department-final-accounts-template.pdf"


@pytest.fixture(scope="module")
def template():
    if not TEMPLATE.exists():
        pytest.skip("template PDF not present")
    return parse_file(TEMPLATE)


def test_template_shape(template):
    assert template.format == "pdf" and template.pages == 23
    assert len(template.tables) == 10
    assert all(t["ruled"] for t in template.meta["tables"])  # no prose taken for an unruled table
    headings = [b.text for b in template.blocks if b.kind == "heading"]
    for h in ("一、收入支出决算总体情况说明", "六、一般公共预算财政拨款基本支出决算情况说明", "（二）政府采购支出情况"):
        assert h in headings


def test_template_paragraphs_join_wide_spaced_lines(template):
    """Lines 1.5-spaced (a gap wider than a line height) still form one paragraph."""
    paras = {b.text for b in template.blocks if b.kind == "paragraph"}
    assert (
        "上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比，收入支出总计增加（减少）XXX 万元，"
        "增长（下降）XX%。主要原因：XXXXXXXX。（如持平作持平表述）"
    ) in paras


def test_template_paragraph_over_page_break(template):
    """A sentence cut after "增加（减少）" at the foot of page 15 continues on page 16."""
    p = next(b for b in template.blocks if b.text.startswith("一般公共预算财政拨款支出 XXX 万元，占本年支出合计的"))
    assert "支出增加（减少）XXX 万元，增长（下降）XX%。" in p.text
    assert p.location.page == 15
    assert template.page_of(p.location.char_start) == 15
    assert template.page_of(p.location.char_end - 1) == 16


@pytest.fixture(scope="module")
def putuo_without_rules():
    """The real Putuo layout read as if its tables had no ruling lines (Word exports of
    other provinces): the unruled-table reader alone must recover the rows."""
    from loaders.formats import pdf as pdfmod

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pdfmod, "_find_tables", lambda page: [])
        return parse_file(PUTUO)


def test_unruled_reader_on_real_layout(putuo_without_rules):
    doc = putuo_without_rules
    assert len(doc.tables) >= 9 and not any(t["ruled"] for t in doc.meta["tables"])
    income = _table_after(doc, "收入决算表")
    texts = [c.text for c in _row(income, "行政运行")]
    assert texts[:6] == ["201", "06", "01", "行政运行", "1,511.90", "1,511.89"]
    wrapped = [c.text for c in _row(income, "机关事业单位基本养老保险缴费支出")]
    assert wrapped[:3] == ["208", "05", "05"] and "160.75" in wrapped
    expense = _table_after(doc, "支出决算表")
    assert [c.text for c in _row(expense, "行政运行")][:7] == ["201", "06", "01", "行政运行", "1,511.89", "1,503.52", "8.37"]
    basic = _table_after(doc, "一般公共预算财政拨款基本支出决算表")
    assert [c.text for c in _row(basic, "基本工资")] == ["301", "01", "基本工资", "262.33", "302", "01", "办公费", "21.21"]
    totals = [c.text for c in _row(basic, "人员经费合计")]
    assert "2,152.26" in totals and "184.65" in totals
    assert "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%" in doc.text
