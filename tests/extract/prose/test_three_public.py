"""三公: items, totals, budgets and completion rates, counts of receptions, trips and vehicles."""

from __future__ import annotations

from prosekit import facts, find, find_exact


def test_three_public_budget_inline_and_completion():
    fs = facts("2023年度“三公”经费财政拨款支出决算为62.07万元，完成全年预算84.82万元的73.2%。")
    assert find(fs, "three_public_total", 62.07)
    assert find(fs, "three_public_budget", 84.82, "合计")
    assert find(fs, "three_public_completion_pct", 73.2, "合计")


def test_counters():
    fs = facts("国内公务接待共15批次(其中外事接待0批次),105人次。共安排因公出国(境)团组0个,累计0人次。"
               "购置车辆0辆。公务用车保有量为1辆。")
    assert find(fs, "reception_batches", 15)[0].unit == "批次"
    assert find(fs, "reception_persons", 105)
    assert find(fs, "outbound_groups", 0)[0].unit == "个"
    assert find(fs, "outbound_persons", 0)
    assert find(fs, "vehicle_purchase_count", 0) and find(fs, "vehicle_count", 1)


def test_reception_place_carries_to_person_count():
    fs = facts("2022年度公务接待费支出1.20万元。国内公务接待15批次，96人次；外事接待0批次，0人次。")
    assert find(fs, "reception_persons", 96, "国内") and find(fs, "reception_persons", 0, "外事")


def test_both_budget_and_actual_given_by_junwei():
    fs = facts("2022年度“三公”经费支出决算情况：因公出国（境）费年初预算和决算均为0万元。")
    assert find(fs, "three_public_budget", 0, "因公出国") and find(fs, "three_public_item", 0, "因公出国")


def test_reception_place_said_earlier_in_the_clause():
    fs = facts("公务接待费支出3.10万元。其中：国内公务接待支出3.10万元，共接待12批次、90人次；"
               "外事接待支出0万元，接待0批次、0人次。")
    assert find(fs, "reception_batches", 12, "国内") and find(fs, "reception_persons", 90, "国内")
    assert find(fs, "reception_batches", 0, "外事") and find(fs, "reception_persons", 0, "外事")


def test_three_public_item_named_in_its_own_sentence():
    fs = facts("“三公”经费支出情况如下：\n（1）公务接待费。年初预算为7.20万元，支出决算为6.48万元，完成预算的90.00%，"
               "较上年增加0.36万元，增长5.88%。\n（2）因公出国（境）费。年初预算为0万元，支出决算为0万元。")
    assert find_exact(fs, "three_public_budget", 7.20, "公务接待费")
    assert find_exact(fs, "three_public_item", 6.48, "公务接待费")
    assert find_exact(fs, "three_public_completion_pct", 90.00, "公务接待费")
    [a] = find_exact(fs, "prior_year_change_abs", 0.36)
    assert a.qualifier == "公务接待费" and a.direction == "increase"
    assert find_exact(fs, "prior_year_change_pct", 5.88, "公务接待费")
    assert find_exact(fs, "three_public_budget", 0, "因公出国（境）费")
    assert find_exact(fs, "three_public_item", 0, "因公出国（境）费")


def test_vehicle_count_keeps_its_wording_as_qualifier():
    fs = facts("截至2023年底，本局公务用车保有量7辆，其中：执法执勤用车5辆。本中心共有车辆2辆。")
    assert find_exact(fs, "vehicle_count", 7, "本局公务用车保有量") or find_exact(fs, "vehicle_count", 7, "公务用车保有量")
    assert find_exact(fs, "vehicle_count", 5, "执法执勤用车")
    [c] = find_exact(fs, "vehicle_count", 2)
    assert c.qualifier and "共有车辆" in c.qualifier


