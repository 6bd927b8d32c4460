"""The row labels of a 收入支出决算总表, the fund lines of its 财政拨款 twin, the 人员经费 / 公用经费
lanes of a 基本支出表 and 机关运行经费 beside a 三公 table come from the seeds, through
loaders.vocab.tables (seeds/lexicon/table_row_labels.csv, income_lines.csv, fund_scopes.csv,
metric_wordings.csv)."""

import pytest

from loaders.extract.tables.columns import fund_of
from loaders.vocab import read_seed
from loaders.vocab.tables import basic_lane_metric, fund_lines, office_running_wording, row_label


@pytest.mark.parametrize(
    "label, metric",
    [
        ("本年收入合计", "total_income"),
        ("收 入 合 计", "total_income"),  # letter-spaced print
        ("本年支出合计", "total_expense"),
        ("年初结转和结余", "carryover_begin"),
        ("上年结转", "carryover_begin"),
        ("年末结转和结余", "carryover_end"),
        ("使用非财政拨款结余（含专用结余）", "nonfiscal_balance_used"),
        ("基本支出", "expense_basic"),
        ("项目支出", "expense_project"),
        ("一、财政拨款收入", "income_by_source"),
        ("事业收入", "income_by_source"),
    ],
)
def test_a_total_table_row_label_names_its_metric(label, metric):
    rule = row_label(label)
    assert rule is not None and rule.metric == metric
    assert rule.qualifier_for(label) == label


@pytest.mark.parametrize("label", ["本年收入", "本年支出", "一般公共服务支出", "基本支出合计", "其他收入来源说明", "合计", ""])
def test_a_heading_or_a_longer_label_names_no_total_table_metric(label):
    assert row_label(label) is None


def test_every_income_line_is_a_row_label_of_the_total_table():
    for r in read_seed("income_lines"):
        rule = row_label(r["income_line"])
        assert rule is not None and rule.metric == "income_by_source", r["income_line"]


def test_the_fund_lines_are_the_income_lines_of_one_fund():
    lines = fund_lines()
    assert sorted(fund_of(line) for line in lines) == ["gfb", "gpb", "scob"]
    names = {r["income_line"] for r in read_seed("income_lines")}
    assert all(line + "收入" in names for line in lines)


@pytest.mark.parametrize(
    "label, metric",
    [("人员经费", "basic_personnel"), ("人员经费合计", "basic_personnel"), ("公用经费", "basic_public"),
     ("日常公用经费", "basic_public"), ("工资福利支出", None), ("其中：人员经费", None)],
)
def test_a_basic_table_lane_starts_with_its_wording(label, metric):
    assert basic_lane_metric(label) == metric


def test_office_running_cost_is_worded_by_the_lexicon_and_labelled_by_the_metrics_seed():
    pattern, label = office_running_wording()
    assert pattern.search("其中：机关运行经费") and label == "机关运行经费"
