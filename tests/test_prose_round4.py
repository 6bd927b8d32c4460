"""Prose extractor round 4: mechanisms found missing on a second blind set (items named in
their own sentence, held-vehicle wording, indicator and 三公 tables with header-only units,
one-cell-per-line 收入支出决算总表 totals, page footers inside wrapped lists). The texts are
synthetic and use other wording and numbers than the blind cases."""

from decimal import Decimal

from prosekit import facts, find_exact as find

from loaders.textnorm import normalize_with_map


def test_three_public_item_named_in_its_own_sentence():
    fs = facts("“三公”经费支出情况如下：\n（1）公务接待费。年初预算为7.20万元，支出决算为6.48万元，完成预算的90.00%，"
               "较上年增加0.36万元，增长5.88%。\n（2）因公出国（境）费。年初预算为0万元，支出决算为0万元。")
    assert find(fs, "three_public_budget", 7.20, "公务接待费")
    assert find(fs, "three_public_item", 6.48, "公务接待费")
    assert find(fs, "three_public_completion_pct", 90.00, "公务接待费")
    [a] = find(fs, "prior_year_change_abs", 0.36)
    assert a.qualifier == "公务接待费" and a.direction == "increase"
    assert find(fs, "prior_year_change_pct", 5.88, "公务接待费")
    assert find(fs, "three_public_budget", 0, "因公出国(境)费")
    assert find(fs, "three_public_item", 0, "因公出国(境)费")


def test_item_sentence_does_not_leak_to_unrelated_next_sentence():
    fs = facts("2.公务接待费。\n本单位机关运行经费支出12.30万元。")
    assert not find(fs, "three_public_budget") and not find(fs, "three_public_item")
    assert find(fs, "office_running_cost", 12.30)


def test_vehicle_count_keeps_its_wording_as_qualifier():
    fs = facts("截至2023年底，本局公务用车保有量7辆，其中：执法执勤用车5辆。本中心共有车辆2辆。")
    assert find(fs, "vehicle_count", 7, "本局公务用车保有量") or find(fs, "vehicle_count", 7, "公务用车保有量")
    assert find(fs, "vehicle_count", 5, "执法执勤用车")
    [c] = find(fs, "vehicle_count", 2)
    assert c.qualifier and "共有车辆" in c.qualifier


def test_project_heading_with_gong_in_its_name():
    fs = facts("（二）项目绩效自评结果\n1.公共卫生服务补助项目。该项目年初预算30.00万元，全年执行数28.50万元，"
               "预算执行率95.00%，项目自评得分90分。")
    assert find(fs, "project_budget", 30.00, "公共卫生服务补助项目")
    assert find(fs, "project_executed", 28.50, "公共卫生服务补助项目")
    assert find(fs, "project_execution_rate", 95.00, "公共卫生服务补助项目")
    assert find(fs, "self_eval_score", 90, "公共卫生服务补助项目")


def test_page_footer_inside_wrapped_list_is_skipped():
    text = ("公用经费50.00万元，主要包括：办公费10.00万元、差旅费5.00万元、\n— 12 —\n工会经费3.20万元、福利费1.80万元。")
    nt = normalize_with_map(text)
    assert "— 12 —" not in nt.text and "12" not in nt.text
    fs = facts(text)
    assert find(fs, "econ_item", 3.20, "工会经费")
    assert find(fs, "econ_item", 1.80, "福利费")


def test_page_footer_alone_is_not_a_number_fact():
    fs = facts("本年支出合计100.00万元。\n- 3 -\n")
    assert not [f for f in fs if f.value == Decimal(3)]
