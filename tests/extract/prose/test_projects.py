"""Projects and performance in prose: project blocks, names, money words, indicators, scores."""

from __future__ import annotations

from decimal import Decimal

from prosekit import facts, find, find_exact


def test_project_block_and_indicators():
    fs = facts("（二）项目绩效自评结果\n1.农村道路养护项目绩效自评综述：项目自评得分为88分。全年预算数50.00万元，"
               "执行数45.00万元，完成预算的90.00%。主要产出：养护道路30公里（指标值：≥25公里），"
               "群众满意度96%（指标值：≥90%）。\n（三）部门评价结果\n本部门组织评价项目3个，涉及资金80.00万元。")
    assert find(fs, "self_eval_score", 88, "农村道路养护", "分")
    assert find(fs, "project_adjusted_budget", 50, "农村道路养护")
    assert find(fs, "project_executed", 45, "农村道路养护")
    assert find(fs, "project_execution_rate", 90, "农村道路养护")
    assert find(fs, "perf_indicator_actual", 30, "养护道路", "公里") and find(fs, "perf_indicator_target", 25, "养护道路")
    assert find(fs, "perf_indicator_actual", 96, "满意度", "%") and find(fs, "perf_indicator_target", 90, "满意度")
    assert not [f for f in fs if f.value == Decimal("80.00")]  # coverage of an evaluation


def test_quoted_rating_is_not_a_project_name():
    fs = facts("绩效自评的项目4个，涉及预算金额98.42万元（其中绩效评级为“不合格”的项目0个）。"
               "“社区养老服务”项目年初预算20.00万元，实际支出19.00万元。")
    assert not [f for f in fs if f.qualifier == "不合格"]
    assert not find(fs, "project_budget", 98.42)
    assert find(fs, "project_budget", 20, "社区养老服务") and find(fs, "project_executed", 19, "社区养老服务")


def test_unquoted_project_named_in_its_clause():
    fs = facts("项目支出主要用于乡村道路养护。其中：农村公路养护项目年初预算80.00万元，调整后预算90.00万元，"
               "实际支出85.50万元，预算执行率95.00%，当年结转结余4.50万元。")
    for metric, v in (("project_budget", 80), ("project_adjusted_budget", 90), ("project_executed", 85.5),
                      ("project_execution_rate", 95), ("project_carryover", 4.5)):
        assert find(fs, metric, v, "农村公路养护"), metric


def test_balance_without_a_project_is_not_a_project_carryover():
    fs = facts("本年支出合计300.00万元。当年结转结余12.00万元。")
    assert not find(fs, "project_carryover")


def test_unquoted_project_name_before_a_colon():
    fs = facts("2.垃圾分类宣传项目：年初预算10.00万元，实际支出9.60万元，结余资金0.40万元。")
    assert find(fs, "project_budget", 10, "垃圾分类宣传") and find(fs, "project_executed", 9.6, "垃圾分类宣传")
    assert find(fs, "project_carryover", 0.4, "垃圾分类宣传")


def test_project_heading_with_gong_in_its_name():
    fs = facts("（二）项目绩效自评结果\n1.公共卫生服务补助项目。该项目年初预算30.00万元，全年执行数28.50万元，"
               "预算执行率95.00%，项目自评得分90分。")
    assert find_exact(fs, "project_budget", 30.00, "公共卫生服务补助项目")
    assert find_exact(fs, "project_executed", 28.50, "公共卫生服务补助项目")
    assert find_exact(fs, "project_execution_rate", 95.00, "公共卫生服务补助项目")
    assert find_exact(fs, "self_eval_score", 90, "公共卫生服务补助项目")
