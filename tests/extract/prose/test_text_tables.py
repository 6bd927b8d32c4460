"""Tables that reach the extractor as text (| rows, one cell per line, flattened rows). They run through
the prose path today (prose_rows / prose_flat); h9tables moves them to tests/extract/tables/ when text tables
become table blocks."""

from __future__ import annotations

from decimal import Decimal

from prosekit import facts, find, find_exact
from loaders.textnorm import fold

CELL_TABLE = ("二、一般公共预算财政拨款支出决算明细\n一般公共预算财政拨款支出明细表\n金额单位：万元\n"
              "科目名称（项）\n年初预算\n决算数\n完成%\n"
              "一般行政管理事务\n12.50\n11.00\n88.00\n"
              "水利工程建设\n300.00\n\n--\n"
              "其他水利支出\n--\n4.20\n--\n")


def test_flattened_summary_table_skips_row_numbers():
    text = "金额单位:万元\n\n项目\n\n行次\n\n金额\n\n一、一般公共预算财政拨款收入\n\n1\n\n440.55\n\n一、一般公共服务支出\n\n29\n\n423.20"
    fs = facts(text)
    assert find(fs, "income_by_source", 440.55) and find(fs, "expense_by_function", 423.2, "一般公共服务支出")
    assert not find(fs, "income_by_source", 1) and not find(fs, "expense_by_function", 29)
    fs = facts("金额单位:万元 项目 行次 金额 一一般公共预算财政拨款收入 1 4,627.57 三国防支出 34 0.00 五教育支出 36 4,146.04")
    assert find(fs, "income_by_source", 4627.57) and find(fs, "expense_by_function", 0, "国防支出")
    assert find(fs, "expense_by_function", 4146.04, "教育支出")


def test_pipe_row_expense_table_by_header():
    fs = facts("支出决算表\n单位：万元\n科目编码 | 科目名称 | 本年支出合计 | 基本支出 | 项目支出\n"
               "合计 | | 300.00 | 200.00 | 100.00\n"
               "205 | 教育支出 | 300.00 | 200.00 | 100.00\n"
               "20502 | 普通教育 | 300.00 | 200.00 | 100.00\n"
               "2050202 | 小学教育 | 120.00 |  | 120.00\n")
    assert find(fs, "total_expense", 300) and find(fs, "expense_basic", 200) and find(fs, "expense_project", 100)
    assert find(fs, "expense_by_function", 300, "教育支出")
    [item] = find(fs, "expense_item", 120, "小学教育")
    assert item.subject_code == "2050202" and "2050202" in item.evidence
    assert find(fs, "expense_item_project", 120, "小学教育")
    assert not find(fs, "expense_item_basic", q="小学教育")  # blank cell = missing
    assert not [f for f in fs if f.value in (Decimal(205), Decimal(20502), Decimal(2050202))]


def test_pipe_row_econ_table_and_cut_last_cell():
    fs = facts("基本支出决算表（节选）\n单位：万元\n科目编码|科目名称|决算数|上年决算数\n301|工资福利支出|90.50|88.00\n"
               "30101|基本工资|40.10|39.00\n302|商品和服务支出|12.3")
    assert find(fs, "econ_item", 90.5, "工资福利支出") and find(fs, "econ_item", 40.1, "基本工资")
    assert not find(fs, "econ_item", 88) and not find(fs, "econ_item", 39)  # 上年决算数 column
    assert not find(fs, "econ_item", 12.3)  # the row is cut inside this cell by the excerpt edge
    assert not find(fs, "expense_by_function")


def test_cell_per_line_gpb_subject_table_with_pct_header():
    fs = facts("一般公共预算财政拨款支出决算明细表\n单位：万元\n科目编码\n科目名称\n年初预算\n决算数\n完成预算%\n"
               "2010301\n行政运行\n80.00\n76.00\n95.00\n2010302\n一般行政管理事务\n10.00\n12.50\n--\n")
    assert find(fs, "gpb_item_budget", 80, "行政运行") and find(fs, "gpb_expense_item", 76, "行政运行")
    assert find(fs, "gpb_item_completion_pct", 95, "行政运行", "%")
    assert find(fs, "gpb_expense_item", 12.5, "一般行政管理事务")
    assert not find(fs, "gpb_item_completion_pct", q="一般行政管理事务")  # -- is missing


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


