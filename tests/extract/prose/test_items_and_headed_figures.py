"""Figures whose subject is printed before them in a way the clause rules did not read: a name
before a colon ("（一）机关运行经费：78.46万元"), a 三公 item heading its own figures
("1.公务用车购置费：预算数28.00万元，决算数26.80万元…"), the 款/项 of the spending of all funds
(not of the 一般公共预算财政拨款) with the 类 printed before a colon, and the 一般公共预算拨款 wording
(no 财政) naming that fund."""

from prosekit import facts, find, find_exact


def test_a_name_before_a_colon_labels_the_amount_and_its_change():
    fs = facts("七、“三公”经费支出决算情况说明\n2022年度“三公”经费支出0.86万元，其中：公务接待费0.86万元。\n"
               "十、其他重要事项的情况说明\n（一）机关运行经费：78.46万元，较上年增加3.12万元，增长4.14%。\n")
    assert find(fs, "office_running_cost", 78.46)
    assert find_exact(fs, "prior_year_change_abs", 3.12, "机关运行经费")
    assert find_exact(fs, "prior_year_change_pct", 4.14, "机关运行经费")


def test_a_three_public_item_heading_its_own_figures():
    fs = facts("（三）公务用车购置及运行维护费\n预算数54.00万元，决算数50.22万元，完成预算的93.00%。\n"
               "1.公务用车购置费：预算数28.00万元，决算数26.80万元，完成预算的95.71%，较上年增加14.20万元，增长112.70%。\n")
    item = "公务用车购置费"
    assert find_exact(fs, "three_public_budget", 28, item) and find_exact(fs, "three_public_item", 26.8, item)
    assert find_exact(fs, "three_public_completion_pct", 95.71, item)
    assert find_exact(fs, "prior_year_change_abs", 14.2, item) and find_exact(fs, "prior_year_change_pct", 112.7, item)


def test_items_of_all_funds_are_not_the_fiscal_funds_and_keep_their_class():
    fs = facts("三、支出决算情况说明\n2022年度本年支出合计4,862.35万元。按支出功能分类，本年支出主要用于以下方面：\n"
               "（2）卫生健康支出（类）：\n卫生健康管理事务（款）326.84万元，其中行政运行（项）286.84万元；\n"
               "（3）住房保障支出（类）：住房改革支出（款）住房公积金（项）93.70万元。\n")
    assert find(fs, "expense_item", 286.84, "行政运行") and find(fs, "expense_item", 326.84, "卫生健康管理事务")
    (f,) = find(fs, "expense_item", 93.70)
    assert f.qualifier.startswith("住房保障支出") and "卫生健康" not in f.qualifier
    assert not find(fs, "gpb_expense_item")
    # in the 一般公共预算财政拨款 section the items stay that fund's
    fs = facts("五、一般公共预算财政拨款支出决算情况说明\n一般公共预算财政拨款支出决算具体情况如下：\n"
               "1.卫生健康支出（类）卫生健康管理事务（款）行政运行（项）。年初预算为280.00万元，支出决算为286.84万元。\n")
    assert find(fs, "gpb_expense_item", 286.84) and not find(fs, "expense_item")
    # a 财政拨款 sentence that also names 本年支出合计 keeps its items the fiscal funds' (江苏 预算)
    fs = facts("五、财政拨款支出预算情况说明\n2018年财政拨款预算支出24458.43万元，占本年支出合计的100%。其中：\n"
               "（一）一般公共服务（类）\n1．党委办公厅（室）及相关机构事务（款）行政运行（项）支出8072.29万元。\n")
    assert find(fs, "gpb_expense_item", 8072.29) and not find(fs, "expense_item")


def test_the_budget_appropriation_wording_names_the_general_public_budget():
    fs = facts("三、一般公共预算拨款支出预算情况\n2024年一般公共预算拨款支出预算6,138.50万元。按功能分类：社会保障和就业支出5,486.32万元，占89.38%。")
    assert find_exact(fs, "gpb_expense_by_function", 5486.32, "社会保障和就业支出")
    assert not find(fs, "expense_by_function")
