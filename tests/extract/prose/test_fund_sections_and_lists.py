"""Two prose readings: a 政府性基金 section's own figures are not the unit's totals, and one amount
stated for a list of names ("A、B和C均为0万元") is each name's."""

from prosekit import facts, find, find_exact


GOVFUND = ("七、政府性基金预算财政拨款收入支出决算情况说明\n"
           "2022年度政府性基金预算财政拨款年初结转和结余1,205.60万元，本年收入8,432.00万元，"
           "本年支出8,967.35万元，年末结转和结余670.25万元。本年支出中基本支出0万元，项目支出8,967.35万元。\n"
           "1.城乡社区支出（类）国有土地使用权出让收入安排的支出（款）城市建设支出（项）。年初预算5,800.00万元，"
           "支出决算6,342.15万元，完成年初预算的109.35%。\n")


def test_a_fund_sections_figures_are_not_the_units_totals():
    fs = facts(GOVFUND)
    for metric in ("total_income", "total_expense", "carryover_begin", "carryover_end", "expense_basic",
                   "expense_project"):
        assert not find(fs, metric), metric  # the unit's totals: these are the fund's
    for metric in ("gpb_item_budget", "gpb_expense_item", "gpb_item_completion_pct"):
        assert not find(fs, metric), metric  # nor are its 类/款/项 items 一般公共预算 ones


def test_the_units_totals_next_to_a_fund_are_read():
    fs = facts("本年收入合计622.34万元，其中：一般公共预算财政拨款收入210.85万元，政府性基金预算财政拨款收入411.49万元。"
               "本年支出合计600.00万元。")
    assert find(fs, "total_income", 622.34) and find(fs, "total_expense", 600.00)
    assert find_exact(fs, "income_by_source", 411.49, "政府性基金预算财政拨款收入")


def test_one_amount_for_a_list_of_names_is_each_names():
    fs = facts("本年收入合计1352.60万元，其中：财政拨款收入1352.60万元，占100%；"
               "上级补助收入、事业收入、经营收入和其他收入均为0万元。")
    for name in ("上级补助收入", "事业收入", "经营收入", "其他收入"):
        (f,) = find_exact(fs, "income_by_source", 0, name)
        assert f.evidence.startswith(name) and f.evidence.endswith("均为0万元")
    fs = facts("“三公”经费支出1.86万元，其中：公务接待费1.86万元；因公出国（境）费、公务用车购置及运行维护费均为0万元。")
    assert find_exact(fs, "three_public_item", 0, "因公出国（境）费")
    assert find_exact(fs, "three_public_item", 0, "公务用车购置及运行维护费")


def test_a_list_whose_names_read_otherwise_adds_nothing():
    """收入、支出总计均为X: "收入" alone is no 收支总计 name; the list reading adds no fact for it."""
    fs = facts("2019年度收入、支出总计均为1386.92万元。")
    assert not find(fs, "total_income") and not find(fs, "total_expense")
    assert {f.metric for f in fs} <= {"total_income_expense"}