def test_item_table_named_by_its_title_without_the_word_kemu():
    fs = facts("一般公共预算财政拨款支出决算具体情况表\n单位：万元\n项目\n年初预算数\n决算数\n完成预算（%）\n"
               "行政单位医疗\n6.00\n6.30\n105.00\n")
    assert find(fs, "gpb_item_budget", 6, "行政单位医疗") and find(fs, "gpb_expense_item", 6.3, "行政单位医疗")
    assert find(fs, "gpb_item_completion_pct", 105, "行政单位医疗", "%")


def test_three_public_table_rows_are_not_items():
    fs = facts("“三公”经费支出决算表\n单位：万元\n项目\n预算数\n决算数\n公务接待费\n2.00\n1.50\n")
    assert find(fs, "three_public_budget", 2, "公务接待费") and find(fs, "three_public_item", 1.5, "公务接待费")
    assert not find(fs, "gpb_expense_item") and not find(fs, "expense_item")


def test_pipe_indicator_table_target_and_actual():
    fs = facts("主要绩效指标完成情况：\n指标名称 | 年度指标值 | 实际完成值\n培训农民人数 | ≥1200人次 | 1,356人次\n"
               "群众满意度 | ≥85% | 91.5%\n完成时限 | 2023年12月 | 2023年11月\n")
    assert find_exact(fs, "perf_indicator_target", 1200, "培训农民人数", "人次")
    assert find_exact(fs, "perf_indicator_actual", 1356, "培训农民人数", "人次")
    assert find_exact(fs, "perf_indicator_target", 85, "群众满意度", "%")
    assert find_exact(fs, "perf_indicator_actual", 91.5, "群众满意度", "%")
    assert not [f for f in fs if "完成时限" in (f.qualifier or "")]


def test_pipe_three_public_table_completion_column_percent_from_header():
    fs = facts("“三公”经费支出决算表\n单位：万元\n项目 | 预算数 | 决算数 | 完成率(%)\n合计 | 10.00 | 8.20 | 82.00\n"
               "公务接待费 | 4.00 | 2.20 | 55.00\n因公出国（境）费 | 0.00 | 0.00 | --\n")
    assert find_exact(fs, "three_public_budget", 10.00, "合计")
    assert find_exact(fs, "three_public_total", 8.20)
    assert find_exact(fs, "three_public_completion_pct", 82.00, "合计", "%")
    assert find_exact(fs, "three_public_completion_pct", 55.00, "公务接待费", "%")
    assert find_exact(fs, "three_public_item", 2.20, "公务接待费", "万元")
    assert not find_exact(fs, "three_public_completion_pct", qualifier="因公出国（境）费")


def test_cell_per_line_income_expense_table_grand_totals_and_long_enum():
    text = ("收入支出决算总表\n公开01表\n单位：万元\n项目\n行次\n金额\n项目\n行次\n金额\n"
            "一、一般公共预算财政拨款收入\n1\n812.40\n二十一、住房保障支出\n52\n40.10\n"
            "本年收入合计\n27\n812.40\n本年支出合计\n57\n800.00\n年初结转和结余\n29\n0.00\n年末结转和结余\n59\n12.40\n"
            "总计\n30\n812.40\n总计\n60\n812.40\n")
    fs = facts(text)
    assert find_exact(fs, "expense_by_function", 40.10, "住房保障支出")
    assert find_exact(fs, "total_income_expense", 812.40, "收入总计")
    assert find_exact(fs, "total_income_expense", 812.40, "支出总计")
    assert not find_exact(fs, "total_income_expense", 30) and not find_exact(fs, "total_income_expense", 60)
