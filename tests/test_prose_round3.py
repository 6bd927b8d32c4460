"""Round-3 prose mechanisms, each on a small synthetic text that is NOT one of the holdout
cases: one-cell-per-line 科目 tables without codes read by their header, bare 总计 rows of a
side-by-side 收入支出决算总表, headcount subsets after 其中, unquoted "X项目" figures and
reception counts whose 国内/外事 was said earlier in the clause."""

from decimal import Decimal

from prosekit import facts, find

from loaders.textnorm import fold


CELL_TABLE = ("二、一般公共预算财政拨款支出决算明细\n一般公共预算财政拨款支出明细表\n金额单位：万元\n"
              "科目名称（项）\n年初预算\n决算数\n完成%\n"
              "一般行政管理事务\n12.50\n11.00\n88.00\n"
              "水利工程建设\n300.00\n\n--\n"
              "其他水利支出\n--\n4.20\n--\n")


def test_cell_per_line_table_without_codes_is_read_by_header():
    fs = facts(CELL_TABLE)
    assert find(fs, "gpb_item_budget", 12.5, "一般行政管理事务", "万元")
    assert find(fs, "gpb_expense_item", 11, "一般行政管理事务", "万元")
    assert find(fs, "gpb_item_completion_pct", 88, "一般行政管理事务", "%")
    assert find(fs, "gpb_item_budget", 300, "水利工程建设")
    assert find(fs, "gpb_expense_item", 4.2, "其他水利支出")
    # missing cells are not zero, and a header is never a row label
    assert not find(fs, "gpb_item_budget", q="其他水利支出")
    assert not [f for f in fs if f.qualifier and "完成" in f.qualifier]


def test_cell_lines_of_a_table_stay_apart_after_normalising():
    text = fold(CELL_TABLE)
    assert "\n完成%\n一般行政管理事务\n12.50\n" in text
    assert "明细表\n金额单位:万元\n" in text
    # ordinary soft wraps in prose are still joined
    assert fold("本年支出合计\n120.00万元，其中基本\n支出100.00万元。") == "本年支出合计120.00万元,其中基本支出100.00万元。"


def test_bare_totals_of_a_side_by_side_table_take_the_side_of_their_column():
    fs = facts("收入支出决算总表\n单位：万元\n项目|行次|决算数|项目|行次|决算数\n"
               "一、财政拨款收入|1|500.00|一、教育支出|30|480.00\n"
               "二、事业收入|2|20.00|二、住房保障支出|31|30.00\n"
               "本年收入合计|10|520.00|本年支出合计|40|510.00\n"
               "年初结转和结余|11|6.00|年末结转和结余|41|16.00\n"
               "总计|12|526.00|总计|42|526.00\n")
    inc = find(fs, "total_income_expense", 526, "收入总计", "万元")
    exp = find(fs, "total_income_expense", 526, "支出总计", "万元")
    assert inc and exp and inc[0].evidence == "总计|12|526.00" and exp[0].evidence == "总计|42|526.00"
    assert not find(fs, "total_income_expense", 12) and not find(fs, "total_income_expense", 42)


def test_bare_total_of_a_one_sided_table_is_not_guessed():
    fs = facts("支出决算表\n单位：万元\n项目|决算数\n一、教育支出|480.00\n二、住房保障支出|30.00\n总计|510.00\n")
    assert not find(fs, "total_income_expense")


def test_headcount_subset_after_qizhong():
    fs = facts("本院核定事业编制120名，年末实有在编职工110人，其中执业医师64人、注册护士38人；退休人员25人。"
               "全年门诊量8,300人次。")
    assert find(fs, "headcount", 64, "执业医师") and find(fs, "headcount", 38, "注册护士")
    assert find(fs, "headcount", 25, "退休")
    assert not find(fs, "headcount", 8300)


