"""Amounts in sentences: income lines, totals, 类/款/项 items, listed amounts, printed units."""

from __future__ import annotations

from prosekit import facts, find, find_exact


def test_income_lines_with_shares_fullwidth():
    fs = facts("2020年本年收入合计3765.66万元，其中：一般公共预算财政拨款收入1008.64万元，占26.79%；事业收入2148.69万元，占57.06%。")
    assert find(fs, "total_income", 3765.66)
    assert find(fs, "income_by_source", 1008.64, "一般公共预算财政拨款收入")
    assert find(fs, "share_pct", 26.79, "一般公共预算财政拨款收入")
    assert find(fs, "share_pct", 57.06, "事业收入")


def test_yuan_document_keeps_printed_units():
    fs = facts("“三公”经费支出年初预算为12000.00元,支出决算为12,000.00元,完成年初预算的100%。"
               "因公出国(境)费支出0.00万元,占0.00%;公务接待费支出0.00元。")
    assert find(fs, "three_public_budget", 12000)[0].unit == "元"
    assert find(fs, "three_public_total", 12000)[0].value_text == "12,000.00"
    assert [f.unit for f in find(fs, "three_public_item", 0, "因公出国")] == ["万元"]


def test_gpb_item_path_and_completion():
    fs = facts("1.社会保障和就业（类）：\n（1）行政事业单位养老（款）支出机关事业单位基本养老保险（项）支出决算为24.06万元，完成预算100%。")
    [f] = find(fs, "gpb_expense_item", 24.06)
    assert "社会保障和就业(类)" in f.qualifier and "基本养老保险(项)" in f.qualifier
    assert find(fs, "gpb_item_completion_pct", 100, "基本养老保险")


def test_item_named_in_previous_sentence():
    fs = facts("2023年度一般公共预算财政拨款支出决算具体情况如下:\n"
               "1.教育支出（类）普通教育（款）小学教育（项）。年初预算为50.00万元，支出决算为61.20万元，"
               "完成年初预算的122.40%。\n2.教育支出（类）普通教育（款）初中教育（项）。年初预算为0万元，支出决算为7.5万元。")
    assert find(fs, "gpb_item_budget", 50, "小学教育") and find(fs, "gpb_expense_item", 61.2, "小学教育")
    assert find(fs, "gpb_item_completion_pct", 122.4, "小学教育", "%")
    assert find(fs, "gpb_item_budget", 0, "初中教育") and find(fs, "gpb_expense_item", 7.5, "初中教育")
    assert not find(fs, "gpb_item_completion_pct", q="初中教育")


def test_respectively_list_pairs_names_and_amounts():
    fs = facts("本年收入主要为事业收入和其他收入，分别为120.00万元、8.50万元，分别占93.39%、6.61%。")
    assert find(fs, "income_by_source", 120, "事业收入") and find(fs, "income_by_source", 8.5, "其他收入")
    assert find(fs, "share_pct", 93.39, "事业收入") and find(fs, "share_pct", 6.61, "其他收入")


def test_amount_explaining_a_change_and_next_year_budget_are_not_facts():
    fs = facts("2022年度“三公”经费支出决算为30.00万元。减少的原因是部分单位上划，减少了“三公”经费8.00万元，"
               "其中公务用车购置及运行维护费6.00万元。\n2023年“三公”经费预算安排28.00万元。")
    assert find(fs, "three_public_total", 30)
    assert not find(fs, "three_public_item", 6) and not find(fs, "three_public_budget", 28)


def test_item_sentence_does_not_leak_to_unrelated_next_sentence():
    fs = facts("2.公务接待费。\n本单位机关运行经费支出12.30万元。")
    assert not find_exact(fs, "three_public_budget") and not find_exact(fs, "three_public_item")
    assert find_exact(fs, "office_running_cost", 12.30)
