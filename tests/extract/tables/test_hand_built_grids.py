"""Table extraction on hand-built table blocks (the same builder the format parsers use)."""

from __future__ import annotations

from decimal import Decimal

from loaders.extract.tables import extract_tables
from loaders.extract.tables.project import perf_value
from loaders.formats.builder import CellSpec, DocBuilder
from loaders.numbers import value_in_evidence


def _doc(title: str | None, rows: list[list[str]], unit_line: str | None = None):
    b = DocBuilder(format="pdf")
    if title:
        b.add_text("heading", title)
    if unit_line:
        b.add_text("paragraph", unit_line)
    b.add_table([[CellSpec(t) for t in row] for row in rows])
    return b.build()


def _by(facts, metric, qualifier=None):
    return [f for f in facts if f.metric == metric and (qualifier is None or f.qualifier == qualifier)]


EXPENSE_ROWS = [
    ["科目编码", "", "", "科目名称", "项目支出", "本年支出合计", "基本支出"],  # columns out of the usual order
    ["类", "款", "项", "合计", "603.14", "2,940.05", "2,336.91"],
    ["201", "", "", "一般公共服务支出", "603.14", "2,106.66", "1,503.52"],
    ["201", "06", "01", "行政运行", "8.37", "1,511.89", "1,503.52"],
    ["201", "06", "02", "一般行政管理事务", "10.00", "10.00", "-"],
]


def test_subject_table_maps_columns_by_label_and_reads_codes():
    doc = _doc("支出决算表", EXPENSE_ROWS, "单位：万元")
    facts = extract_tables(doc)
    (item,) = _by(facts, "expense_item", "行政运行")
    assert item.value == Decimal("1511.89") and item.subject_code == "2010601" and item.unit == "万元"
    assert _by(facts, "expense_item_basic", "行政运行")[0].value == Decimal("1503.52")
    assert _by(facts, "expense_item_project", "行政运行")[0].value == Decimal("8.37")
    (cls,) = _by(facts, "expense_by_function")
    assert cls.subject_code == "201" and cls.value == Decimal("2106.66")
    assert _by(facts, "total_expense")[0].value == Decimal("2940.05")
    assert _by(facts, "expense_basic")[0].value == Decimal("2336.91")
    # '-' is missing: no fact, never 0
    assert not _by(facts, "expense_item_basic", "一般行政管理事务")
    for f in facts:
        assert f.source == "table" and f.evidence in doc.text and value_in_evidence(f.value, f.evidence)
        assert doc.text[f.location.char_start : f.location.char_end] == f.evidence


def test_unit_from_header_and_row_numbers_ignored():
    rows = [
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["一、一般公共预算财政拨款收入", "1", "120,000.00", "一、一般公共服务支出", "32", "100,000.00"],
        ["本年收入合计", "10", "120,000.00", "本年支出合计", "40", "100,000.00"],
        ["总计", "12", "130,000.00", "总计", "45", "130,000.00"],
    ]
    facts = extract_tables(_doc("收入支出决算总表", rows, "金额单位：元"))
    assert {f.unit for f in facts} == {"元"}
    assert all(f.value >= 100000 for f in facts)  # 行次 1/32/10/40 are never amounts
    (src,) = _by(facts, "income_by_source")
    assert src.qualifier == "一般公共预算财政拨款收入"
    assert sorted(f.qualifier for f in _by(facts, "total_income_expense")) == ["支出总计", "收入总计"]
    assert _by(facts, "expense_by_function")[0].qualifier == "一般公共服务支出"


def test_basic_table_two_lanes():
    rows = [
        ["经济分类", "", "科目名称", "决算数", "经济分类", "", "科目名称", "决算数"],
        ["科目编码", "", "", "", "科目编码", "", "", ""],
        ["301", "01", "基本工资", "262.33", "302", "01", "办公费", "21.21"],
        ["301", "08", "机关事业单位基本养老保险缴费", "160.75", "302", "11", "差旅费", ""],
        ["人员经费合计", "", "", "2,152.26", "公用经费合计", "", "", "184.65"],
    ]
    facts = extract_tables(_doc("一般公共预算财政拨款基本支出决算表", rows, "单位：万元"))
    econ = {f.qualifier: (f.value, f.subject_code) for f in _by(facts, "econ_item")}
    assert econ["基本工资"] == (Decimal("262.33"), "30101")
    assert econ["办公费"] == (Decimal("21.21"), "30201")
    assert "差旅费" not in econ  # blank cell
    assert _by(facts, "basic_personnel")[0].value == Decimal("2152.26")
    assert _by(facts, "basic_public")[0].value == Decimal("184.65")


