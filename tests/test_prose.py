"""Prose extractor: sentence patterns from different provinces' templates and the traps of
FACTS.md, on small synthetic texts (wording taken from real documents)."""

from decimal import Decimal
from pathlib import Path

import pytest

from loaders.extract.prose import extract_prose
from loaders.model import ParsedDocument
from loaders.numbers import value_in_evidence

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def facts(text: str):
    out = extract_prose(ParsedDocument(format="txt", text=text, blocks=[]))
    for f in out:
        assert f.evidence in text and value_in_evidence(f.value, f.evidence), f
        assert text[f.location.char_start:f.location.char_end] == f.evidence
    return out


def find(fs, metric, value=None, qualifier=None):
    return [f for f in fs if f.metric == metric and (value is None or f.value == Decimal(str(value)))
            and (qualifier is None or (f.qualifier or "").find(qualifier) >= 0)]


def test_income_lines_with_shares_fullwidth():
    fs = facts("2020年本年收入合计3765.66万元，其中：一般公共预算财政拨款收入1008.64万元，占26.79%；事业收入2148.69万元，占57.06%。")
    assert find(fs, "total_income", 3765.66)
    assert find(fs, "income_by_source", 1008.64, "一般公共预算财政拨款收入")
    assert find(fs, "share_pct", 26.79, "一般公共预算财政拨款收入")
    assert find(fs, "share_pct", 57.06, "事业收入")


def test_year_on_year_change_with_subject_of_previous_amount():
    fs = facts("2021年度收入合计351.38万元,较上年决算数减少10.95万元,下降3.0%,主要原因是缩减了预算。")
    [a] = find(fs, "prior_year_change_abs", 10.95)
    assert a.direction == "decrease" and a.qualifier == "收入合计" and a.unit == "万元"
    [p] = find(fs, "prior_year_change_pct", 3.0)
    assert p.direction == "decrease" and p.qualifier == "收入合计"


def test_change_subject_named_after_the_comparison():
    fs = facts("2023年收、支总计421.54万元。与2022年相比，收、支总计各增加232.56万元，增长123.06%。")
    assert {f.qualifier for f in find(fs, "total_income_expense", 421.54)} == {"收入总计", "支出总计"}
    [a] = find(fs, "prior_year_change_abs", 232.56)
    assert a.direction == "increase" and "收、支总计" in a.qualifier


def test_change_against_budget_or_an_older_year_is_not_prior_year():
    fs = facts("公务接待费支出2.14万元, 与2021年度预算相比,增加1.14万元,增长1.14%。")
    assert not find(fs, "prior_year_change_abs") and not find(fs, "prior_year_change_pct")
    fs = facts("2023年度“三公”经费财政拨款支出决算为62.07万元，比上年决算数增加38.97万元，增长168.7%；"
               "比2019年(疫情前)决算数减少24.87万元，降低28.6%。")
    assert find(fs, "prior_year_change_abs", 38.97, "三公")
    assert not find(fs, "prior_year_change_abs", 24.87) and not find(fs, "prior_year_change_pct", 28.6)


def test_placeholders_separators_and_template_residue():
    fs = facts("公务接待费支出决算为22.59万元，比上年决算数增加20.63万元，增长1,055.4%；"
               "公务用车购置支出决算为0万元，完成预算0万元的--%(基数为0,不可比)，比上年决算数增加0万元，增长--(基数为0,不可比)。")
    assert find(fs, "prior_year_change_pct", 1055.4, "公务接待费")
    assert not [f for f in fs if f.unit == "%" and f.value is None]
    fs = facts("2021年因公出国（境）支出决算比2020年增加/减少0万元，增长/下降0%。")
    assert not find(fs, "prior_year_change_abs") and not find(fs, "prior_year_change_pct")


def test_number_cut_at_the_excerpt_edge_is_not_a_fact():
    fs = facts("公务用车购置及运行维护费支出决算8.47万")
    assert not fs


def test_three_public_budget_inline_and_completion():
    fs = facts("2023年度“三公”经费财政拨款支出决算为62.07万元，完成全年预算84.82万元的73.2%。")
    assert find(fs, "three_public_total", 62.07)
    assert find(fs, "three_public_budget", 84.82, "合计")
    assert find(fs, "three_public_completion_pct", 73.2, "合计")


def test_yuan_document_keeps_printed_units():
    fs = facts("“三公”经费支出年初预算为12000.00元,支出决算为12,000.00元,完成年初预算的100%。"
               "因公出国(境)费支出0.00万元,占0.00%;公务接待费支出0.00元。")
    assert find(fs, "three_public_budget", 12000)[0].unit == "元"
    assert find(fs, "three_public_total", 12000)[0].value_text == "12,000.00"
    assert [f.unit for f in find(fs, "three_public_item", 0, "因公出国")] == ["万元"]