def test_students_are_not_staff():
    fs = facts("学校编制教师50名，年末在职教师48人。在校学生900人，其中寄宿生300人。")
    assert find(fs, "headcount", 48) and not find(fs, "headcount", 900) and not find(fs, "headcount", 300)


def test_unquoted_project_named_in_its_clause():
    fs = facts("项目支出主要用于乡村道路养护。其中：农村公路养护项目年初预算80.00万元，调整后预算90.00万元，"
               "实际支出85.50万元，预算执行率95.00%，当年结转结余4.50万元。")
    for metric, v in (("project_budget", 80), ("project_adjusted_budget", 90), ("project_executed", 85.5),
                      ("project_execution_rate", 95), ("project_carryover", 4.5)):
        assert find(fs, metric, v, "农村公路养护"), metric


def test_balance_without_a_project_is_not_a_project_carryover():
    fs = facts("本年支出合计300.00万元。当年结转结余12.00万元。")
    assert not find(fs, "project_carryover")


def test_reception_place_said_earlier_in_the_clause():
    fs = facts("公务接待费支出3.10万元。其中：国内公务接待支出3.10万元，共接待12批次、90人次；"
               "外事接待支出0万元，接待0批次、0人次。")
    assert find(fs, "reception_batches", 12, "国内") and find(fs, "reception_persons", 90, "国内")
    assert find(fs, "reception_batches", 0, "外事") and find(fs, "reception_persons", 0, "外事")


def test_item_table_named_by_its_title_without_the_word_kemu():
    fs = facts("一般公共预算财政拨款支出决算具体情况表\n单位：万元\n项目\n年初预算数\n决算数\n完成预算（%）\n"
               "行政单位医疗\n6.00\n6.30\n105.00\n")
    assert find(fs, "gpb_item_budget", 6, "行政单位医疗") and find(fs, "gpb_expense_item", 6.3, "行政单位医疗")
    assert find(fs, "gpb_item_completion_pct", 105, "行政单位医疗", "%")


def test_three_public_table_rows_are_not_items():
    fs = facts("“三公”经费支出决算表\n单位：万元\n项目\n预算数\n决算数\n公务接待费\n2.00\n1.50\n")
    assert find(fs, "three_public_budget", 2, "公务接待费") and find(fs, "three_public_item", 1.5, "公务接待费")
    assert not find(fs, "gpb_expense_item") and not find(fs, "expense_item")


def test_bare_totals_of_a_stacked_table_take_the_side_of_the_rows_above():
    fs = facts("收入支出决算总表\n单位：万元\n项目|行次|决算数\n一、财政拨款收入|1|500.00\n本年收入合计|10|500.00\n"
               "总计|12|510.00\n一、教育支出|30|480.00\n本年支出合计|40|480.00\n年末结转和结余|41|30.00\n"
               "总计|42|510.00\n")
    assert find(fs, "total_income_expense", 510, "收入总计")[0].evidence == "总计|12|510.00"
    assert find(fs, "total_income_expense", 510, "支出总计")[0].evidence == "总计|42|510.00"


def test_bare_totals_of_the_fiscal_appropriation_table_are_fiscal_totals():
    fs = facts("财政拨款收入支出决算总表\n单位：万元\n项目|行次|决算数|项目|行次|决算数\n"
               "一、一般公共预算财政拨款收入|1|300.00|一、教育支出|30|300.00\n总计|12|300.00|总计|42|300.00\n")
    assert find(fs, "fin_approp_total", 300, "财政拨款收入总计") and find(fs, "fin_approp_total", 300, "财政拨款支出总计")
    assert not find(fs, "total_income_expense")


def test_unquoted_project_name_before_a_colon():
    fs = facts("2.垃圾分类宣传项目：年初预算10.00万元，实际支出9.60万元，结余资金0.40万元。")
    assert find(fs, "project_budget", 10, "垃圾分类宣传") and find(fs, "project_executed", 9.6, "垃圾分类宣传")
    assert find(fs, "project_carryover", 0.4, "垃圾分类宣传")
