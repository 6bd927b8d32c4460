"""Signed numbers in table change columns (增减额 -204.61, 增减率 -7.03%) are changes against
last year: prior_year_change_abs / _pct with the magnitude as value, the sign as direction and
the row's item as qualifier; last year's column itself gives no fact."""

from decimal import Decimal

import pytest

from tablekit import table_facts

SUBJECT_ROWS = [
    ["科目编码", "科目名称", "本年决算数", "上年决算数", "增减额", "增减率"],
    ["合计", "", "2,700.00", "2,904.61", "-204.61", "-7.03%"],
    ["205", "教育支出", "900.00", "880.00", "20.00", "2.27%"],
    ["2050203", "初中教育", "900.00", "880.00", "0.00", "0.00%"],
]
THREE_PUBLIC_ROWS = [
    ["项目", "本年决算数", "上年决算数", "增减额", "增减率"],
    ["合计", "8.20", "9.00", "-0.80", "-8.89%"],
    ["公务接待费", "2.20", "2.00", "+0.20", "10.00%"],
    ["因公出国（境）费", "0.00", "0.00", "-", "-"],
]


def render(title: str, rows: list[list[str]], sep: str) -> str:
    return f"{title}\n单位：万元\n" + "".join(sep.join(r) + "\n" for r in rows)


def got(facts, metric):
    return {(f.qualifier, f.value, f.unit, f.direction, f.subject_code) for f in facts if f.metric == metric}


@pytest.mark.parametrize("sep", [" | ", "\t", "|"])
def test_subject_table_change_columns(sep):
    fs = table_facts(render("支出决算表", SUBJECT_ROWS, sep))
    assert got(fs, "prior_year_change_abs") == {
        ("合计", Decimal("204.61"), "万元", "decrease", None),
        ("教育支出", Decimal("20.00"), "万元", "increase", "205"),
        ("初中教育", Decimal("0.00"), "万元", None, "2050203"),
    }
    assert got(fs, "prior_year_change_pct") == {
        ("合计", Decimal("7.03"), "%", "decrease", None),
        ("教育支出", Decimal("2.27"), "%", "increase", "205"),
        ("初中教育", Decimal("0.00"), "%", None, "2050203"),
    }
    # this year's amounts are still read; last year's column is no fact
    assert got(fs, "total_expense") == {(None, Decimal("2700.00"), "万元", None, None)}
    assert not [f for f in fs if f.value in (Decimal("2904.61"), Decimal("880.00"))]
    for f in fs:
        if f.metric.startswith("prior_year_change"):
            assert f.evidence.rstrip("%").endswith(f.value_text)  # evidence ends with the signed cell


@pytest.mark.parametrize("title", ["“三公”经费支出决算表", "表6 2023年度“三公”经费及机关运行经费决算对比表"])
@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_three_public_change_columns(sep, title):
    fs = table_facts(render(title, THREE_PUBLIC_ROWS, sep))
    assert got(fs, "prior_year_change_abs") == {
        ("合计", Decimal("0.80"), "万元", "decrease", None),
        ("公务接待费", Decimal("0.20"), "万元", "increase", None),
    }
    assert ("公务接待费", Decimal("10.00"), "%", "increase", None) in got(fs, "prior_year_change_pct")
    assert got(fs, "three_public_item") == {("公务接待费", Decimal("2.20"), "万元", None, None),
                                           ("因公出国（境）费", Decimal("0.00"), "万元", None, None)}
    assert not [f for f in fs if f.metric.startswith("three_public") and f.value in (Decimal("9.00"), Decimal("2.00"))]


TOTAL_ROWS = [
    ["项目", "行次", "本年决算数", "上年决算数", "增减额", "增减率"],
    ["一、一般公共预算财政拨款收入", "1", "1,250.40", "1,300.00", "-49.60", "-3.82%"],
    ["二、事业收入", "2", "", "30.00", "-30.00", "-100.00%"],
    ["本年收入合计", "3", "1,250.40", "1,330.00", "-79.60", "-5.98%"],
]


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_total_table_change_columns_and_no_prior_amount_for_a_blank(sep):
    fs = table_facts(render("收入支出决算总表", TOTAL_ROWS, sep))
    assert ("本年收入合计", Decimal("79.60"), "万元", "decrease", None) in got(fs, "prior_year_change_abs")
    assert ("事业收入", Decimal("100.00"), "%", "decrease", None) in got(fs, "prior_year_change_pct")
    assert {(f.qualifier, f.value) for f in fs if f.metric == "income_by_source"} == {("一般公共预算财政拨款收入", Decimal("1250.40"))}
    # last year's column never gives this year's amount, not even where this year's cell is blank
    assert not [f for f in fs if not f.metric.startswith("prior_year_change")
                and f.value in (Decimal("1300.00"), Decimal("30.00"), Decimal("1330.00"))]


