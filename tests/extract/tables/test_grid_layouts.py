"""Edge layouts of the standard tables, on hand-built table blocks (the builder every format
parser uses): placeholders, one-column 总表, 行次 columns, whole-yuan two-lane tables, page-break
continuations, transposed 三公 tables; and the real Shanghai template PDF (placeholders only)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.config import PROJECT_ROOT
from loaders.extract import extract_facts
from loaders.extract.tables import extract_tables
from loaders.formats.builder import CellSpec, DocBuilder
from loaders.numbers import value_in_evidence

TEMPLATE = PROJECT_ROOT.parent / "shared" / "realdocs" / "shanghai-2024-department-final-accounts-template.pdf"


def _doc(*parts):
    """parts: ("title", text) / ("p", text) / ("table", rows)."""
    b = DocBuilder(format="pdf")
    for kind, payload in parts:
        if kind == "table":
            b.add_table([[CellSpec(t) for t in row] for row in payload])
        else:
            b.add_text("heading" if kind == "title" else "paragraph", payload)
    return b.build()


def _by(facts, metric, qualifier="*"):
    return [f for f in facts if f.metric == metric and (qualifier == "*" or f.qualifier == qualifier)]


def _check_evidence(doc, facts):
    for f in facts:
        assert f.evidence in doc.text and value_in_evidence(f.value, f.evidence)
        assert doc.text[f.location.char_start : f.location.char_end] == f.evidence


def test_placeholders_are_not_numbers_but_printed_zeros_are():
    rows = [
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["", "合计", "XXX.XX", "××", "0.00"],
        ["205", "教育支出", "XX", "0.00", "-"],
    ]
    doc = _doc(("title", "支出决算表"), ("p", "单位：万元"), ("table", rows))
    facts = extract_tables(doc)
    assert {(f.metric, f.value) for f in facts} == {("expense_project", Decimal("0.00"))}
    _check_evidence(doc, facts)


def test_one_column_total_table_with_bare_totals():
    rows = [
        ["项目", "决算数"],
        ["一、一般公共预算财政拨款收入", "500.00"],
        ["本年收入合计", "500.00"],
        ["年初结转和结余", "20.00"],
        ["总计", "520.00"],
        ["一、教育支出", "510.00"],
        ["本年支出合计", "510.00"],
        ["年末结转和结余", "10.00"],
        ["总计", "520.00"],
    ]
    facts = extract_tables(_doc(("title", "收入支出决算总表"), ("p", "单位：万元"), ("table", rows)))
    totals = sorted((f.qualifier, f.value) for f in _by(facts, "total_income_expense"))
    assert totals == [("支出总计", Decimal("520.00")), ("收入总计", Decimal("520.00"))]
    assert _by(facts, "expense_by_function", "教育支出")[0].value == Decimal("510.00")
    assert _by(facts, "carryover_end")[0].value == Decimal("10.00")


def test_row_number_column_after_the_name_is_not_an_amount():
    rows = [
        ["科目编码", "科目名称", "行次", "年初预算数", "决算数"],
        ["", "合计", "1", "100.00", "98.00"],
        ["2010601", "行政运行", "2", "100.00", "98.00"],
    ]
    facts = extract_tables(_doc(("title", "一般公共预算财政拨款支出决算表"), ("p", "单位：万元"), ("table", rows)))
    (item,) = _by(facts, "gpb_expense_item", "行政运行")
    assert item.value == Decimal("98.00") and item.subject_code == "2010601"
    assert _by(facts, "gpb_item_budget", "行政运行")[0].value == Decimal("100.00")
    assert not [f for f in facts if f.value in (Decimal(1), Decimal(2))]


def test_two_lane_basic_table_with_whole_yuan_amounts():
    rows = [
        ["科目编码", "科目名称", "决算数", "科目编码", "科目名称", "决算数"],
        ["30101", "基本工资", "262", "30201", "办公费", "21"],
        ["30102", "津贴补贴", "301", "302", "01", "印刷费", "7"],
        ["人员经费合计", "", "563", "公用经费合计", "", "28"],
    ]
    rows[2] = ["30102", "津贴补贴", "301", "30202", "印刷费", "7"]  # an amount equal to a 类 code
    facts = extract_tables(_doc(("title", "一般公共预算财政拨款基本支出决算表"), ("p", "金额单位：元"), ("table", rows)))
    econ = {f.qualifier: (f.value, f.subject_code, f.unit) for f in _by(facts, "econ_item")}
    assert econ == {
        "基本工资": (Decimal(262), "30101", "元"),
        "办公费": (Decimal(21), "30201", "元"),
        "津贴补贴": (Decimal(301), "30102", "元"),
        "印刷费": (Decimal(7), "30202", "元"),
    }
    assert _by(facts, "basic_personnel")[0].value == Decimal(563)


def test_page_break_continuation_keeps_the_column_labels():
    head = [
        ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
        ["201", "一般公共服务支出", "300.00", "200.00", "100.00"],
    ]
    tail = [["2010601", "行政运行", "200.00", "200.00", ""], ["2010650", "事业运行", "100.00", "", "100.00"]]
    doc = _doc(("title", "支出决算表"), ("p", "单位：万元"), ("table", head), ("table", tail))
    facts = extract_tables(doc)
    assert _by(facts, "expense_item_basic", "行政运行")[0].value == Decimal("200.00")
    assert _by(facts, "expense_item_project", "事业运行")[0].value == Decimal("100.00")
    assert not _by(facts, "expense_item_basic", "事业运行")
    _check_evidence(doc, facts)


def test_transposed_three_public_table():
    rows = [
        ["项目", "合计", "因公出国（境）费", "公务用车购置及运行维护费", "其中：公务用车购置费", "公务用车运行维护费", "公务接待费"],
        ["预算数", "10.00", "4.00", "5.00", "0.00", "5.00", "1.00"],
        ["决算数", "8.50", "3.00", "4.80", "0.00", "4.80", "0.70"],
    ]
    facts = extract_tables(_doc(("title", "“三公”经费支出决算表"), ("p", "单位：万元"), ("table", rows)))
    assert _by(facts, "three_public_total")[0].value == Decimal("8.50")
    assert _by(facts, "three_public_budget", "合计")[0].value == Decimal("10.00")
    items = {f.qualifier: f.value for f in _by(facts, "three_public_item")}
    assert items["公务接待费"] == Decimal("0.70") and items["公务用车购置费"] == Decimal("0.00")
    assert len(facts) == 12


def test_one_column_fin_total_table():
    rows = [
        ["项目", "行次", "金额"],
        ["一、一般公共预算财政拨款", "1", "880.00"],
        ["二、政府性基金预算财政拨款", "2", "20.00"],
        ["本年收入合计", "3", "900.00"],
        ["一、一般公共服务支出", "4", "880.00"],
        ["二、城乡社区支出", "5", "20.00"],
        ["本年支出合计", "6", "900.00"],
    ]
    facts = extract_tables(_doc(("title", "财政拨款收入支出决算总表"), ("p", "单位：万元"), ("table", rows)))
    got = {(f.metric, f.qualifier, f.value) for f in facts}
    assert got == {
        ("fin_income_by_source", "一般公共预算财政拨款", Decimal("880.00")),
        ("fin_income_by_source", "政府性基金预算财政拨款", Decimal("20.00")),
        ("fin_income_total", None, Decimal("900.00")),
        ("fin_expense_by_function", "一般公共服务支出", Decimal("880.00")),
        ("fin_expense_by_function", "城乡社区支出", Decimal("20.00")),
        ("fin_expense_total", None, Decimal("900.00")),
    }


def test_budget_tables_of_next_year_are_skipped():
    rows = [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "300.00"]]
    final = ("title", "某单位2024年度部门决算")  # a 决算 that also prints next year's 预算 tables
    assert extract_tables(_doc(final, ("title", "2025年一般公共预算支出预算表"), ("p", "单位：万元"), ("table", rows))) == []


def test_the_same_table_in_a_budget_document_is_read_under_the_final_metric_name():
    rows = [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "300.00"]]
    facts = extract_tables(_doc(("title", "2025年一般公共预算支出预算表"), ("p", "单位：万元"), ("table", rows)))
    assert [(f.metric, f.subject_code, str(f.value)) for f in facts] == [("gpb_expense_by_function", "201", "300.00")]


@pytest.mark.skipif(not TEMPLATE.is_file(), reason="../shared/realdocs not present")
def test_template_placeholders_give_no_table_facts():
    from loaders.formats import parse_file

    doc = parse_file(TEMPLATE)
    assert len(doc.tables) >= 9  # the nine standard tables were read as tables
    facts = extract_facts(doc)
    assert not [f for f in facts if f.source == "table"]
    for f in facts:  # whatever prose finds: XX / ×× never become numbers
        assert f.value_text is None or ("X" not in f.value_text and "×" not in f.value_text)


def test_partial_codes_under_their_parent_rows_are_completed():
    rows = [
        ["类", "款", "项", "科目名称", "本年支出合计"],
        ["201", "", "", "一般公共服务支出", "300.00"],
        ["", "06", "", "财政事务", "300.00"],
        ["", "", "01", "行政运行", "200.00"],
        ["", "", "50", "事业运行", "100.00"],
        ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "50.00"],
        ["", "", "06", "机关事业单位职业年金缴费支出", "25.00"],
    ]
    facts = extract_tables(_doc(("title", "支出决算表"), ("p", "单位：万元"), ("table", rows)))
    codes = {f.qualifier: f.subject_code for f in facts}
    assert codes == {
        "一般公共服务支出": "201", "财政事务": "20106", "行政运行": "2010601", "事业运行": "2010650",
        "机关事业单位基本养老保险缴费支出": "2080505", "机关事业单位职业年金缴费支出": "2080506",
    }
    assert _by(facts, "expense_by_function", "一般公共服务支出")[0].value == Decimal("300.00")
    assert _by(facts, "expense_item", "行政运行")[0].value == Decimal("200.00")


def test_project_expense_table_by_subject():
    rows = [
        ["科目编码", "科目名称", "决算数"],
        ["", "合计", "120.00"],
        ["2010650", "事业运行", "120.00"],
    ]
    facts = extract_tables(_doc(("title", "一般公共预算财政拨款项目支出决算表"), ("p", "单位：万元"), ("table", rows)))
    assert {(f.metric, f.qualifier, f.value) for f in facts} == {
        ("gpb_expense_project", None, Decimal("120.00")),
        ("gpb_expense_item_project", "事业运行", Decimal("120.00")),
    }


def test_untitled_fin_total_table_is_known_by_its_fund_columns():
    rows = [
        ["项目", "决算数", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款"],
        ["一、一般公共预算财政拨款", "50.00", "一、教育支出", "50.00", "50.00", ""],
        ["总计", "50.00", "总计", "50.00", "50.00", ""],
    ]
    facts = extract_tables(_doc(("p", "单位：万元"), ("table", rows)))
    assert {(f.metric, f.value) for f in facts} >= {
        ("fin_income_by_source", Decimal("50.00")), ("gpb_expense_by_function", Decimal("50.00")),
        ("fin_approp_total", Decimal("50.00")),
    }


def test_three_public_vertical_with_count_rows_and_subtotals():
    rows = [
        ["项目", "预算数", "决算数"],
        ["合计", "6.00", "5.20"],
        ["因公出国（境）费", "0.00", "0.00"],
        ["公务接待费", "2.00", "1.20"],
        ["其中：国内公务接待批次（批次）", "", "12"],
        ["国内公务接待人次（人次）", "", "96"],
        ["公务用车购置及运行维护费", "4.00", "4.00"],
        ["公务用车保有量（辆）", "", "3"],
    ]
    doc = _doc(("title", "财政拨款“三公”经费支出决算表"), ("p", "单位：万元"), ("table", rows))
    facts = extract_tables(doc)
    got = {(f.metric, f.qualifier, f.value, f.unit) for f in facts}
    assert ("reception_batches", "国内", Decimal(12), "批次") in got
    assert ("reception_persons", "国内", Decimal(96), "人次") in got
    assert ("vehicle_count", None, Decimal(3), "辆") in got
    assert ("three_public_item", "公务接待费", Decimal("1.20"), "万元") in got
    assert not [f for f in facts if f.metric.startswith("three_public") and f.value in (Decimal(12), Decimal(96), Decimal(3))]
    _check_evidence(doc, facts)


def test_total_rows_named_by_their_side_and_code_glued_to_name():
    rows = [
        ["科目", "本年支出合计", "基本支出", "项目支出"],
        ["本年支出合计", "300.00", "200.00", "100.00"],
        ["2010601行政运行", "200.00", "200.00", ""],
        ["其中：2010650事业运行", "100.00", "", "100.00"],
    ]
    facts = extract_tables(_doc(("title", "支出决算表"), ("p", "单位：万元"), ("table", rows)))
    assert _by(facts, "total_expense")[0].value == Decimal("300.00")
    assert _by(facts, "expense_item", "行政运行")[0].subject_code == "2010601"
    assert _by(facts, "expense_item_project", "事业运行")[0].subject_code == "2010650"
    assert not [f for f in facts if f.qualifier and "合计" in f.qualifier]


def test_three_public_short_vehicle_sub_labels():
    rows = [
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "购置费", "", "运行维护费", "", "", ""],
        ["预算数", "决算数"] * 6,
        ["9.00", "8.00", "1.00", "1.00", "6.00", "5.50", "4.00", "4.00", "2.00", "1.50", "2.00", "1.50"],
    ]
    facts = extract_tables(_doc(("title", "财政拨款“三公”经费支出决算表"), ("p", "单位：万元"), ("table", rows)))
    items = {f.qualifier: f.value for f in _by(facts, "three_public_item")}
    assert items == {
        "因公出国（境）费": Decimal("1.00"), "公务用车购置及运行维护费": Decimal("5.50"),
        "公务用车购置费": Decimal("4.00"), "公务用车运行维护费": Decimal("1.50"), "公务接待费": Decimal("1.50"),
    }
    assert len(_by(facts, "three_public_budget")) == 6 and _by(facts, "three_public_total")[0].value == Decimal("8.00")


def test_long_label_wrapped_onto_the_next_row_of_an_unruled_table():
    rows = [
        ["科目编码", "科目名称", "本年支出合计"],
        ["2120899", "其他国有土地使用权出让收入安排", "80.00"],
        ["", "的支出", ""],
        ["2080505", "机关事业单位基本养老保险缴费支出", "50.00"],
        ["", "行政运行", ""],  # a complete name with a blank amount is no continuation
    ]
    facts = extract_tables(_doc(("title", "支出决算表"), ("p", "单位：万元"), ("table", rows)))
    assert {f.qualifier for f in facts} == {"其他国有土地使用权出让收入安排的支出", "机关事业单位基本养老保险缴费支出"}


def test_two_lane_table_without_codes_keeps_two_digit_amounts():
    rows = [
        ["项目", "决算数", "项目", "决算数"],
        ["基本工资", "21", "办公费", "7"],
        ["津贴补贴", "35", "印刷费", "12"],
    ]
    facts = extract_tables(_doc(("title", "一般公共预算财政拨款基本支出决算表"), ("p", "单位：万元"), ("table", rows)))
    econ = {f.qualifier: f.value for f in _by(facts, "econ_item")}
    assert econ == {"基本工资": Decimal(21), "办公费": Decimal(7), "津贴补贴": Decimal(35), "印刷费": Decimal(12)}
