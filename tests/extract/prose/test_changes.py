"""Year-on-year changes: subject, direction, magnitude; what is not a prior-year change."""

from __future__ import annotations

from decimal import Decimal

from prosekit import facts, find, find_exact


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


def test_a_change_against_last_years_budget_is_no_prior_year_change():
    # a 预算 compares two budgets: no final account is compared with
    fs = facts("2025年度收入预算总计4,368.20万元，比上年预算增加215.64万元，增长5.19%。"
               "一般公共预算拨款支出预算3,986.20万元，较上年度预算数增加175.74万元。")
    assert not find(fs, "prior_year_change_abs") and not find(fs, "prior_year_change_pct")
    fs = facts("2023年度支出总计100.00万元，比上年增加5.00万元，增长5.26%。")
    assert find(fs, "prior_year_change_abs", 5) and find(fs, "prior_year_change_pct", 5.26)


def test_budget_variance_is_not_a_prior_year_change():
    fs = facts("1.教育支出（类）普通教育（款）小学教育（项）。年初预算为50.00万元，支出决算为40.00万元，"
               "与年初预算相比减少10.00万元。")
    assert not find(fs, "prior_year_change_abs")


def test_second_total_of_a_pair_inherits_fin_approp_and_change_names_both():
    fs = facts("2023年度财政拨款收入总计500.00万元，支出总计500.00万元，较上年减少20.00万元，下降3.85%。")
    assert find(fs, "fin_approp_total", 500, "财政拨款支出总计")
    [c] = find(fs, "prior_year_change_abs", 20)
    assert c.qualifier == "财政拨款收、支总计" and c.direction == "decrease"


def _changes(fs):
    return {(f.metric, f.value, f.qualifier, f.direction) for f in fs if f.metric.startswith("prior_year_change")}


def test_listed_changes_pair_with_the_names_of_the_earlier_list():
    fs = facts("基本支出和项目支出分别为800.00万元、400.00万元，分别较上年增加20.00万元、减少30.00万元。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("20.00"), "基本支出", "increase"),
                            ("prior_year_change_abs", Decimal("30.00"), "项目支出", "decrease")}
    assert find(fs, "expense_basic", 800) and find(fs, "expense_project", 400)


def test_listed_percent_changes_each_take_their_own_direction():
    fs = facts("一般公共预算财政拨款支出和政府性基金预算财政拨款支出分别较上年增长5.20%、下降3.10%。")
    assert _changes(fs) == {("prior_year_change_pct", Decimal("5.20"), "一般公共预算财政拨款支出", "increase"),
                            ("prior_year_change_pct", Decimal("3.10"), "政府性基金预算财政拨款支出", "decrease")}


def test_shared_direction_after_fenbie_holds_for_every_listed_value():
    fs = facts("人员经费和公用经费较上年分别增加3.00万元和1.00万元。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("3.00"), "人员经费", "increase"),
                            ("prior_year_change_abs", Decimal("1.00"), "公用经费", "increase")}


def test_one_change_shared_by_two_named_items():
    fs = facts("与上年相比，收入总计和支出总计均减少5.00万元。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("5.00"), "收入总计", "decrease"),
                            ("prior_year_change_abs", Decimal("5.00"), "支出总计", "decrease")}


def test_both_totals_changed_together_keep_the_printed_wording():
    fs = facts("2023年度收、支总计各1,200.00万元，与上年相比，收、支总计各增加100.50万元，增长9.14%。")
    [a] = find(fs, "prior_year_change_abs", 100.5)
    assert a.qualifier == "收、支总计" and a.direction == "increase"
    [p] = find(fs, "prior_year_change_pct", 9.14)
    assert p.qualifier == "收、支总计" and p.direction == "increase"


def test_listed_changes_against_the_budget_are_not_prior_year_changes():
    fs = facts("基本支出和项目支出分别较年初预算增加20.00万元、减少30.00万元。")
    assert not _changes(fs)