def test_income_table_change_columns():
    rows = [["科目编码", "科目名称", "本年收入合计", "上年收入合计", "增减额"],
            ["合计", "", "612.84", "648.11", "-35.27"],
            ["201", "一般公共服务支出", "486.21", "470.00", "16.21"]]
    fs = table_facts(render("收入决算表", rows, " | "))
    assert got(fs, "prior_year_change_abs") == {("合计", Decimal("35.27"), "万元", "decrease", None),
                                               ("一般公共服务支出", Decimal("16.21"), "万元", "increase", "201")}
    assert {f.value for f in fs if f.metric in ("total_income", "income_item")} == {Decimal("612.84"), Decimal("486.21")}


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_one_fund_comparison_table_under_a_section_heading(sep):
    # a heading "……与上年对比情况" above a 科目编码 | 科目名称 table: the fund's metrics; the 合计
    # row's change is the fund's spending; a page number between two parts does not end the table
    rows = [["科目编码", "科目名称", "2023年决算数", "2022年决算数", "增减额", "增减率"],
            ["", "合计", "1,100.00", "1,000.00", "100.00", "10.00%"],
            ["205", "教育支出", "700.00", "650.00", "50.00", "7.69%"]]
    more = [rows[0], ["210", "卫生健康支出", "400.00", "350.00", "50.00", "14.29%"]]
    text = (render("（二）一般公共预算财政拨款支出决算与上年对比情况", rows, sep)
            + "— 9 —\n" + "".join(sep.join(r) + "\n" for r in more))
    fs = table_facts(text)
    assert {(f.qualifier, f.value) for f in fs if f.metric == "gpb_expense_by_function"} == {
        ("教育支出", Decimal("700.00")), ("卫生健康支出", Decimal("400.00"))}
    assert not [f for f in fs if f.metric == "expense_by_function"]
    assert ("一般公共预算财政拨款支出", Decimal("100.00"), "万元", "increase", None) in got(fs, "prior_year_change_abs")


SUMMARY_ROWS = [
    ["项目", "2023年决算数", "2022年决算数", "增减额", "增减率"],
    ["一、本年收入合计", "1,000.00", "900.00", "100.00", "11.11%"],
    ["其中：财政拨款收入", "800.00", "700.00", "100.00", "14.29%"],
    ["二、本年支出合计", "950.00", "980.00", "-30.00", "-3.06%"],
    ["其中：基本支出", "600.00", "610.00", "-10.00", "-1.64%"],
    ["项目支出", "350.00", "370.00", "-20.00", "-5.41%"],
    ["三、“三公”经费", "5.00", "6.00", "-1.00", "-16.67%"],
    ["四、某项说明", "1.00", "1.00", "0.00", "0.00%"],
]


@pytest.mark.parametrize("sep", [" | ", "\t"])
def test_headline_figures_table_names_each_row_by_its_wording(sep):
    fs = table_facts(render("二、2023年度收入支出决算主要指标对比表", SUMMARY_ROWS, sep))
    amounts = {(f.metric, f.value) for f in fs if not f.metric.startswith("prior_year_change")}
    assert amounts == {("total_income", Decimal("1000.00")), ("income_by_source", Decimal("800.00")),
                       ("total_expense", Decimal("950.00")), ("expense_basic", Decimal("600.00")),
                       ("expense_project", Decimal("350.00")), ("three_public_total", Decimal("5.00"))}
    assert ("基本支出", Decimal("10.00"), "万元", "decrease", None) in got(fs, "prior_year_change_abs")
    assert not [f for f in fs if f.value == Decimal("900.00") or f.qualifier == "某项说明"]