def test_counters():
    fs = facts("国内公务接待共15批次(其中外事接待0批次),105人次。共安排因公出国(境)团组0个,累计0人次。"
               "购置车辆0辆。公务用车保有量为1辆。")
    assert find(fs, "reception_batches", 15)[0].unit == "批次"
    assert find(fs, "reception_persons", 105)
    assert find(fs, "outbound_groups", 0)[0].unit == "个"
    assert find(fs, "outbound_persons", 0)
    assert find(fs, "vehicle_purchase_count", 0) and find(fs, "vehicle_count", 1)


def test_headcount_and_score():
    fs = facts("招商服务中心内有事业编制25名。现单位实有在职在编人员16名，退休职工6名。项目自评总得分为 99 分。")
    assert find(fs, "headcount", 25, "事业编制") and find(fs, "headcount", 16, "在职")
    assert find(fs, "headcount", 6, "退休")
    assert find(fs, "self_eval_score", 99)


def test_gpb_item_path_and_completion():
    fs = facts("1.社会保障和就业（类）：\n（1）行政事业单位养老（款）支出机关事业单位基本养老保险（项）支出决算为24.06万元，完成预算100%。")
    [f] = find(fs, "gpb_expense_item", 24.06)
    assert "社会保障和就业(类)" in f.qualifier and "基本养老保险(项)" in f.qualifier
    assert find(fs, "gpb_item_completion_pct", 100, "基本养老保险")


def test_codes_dates_and_phone_numbers_are_not_amounts():
    fs = facts("本单位成立于20105月。电话号码(区号) 0898 单位地址 琼山区铁桥路52号。米财预[2023]16号。项目编号51000021R000000019951")
    assert not fs


def test_text_inside_table_blocks_is_left_to_tables():
    from loaders.model import Block, Location

    text = "前言\n基本支出\t250.27万元\n"
    start = text.index("基本")
    doc = ParsedDocument(format="txt", text=text, blocks=[
        Block(0, "table", text[start:], Location(char_start=start, char_end=len(text)))])
    assert extract_prose(doc) == []


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples absent")
def test_sample_miyi_prose_facts():
    from loaders.formats import parse_file

    fs = extract_prose(parse_file(SAMPLES / "miyi-2023-land-expropriation-center.txt"))
    assert find(fs, "total_income_expense", 421.54)
    assert find(fs, "prior_year_change_abs", 232.56) and find(fs, "prior_year_change_pct", 123.06)
    assert find(fs, "expense_basic", 250.27) and find(fs, "expense_project", 171.27)
    for v in (24.06, 16.42, 366.24, 14.82):
        assert find(fs, "gpb_expense_by_function", v), v
    for v in (24.06, 9.43, 6.99, 170.18, 194.96, 1.1, 14.83):
        assert find(fs, "gpb_expense_item", v), v
    assert find(fs, "basic_personnel", 236.24) and find(fs, "basic_public", 14.03)
    for q, v in (("基本工资", 48.11), ("津贴补贴", 7.37), ("办公费", 1.99), ("劳务费", 3.69)):
        assert find(fs, "econ_item", v, q), q
    assert find(fs, "three_public_total", 0)
    assert find(fs, "office_running_cost", 14.03)
    assert find(fs, "prior_year_change_abs", 5.3, "机关运行经费") and find(fs, "prior_year_change_pct", 60.71)
    assert find(fs, "headcount", 12, "在职")
    assert find(fs, "project_budget", 159.5) and find(fs, "project_executed", 151.53)
    assert find(fs, "project_execution_rate", 95)


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples absent")
def test_sample_ziyang_prose_facts():
    from loaders.formats import parse_file

    fs = extract_prose(parse_file(SAMPLES / "ziyang-2021-land-development-center.md"))
    assert find(fs, "total_income_expense", 622.34)
    [a] = [f for f in find(fs, "prior_year_change_abs", 22.35) if f.qualifier == "收、支总计"]
    assert a.direction == "decrease"
    assert find(fs, "income_by_source", 210.85) and find(fs, "share_pct", 33.9, "一般公共预算财政拨款收入")
    assert find(fs, "income_by_source", 411.49) and find(fs, "share_pct", 66.1, "政府性基金")
    for v in (12.95, 10.76, 168.74, 18.41):
        assert find(fs, "gpb_expense_by_function", v), v
    assert find(fs, "basic_personnel", 184.73) and find(fs, "basic_public", 26.12)
    assert find(fs, "headcount", 15, "编制") and find(fs, "headcount", 11, "在职")
    assert find(fs, "self_eval_score", 99)
    assert not find(fs, "expense_project", 155.28)  # named in an explanation of a change
