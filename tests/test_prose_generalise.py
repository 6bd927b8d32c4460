"""Round-2 prose mechanisms, each on a small synthetic text that is NOT one of the holdout
cases: items named in an earlier sentence, ``|`` row tables read by header, one-cell-per-line
科目 tables, "分别为" lists, project blocks and indicators, and the precision traps."""

from decimal import Decimal

from prosekit import facts, find


def test_item_named_in_previous_sentence():
    fs = facts("2023年度一般公共预算财政拨款支出决算具体情况如下:\n"
               "1.教育支出（类）普通教育（款）小学教育（项）。年初预算为50.00万元，支出决算为61.20万元，"
               "完成年初预算的122.40%。\n2.教育支出（类）普通教育（款）初中教育（项）。年初预算为0万元，支出决算为7.5万元。")
    assert find(fs, "gpb_item_budget", 50, "小学教育") and find(fs, "gpb_expense_item", 61.2, "小学教育")
    assert find(fs, "gpb_item_completion_pct", 122.4, "小学教育", "%")
    assert find(fs, "gpb_item_budget", 0, "初中教育") and find(fs, "gpb_expense_item", 7.5, "初中教育")
    assert not find(fs, "gpb_item_completion_pct", q="初中教育")


def test_budget_variance_is_not_a_prior_year_change():
    fs = facts("1.教育支出（类）普通教育（款）小学教育（项）。年初预算为50.00万元，支出决算为40.00万元，"
               "与年初预算相比减少10.00万元。")
    assert not find(fs, "prior_year_change_abs")


def test_respectively_list_pairs_names_and_amounts():
    fs = facts("本年收入主要为事业收入和其他收入，分别为120.00万元、8.50万元，分别占93.39%、6.61%。")
    assert find(fs, "income_by_source", 120, "事业收入") and find(fs, "income_by_source", 8.5, "其他收入")
    assert find(fs, "share_pct", 93.39, "事业收入") and find(fs, "share_pct", 6.61, "其他收入")


def test_second_total_of_a_pair_inherits_fin_approp_and_change_names_both():
    fs = facts("2023年度财政拨款收入总计500.00万元，支出总计500.00万元，较上年减少20.00万元，下降3.85%。")
    assert find(fs, "fin_approp_total", 500, "财政拨款支出总计")
    [c] = find(fs, "prior_year_change_abs", 20)
    assert c.qualifier == "财政拨款收、支总计" and c.direction == "decrease"


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


def test_amount_explaining_a_change_and_next_year_budget_are_not_facts():
    fs = facts("2022年度“三公”经费支出决算为30.00万元。减少的原因是部分单位上划，减少了“三公”经费8.00万元，"
               "其中公务用车购置及运行维护费6.00万元。\n2023年“三公”经费预算安排28.00万元。")
    assert find(fs, "three_public_total", 30)
    assert not find(fs, "three_public_item", 6) and not find(fs, "three_public_budget", 28)


def test_reception_place_carries_to_person_count():
    fs = facts("2022年度公务接待费支出1.20万元。国内公务接待15批次，96人次；外事接待0批次，0人次。")
    assert find(fs, "reception_persons", 96, "国内") and find(fs, "reception_persons", 0, "外事")


def test_both_budget_and_actual_given_by_junwei():
    fs = facts("2022年度“三公”经费支出决算情况：因公出国（境）费年初预算和决算均为0万元。")
    assert find(fs, "three_public_budget", 0, "因公出国") and find(fs, "three_public_item", 0, "因公出国")