def test_sub_item_changes_in_the_explanation_clause():
    fs = facts("本年收入合计500.00万元，较上年减少50.00万元，下降9.09%，主要原因是项目支出减少，"
               "其中：办公费较上年减少10.00万元，印刷费较上年增加2.00万元。")
    assert _changes(fs) >= {("prior_year_change_abs", Decimal("50.00"), "本年收入合计", "decrease"),
                            ("prior_year_change_pct", Decimal("9.09"), "本年收入合计", "decrease"),
                            ("prior_year_change_abs", Decimal("10.00"), "办公费", "decrease"),
                            ("prior_year_change_abs", Decimal("2.00"), "印刷费", "increase")}


def test_percent_after_an_item_amount_is_that_items_change():
    fs = facts("“三公”经费支出决算数比2021年增加231,448.10元，增长145.87%。其中：因公出国(境)费支出决算增加0元，"
               "增长0%；公务用车购置及运行费支出决算174,732.10元，增长176.55%。", )
    [p] = find(fs, "prior_year_change_pct", 176.55)
    assert p.qualifier == "公务用车购置及运行维护费" and p.direction == "increase"


def test_unnamed_spending_compared_with_last_year_is_the_sentence_subject():
    fs = facts("2021年“三公”经费支出共计9.07万元，较年初预算数减少10.93万元，下降54.65%，"
               "较上年支出数减少0.71万元，下降7.83%。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("0.71"), "三公经费合计", "decrease"),
                            ("prior_year_change_pct", Decimal("7.83"), "三公经费合计", "decrease")}


def test_one_evidence_span_states_one_fact_per_metric_and_qualifier():
    fs = facts("基本支出和项目支出分别为800.00万元、400.00万元，分别较上年增加20.00万元、减少30.00万元。"
               "人员经费和公用经费较上年分别增加3.00万元和1.00万元。")
    keys = [(f.metric, f.qualifier, f.location.char_start, f.location.char_end) for f in fs]
    assert len(keys) == len(set(keys))


def test_listed_names_split_on_the_enumeration_comma_first():
    fs = facts("工资福利支出、商品和服务支出、对个人和家庭的补助较上年分别增加10.00万元、减少5.00万元、增加1.20万元。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("10.00"), "工资福利支出", "increase"),
                            ("prior_year_change_abs", Decimal("5.00"), "商品和服务支出", "decrease"),
                            ("prior_year_change_abs", Decimal("1.20"), "对个人和家庭的补助", "increase")}


def test_income_and_expense_sides_share_the_prefix_of_the_first_name():
    fs = facts("财政拨款收入和支出均较上年增长8.50%。")
    assert _changes(fs) == {("prior_year_change_pct", Decimal("8.50"), "财政拨款收入", "increase"),
                            ("prior_year_change_pct", Decimal("8.50"), "财政拨款支出", "increase")}


def test_a_unit_word_is_never_what_changed():
    fs = facts("支出较上年分别增加10.00万元、减少5.00万元。")
    assert all(f.qualifier not in ("万元", "元") for f in fs)


def test_listed_changes_after_separately_stated_amounts_follow_their_order():
    fs = facts("一般公共预算财政拨款基本支出200.00万元，项目支出100.00万元，与上年相比，分别增加10.00万元和减少5.00万元。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("10.00"), "一般公共预算财政拨款基本支出", "increase"),
                            ("prior_year_change_abs", Decimal("5.00"), "项目支出", "decrease")}


def test_rates_listed_after_the_amounts_take_the_same_names():
    fs = facts("本年收入合计与本年支出合计较上年分别增加12.34万元、11.11万元，增长率分别为3.2%、2.9%。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("12.34"), "本年收入合计", "increase"),
                            ("prior_year_change_abs", Decimal("11.11"), "本年支出合计", "increase"),
                            ("prior_year_change_pct", Decimal("3.2"), "本年收入合计", "increase"),
                            ("prior_year_change_pct", Decimal("2.9"), "本年支出合计", "increase")}


def test_listed_names_lose_their_year_prefix():
    fs = facts("2023年收入总计、支出总计分别为500.00万元、480.00万元，较上年分别增长10.00%、8.00%。")
    assert _changes(fs) == {("prior_year_change_pct", Decimal("10.00"), "收入总计", "increase"),
                            ("prior_year_change_pct", Decimal("8.00"), "支出总计", "increase")}