def test_items_listed_under_a_budget_total_are_budgets():
    fs = facts("2021年我镇“三公”经费预算为20万元,其中:因公出国(境)费0万元,公务接待费9万元,"
               "公务用车运行维护费11万元,公务用车购置0万元。\n2021年“三公”经费支出共计9.07万元。")
    assert find_exact(fs, "three_public_budget", 20, "合计")
    for item, v in (("因公出国（境）费", 0), ("公务接待费", 9), ("公务用车运行维护费", 11), ("公务用车购置费", 0)):
        assert find_exact(fs, "three_public_budget", v, item), item
    assert not find(fs, "three_public_item")  # none of them is an actual figure
    assert find(fs, "three_public_total", 9.07)


def test_items_after_an_actual_total_stay_actual():
    fs = facts("“三公”经费支出3.00万元,其中:因公出国（境）费1.00万元,公务接待费2.00万元。")
    assert find_exact(fs, "three_public_item", 1, "因公出国（境）费")
    assert find_exact(fs, "three_public_item", 2, "公务接待费")
    assert not find(fs, "three_public_budget")


def test_counts_printed_before_their_noun_and_vehicles_named_after_the_verb():
    fs = facts("因公出国（境）费9.86万元，主要是组织1个团组2人次赴外省开展技术交流。公务用车购置费28.50万元，"
               "购置应急指挥保障车1辆；本年购置公务用车0辆。公务用车保有量为4辆。")
    [g] = find(fs, "outbound_groups", 1)
    assert g.unit == "个" and "团组" in g.evidence
    [p] = find(fs, "outbound_persons", 2)
    assert p.unit == "人次"
    assert [f.qualifier for f in find(fs, "vehicle_purchase_count", 1)] == ["应急指挥保障车"]
    assert [f.qualifier for f in find(fs, "vehicle_purchase_count", 0)] == [None]  # names no kind: the whole count
    assert [f.qualifier for f in find(fs, "vehicle_count", 4)] == ["公务用车保有量"]


def test_an_items_figures_after_the_reason_for_the_item_before():
    # "…的主要原因是…；公务用车运行维护费预算17.00万元，决算12.06万元": a ';' and the next 三公 item end
    # the explanation, whose amounts are not read
    fs = facts("其中：公务用车购置费预算22.00万元，决算21.36万元，完成预算的97.09%，决算数小于预算数的主要原因是"
               "按照单车价格不超过18万元的标准购置；公务用车运行维护费预算17.00万元，决算12.06万元，完成预算的70.94%，"
               "主要原因是压减燃油费1.20万元。")
    assert find(fs, "three_public_budget", 17, "公务用车运行维护费") and find(fs, "three_public_item", 12.06, "公务用车运行维护费")
    [c] = find(fs, "three_public_completion_pct", 70.94)
    assert c.qualifier == "公务用车运行维护费"
    assert not any(f.value in (18, 1.2) for f in fs)  # a price cap and an explanation's amount


def test_an_amount_said_to_be_all_one_item_is_that_items_too():
    fs = facts("2023年度“三公”经费支出4.36万元，全部为公务接待费。2022年度“三公”经费支出46.82万元，其中：公务接待费12.30万元，"
               "公务用车购置及运行维护费34.52万元（全部为运行维护费）。")
    assert find(fs, "three_public_total", 4.36) and find(fs, "three_public_item", 4.36, "公务接待费")
    assert find(fs, "three_public_item", 34.52, "公务用车购置及运行维护费")
    assert find(fs, "three_public_item", 34.52, "公务用车运行维护费")


def test_three_public_wordings_in_a_list_of_economic_items_are_economic_items():
    fs = facts("商品和服务支出中：办公费（32.45万元）、会议费（1.20万元）、公务接待费（3.26万元）、公务用车运行维护费（15.36万元）。")
    assert {f.qualifier for f in find(fs, "econ_item")} == {"办公费", "会议费", "公务接待费", "公务用车运行维护费"}
    assert not find(fs, "three_public_item")