def test_three_public_horizontal_groups():
    rows = [
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行费", "", "", ""],
        ["预算数", "决算数"] * 6,
        ["3.00", "2.50", "", "", "2.00", "1.80", "", "", "2.00", "1.80", "1.00", "0.70"],
    ]
    facts = extract_tables(_doc("财政拨款“三公”经费支出决算表", rows, "单位：万元"))
    assert _by(facts, "three_public_total")[0].value == Decimal("2.50")
    items = {f.qualifier: f.value for f in _by(facts, "three_public_item")}
    assert items == {"公务用车购置及运行维护费": Decimal("1.80"), "公务用车运行维护费": Decimal("1.80"), "公务接待费": Decimal("0.70")}
    budgets = {f.qualifier: f.value for f in _by(facts, "three_public_budget")}
    assert budgets["合计"] == Decimal("3.00") and budgets["公务接待费"] == Decimal("1.00")


def test_project_table_hundred_yuan_once_and_indicators():
    rows = [
        ["项目名称", "示例项目"],
        ["预算执行情况", "项目", "预算额(百元)", "执行额(百元)", "当年结转结余(百元)"],
        ["", "合计", "8982", "8900", "—"],
        ["财政拨款结构", "项目", "合计", "一般公共预算安排", "政府性基金预算安排"],
        ["", "预算额(百元)", "—", "—", "8982"],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "预算指标值", "预算指标值执行结果"],
        ["", "产出指标", "数量指标", "安置户数", "104 户", "完成"],
        ["", "", "质量指标", "满意度", "≥95%", "96%"],
        ["", "", "时效指标", "完成年限", "2023年", "2023年"],
    ]
    facts = extract_tables(_doc("2021 年度市本级项目支出绩效目标完成情况表", rows))
    (budget,) = _by(facts, "project_budget")
    assert (budget.value, budget.unit, budget.qualifier) == (Decimal("8982"), "百元", "示例项目")
    assert _by(facts, "project_executed")[0].value == Decimal("8900")
    assert not _by(facts, "project_carryover")  # '—' is missing
    targets = {f.qualifier: (f.value, f.unit) for f in _by(facts, "perf_indicator_target")}
    assert targets == {"安置户数（示例项目）": (Decimal("104"), "户"), "满意度（示例项目）": (Decimal("95"), "%")}
    assert _by(facts, "perf_indicator_actual")[0].value == Decimal("96")


def test_score_table_total():
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标解释", "自评分数"],
        ["投入", "目标设定", "绩效目标合理性(2分)", "…", "2"],
        ["合 计", "", "", "", "99"],
    ]
    facts = extract_tables(_doc("2021 年度市本级部门整体支出绩效自评计分表", rows))
    (score,) = _by(facts, "self_eval_score")
    assert score.value == Decimal("99") and score.qualifier == "部门整体"


def test_untitled_chart_data_is_not_read():
    rows = [["支出", "2022年", "2023年", "188.98", "421.54"]]
    assert extract_tables(_doc(None, rows)) == []


def test_perf_value():
    assert perf_value("8套") == (Decimal("8"), "套", "8")
    assert perf_value("实现率≥95%") == (Decimal("95"), "%", "95")
    assert perf_value("159.5万元") == (Decimal("159.5"), "万元", "159.5")
    assert perf_value("2024年") is None
    assert perf_value("好") is None
    assert perf_value("年底") is None
    assert perf_value("≤1500元/亩") == (Decimal("1500"), "元/亩", "1500")  # a rate per unit of output
    assert perf_value("≤5万元/公里") == (Decimal("5"), "万元/公里", "5")


def test_income_table_total_row_gives_the_income_by_source_columns():
    rows = [["项目", "", "本年收入合计", "财政拨款收入", "上级补助收入", "事业收入", "其他收入"],
            ["功能分类科目编码", "科目名称", "", "", "", "", ""],
            ["", "合计", "612.48", "586.20", "", "18.60", "7.68"],
            ["201", "一般公共服务支出", "480.36", "454.08", "", "18.60", "7.68"]]
    facts = extract_tables(_doc("收入决算表", rows, "单位：万元"))
    got = {(f.qualifier, f.value) for f in _by(facts, "income_by_source")}
    assert got == {("财政拨款收入", Decimal("586.20")), ("事业收入", Decimal("18.60")), ("其他收入", Decimal("7.68"))}
    assert [f.value for f in _by(facts, "total_income")] == [Decimal("612.48")]
    assert not any(f.value == Decimal("454.08") and f.metric == "income_by_source" for f in facts)  # a subject row