def test_percent_list_after_a_listed_change_takes_its_names():
    fs = facts("基本支出和项目支出较上年分别增加20.00万元、10.00万元，增长5.00%、8.00%。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("20.00"), "基本支出", "increase"),
                            ("prior_year_change_abs", Decimal("10.00"), "项目支出", "increase"),
                            ("prior_year_change_pct", Decimal("5.00"), "基本支出", "increase"),
                            ("prior_year_change_pct", Decimal("8.00"), "项目支出", "increase")}


def test_changes_listed_after_listed_amounts_take_the_amounts_names():
    fs = facts("基本支出和项目支出分别为200.00万元、100.00万元，较上年增长5.00%、8.00%。")
    assert _changes(fs) == {("prior_year_change_pct", Decimal("5.00"), "基本支出", "increase"),
                            ("prior_year_change_pct", Decimal("8.00"), "项目支出", "increase")}


def test_one_change_after_two_listed_amounts_is_not_pinned_on_the_last_one():
    fs = facts("基本支出和项目支出分别为200.00万元、100.00万元，较上年增长5.00%。")
    [p] = find(fs, "prior_year_change_pct", 5)
    assert p.qualifier == "基本支出和项目支出" and p.direction == "increase"


def test_listed_changes_after_a_total_and_its_parts_name_the_parts_only():
    # the total before "其中" is not one of the listed amounts: item i takes change i
    fs = facts("本年支出合计500.00万元，其中：人员经费300.00万元、公用经费200.00万元，分别较上年增加12.00万元、3.50万元。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("12.00"), "人员经费", "increase"),
                            ("prior_year_change_abs", Decimal("3.50"), "公用经费", "increase")}


def test_listed_changes_after_a_semicolon_name_the_amounts_after_it():
    fs = facts("其中：因公出国（境）费1.00万元；公务接待费4.00万元、公务用车运行维护费6.00万元，分别较上年减少0.40万元、1.20万元。")
    assert _changes(fs) == {("prior_year_change_abs", Decimal("0.40"), "公务接待费", "decrease"),
                            ("prior_year_change_abs", Decimal("1.20"), "公务用车运行维护费", "decrease")}


def test_listed_changes_in_a_qizhong_sentence_inherit_the_prior_year_comparison():
    fs = facts("2023年“三公”经费支出8.00万元，比上年减少1.00万元。其中：公务接待费、公务用车运行维护费分别为"
               "3.00万元、5.00万元，分别下降12.5%、4.2%。")
    pct = {(f.value, f.qualifier, f.direction) for f in fs if f.metric == "prior_year_change_pct"}
    assert pct == {(Decimal("12.5"), "公务接待费", "decrease"), (Decimal("4.2"), "公务用车运行维护费", "decrease")}


def test_listed_changes_without_any_comparison_are_not_prior_year_changes():
    fs = facts("公务接待费、公务用车运行维护费分别为3.00万元、5.00万元，分别下降12.5%、4.2%。")
    assert not [f for f in fs if f.metric.startswith("prior_year_change")]


def test_the_reason_sentence_after_a_change_continues_its_comparison():
    fs = facts("本年支出合计800.00万元，比上年减少20.00万元。支出减少的主要原因是压减一般性支出，其中：差旅费减少3.00万元，培训费减少1.50万元。")
    assert {(f.qualifier, f.value, f.direction) for f in fs if f.metric == "prior_year_change_abs"} >= {
        ("差旅费", Decimal("3.00"), "decrease"), ("培训费", Decimal("1.50"), "decrease")}


def test_a_reason_sentence_without_an_earlier_prior_year_change_states_none():
    fs = facts("本年支出合计800.00万元，与年初预算相比减少20.00万元。支出减少的主要原因是压减一般性支出，其中：差旅费减少3.00万元。")
    assert not [f for f in fs if f.metric == "prior_year_change_abs" and f.qualifier == "差旅费"]


