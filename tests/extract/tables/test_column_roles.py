"""The one column-role classifier (seeds/lexicon/column_roles.csv through loaders.vocab.tables):
the 21 ordinary headers on which the two old classifiers disagreed 13 times, each decided once,
and the same table giving the same facts in grid and text form."""

import pytest

from loaders.vocab.tables import column_role, kind_of_header, kind_of_title

# header -> role; the first 13 are the headers the old tables/prose classifiers disagreed on
HEADERS = {
    "上年结转": "carry_begin",  # income tables: the carry-over into this year, not last year's figure
    "年初结转和结余": "carry_begin",
    "本年收入": "income",
    "本年收入合计": "income",
    "行次": "serial",
    "栏次": "serial",
    "人员经费": "personnel",
    "公用经费": "public",
    "支出数": "total",
    "年末结转和结余": "carry_end",
    "结转结余（万元）": "carry_end",  # a project table's carry-over column
    "当年结转结余": "carry_end",
    "结转结余率%": "pct",  # a rate, not the carry-over
    "结转结余变动率%": "change_pct",
    "执行数": "total",
    "上缴上级支出": "ignore",
    "比重": "share",  # a share of the total, not a completion rate
    # agreed before, kept
    "合计": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "年初预算数": "budget",
    "决算数": "total",
    "金额": "total",
    "完成预算%": "pct",
    "调整预算数": "adjusted_budget",
    # the change and prior-year columns
    "增减额": "change_abs",
    "增减率": "change_pct",
    "比上年增减": "change_abs",
    "增减%": "change_pct",
    "上年决算数": "prior",
    "上年": "prior",
    "决算数为年初预算数的%": "pct",
    "一般公共预算财政拨款": None,  # a fund column, not a budget
    "": None,
}


@pytest.mark.parametrize("header,role", HEADERS.items())
def test_one_role_per_header(header, role):
    assert column_role(header) == role


def test_roles_ignore_width_and_spacing():
    assert column_role("本年 支出\n合计") == column_role("本年支出合计") == "total"
    assert column_role("完成预算％") == "pct"


def test_table_kinds_from_seed():
    assert kind_of_title("一般公共预算财政拨款“三公”经费支出决算表") == "three_public"
    assert kind_of_title("财政拨款收入支出决算总表") == "fin_total"
    assert kind_of_title("收入支出决算总表") == "total"
    assert kind_of_title("一般公共预算财政拨款支出决算具体情况表") == "expense"
    assert kind_of_title("2025年部门预算表") == "skip"
    assert kind_of_title("部门决算") is None
    assert kind_of_header("项目 行次 金额 一、财政拨款收入 一、教育支出") == "total"
    assert kind_of_header("科目编码 科目名称 本年支出合计 基本支出 项目支出") == "expense"
    assert kind_of_header("一般公共预算财政拨款 政府性基金预算财政拨款", "… 总计 …") == "fin_total"
    assert kind_of_header("一般公共预算财政拨款 政府性基金预算财政拨款", "") is None