def test_a_bracketed_prior_year_amount_keeps_the_subject_and_is_what_the_change_compares_with():
    fs = facts("本年支出合计611.93万元，其中：基本支出246.81万元（上年238.40万元），增长3.53%；"
               "项目支出365.12万元（上年312.65万元），比上年增加52.47万元。")
    assert find_exact(fs, "prior_year_change_pct", 3.53, "基本支出")
    assert find_exact(fs, "prior_year_change_abs", 52.47, "项目支出")
    assert not [f for f in fs if f.qualifier and "上年" in f.qualifier]
    # without the bracketed prior-year amount there is no comparison: no change
    assert not find(facts("基本支出246.81万元，增长3.53%。"), "prior_year_change_pct")


def test_a_prior_year_amount_sentence_names_no_subject():
    fs = facts("2020年度“三公”经费支出决算数为38.64万元。与上年决算数46.95万元相比，减少8.31万元，下降17.70%。")
    assert find(fs, "prior_year_change_abs", 8.31, "三公") and find(fs, "prior_year_change_pct", 17.70, "三公")
    assert not [f for f in fs if f.qualifier and "上年" in f.qualifier]


def test_from_last_years_amount_to_this_years():
    # "X由上年的a万元增加到b万元": b is X's amount, a is last year's (no fact), the changes after are X's
    fs = facts("2023年度收入总计由上年的3,912.40万元增加到4,286.73万元，增加374.33万元，增长9.57%。"
               "其中：一般公共预算财政拨款收入由上年的3,302.56万元减少至3,016.84万元，减少285.72万元，"
               "占本年收入合计的88.85%。")
    [t] = find(fs, "total_income_expense", 4286.73)
    assert t.qualifier == "收入总计" and t.evidence == "收入总计由上年的3,912.40万元增加到4,286.73万元"
    [i] = find(fs, "income_by_source", 3016.84)
    assert i.qualifier == "一般公共预算财政拨款收入"
    assert not find(fs, "total_income_expense", 3912.40) and not find(fs, "income_by_source", 3302.56)
    [a] = find(fs, "prior_year_change_abs", 374.33)
    assert a.direction == "increase" and a.qualifier == "收入总计"
    [p] = find(fs, "prior_year_change_pct", 9.57)
    assert p.direction == "increase" and p.qualifier == "收入总计"
    [d] = find(fs, "prior_year_change_abs", 285.72)
    assert d.direction == "decrease" and d.qualifier == "一般公共预算财政拨款收入"
    [s] = find(fs, "share_pct", 88.85)
    assert s.qualifier == "一般公共预算财政拨款收入"


def test_carried_over_from_last_year_is_no_comparison():
    # "由上年结转": no amount of last year follows, so the change word after it compares with nothing
    fs = facts("年初结转和结余28.00万元，由上年结转，增加3.00万元。")
    assert find(fs, "carryover_begin", 28) and not find(fs, "prior_year_change_abs")


def test_each_total_with_its_own_change_keeps_its_name():
    # "收入总计a,比上年增加c;支出总计b,比上年增加d": the second change is the 支出总计's alone
    fs = facts("2023年度收入总计4,286.73万元，比上年增加374.33万元，增长9.57%；"
               "支出总计4,280.73万元，比上年增加368.33万元，增长9.41%。")
    [a] = find(fs, "prior_year_change_abs", 368.33)
    assert a.qualifier == "支出总计"
    [p] = find(fs, "prior_year_change_pct", 9.41)
    assert p.qualifier == "支出总计"


def test_one_change_after_both_totals_stated_with_their_amounts():
    # "财政拨款收入总计a万元，支出总计b万元，…各减少X": one change of both totals, named as such
    fs = facts("2022年度财政拨款收入总计1228.05万元，支出总计1228.05万元，与上年相比，各减少41.80万元，下降3.29%。")
    [a] = find(fs, "prior_year_change_abs", 41.80)
    assert a.qualifier == "财政拨款收、支总计" and a.direction == "decrease"
    [p] = find(fs, "prior_year_change_pct", 3.29)
    assert p.qualifier == "财政拨款收、支总计"
