"""Space-aligned text tables (pdftotext -layout): columns from alignment, CJK display width,
two-level headers, blanks, misaligned rows; an ambiguous header reads nothing."""

from decimal import Decimal

from tablekit import table_facts

EXPENSE = """某区某街道2023年度部门决算
支出决算表
单位：万元
项目                         本年支出          基本支出           项目支出
科目名称                         合计    小计  人员经费 公用经费
合计                           500.00  300.00    250.00    50.00    200.00
一般公共服务支出               400.00  200.00    150.00    50.00    200.00
    行政运行                   200.00  200.00    150.00    50.00
    一般行政管理事务           200.00                               200.00
住房保障支出                   100.00  100.00    100.00
    机关事业单位基本养老保险缴费支出   100.00  100.00  100.00
"""


def _got(facts):
    return {(f.metric, f.qualifier, f.value) for f in facts}


def test_two_level_header_and_blank_cells_by_position():
    got = _got(table_facts(EXPENSE))
    assert ("expense_basic", None, Decimal("300.00")) in got
    assert ("expense_project", None, Decimal("200.00")) in got
    assert ("expense_by_function", "一般公共服务支出", Decimal("400.00")) in got
    assert ("expense_item_project", "一般行政管理事务", Decimal("200.00")) in got  # blank 基本支出 cell
    assert not any(m == "expense_item_basic" and q == "一般行政管理事务" for m, q, _ in got)
    assert ("expense_item_basic", "行政运行", Decimal("200.00")) in got


def test_a_row_whose_label_runs_over_the_next_column_reads_nothing():
    got = _got(table_facts(EXPENSE))
    assert ("expense_item", "行政运行", Decimal("200.00")) in got  # the other rows are read
    assert not [m for m, q, _ in got if q == "机关事业单位基本养老保险缴费支出"]


def test_two_labels_over_one_column_read_nothing():
    text = """某局2023年度部门决算
一般公共预算财政拨款“三公”经费支出决算表
单位：万元
合计          因公出国（境）费       公务接待费
预算数  决算数  预算数  决算数  预算数  决算数
  9.00   8.00   3.00   2.00   6.00   6.00
"""
    for f in table_facts(text):
        assert f.value is not None
    assert not [f for f in table_facts(text) if f.value == Decimal("2.00") and "接待" in (f.qualifier or "")]


TOTAL_BOTH_SIDES = """某镇2015年度部门决算
收支决算总表
单位：万元
收入                                  支出
项目              预算数    决算数    项目                    预算数    决算数
一、财政拨款收入  100.00    110.00    一、一般公共服务支出     60.00     70.00
二、事业收入           -         -    二、教育支出             40.00     40.00
                                      三、住房保障支出             -      5.00
本年收入合计      100.00    115.00    本年支出合计            100.00    115.00
收入总计          100.00    115.00    支出总计                100.00    115.00
"""


def test_both_sides_on_one_line_take_the_actual_not_the_budget():
    got = _got(table_facts(TOTAL_BOTH_SIDES))
    assert ("income_by_source", "财政拨款收入", Decimal("110.00")) in got
    assert ("expense_by_function", "一般公共服务支出", Decimal("70.00")) in got
    assert ("expense_by_function", "住房保障支出", Decimal("5.00")) in got  # the income side blank
    assert ("total_expense", "本年支出合计", Decimal("115.00")) in got
    assert not [v for m, q, v in got if v in (Decimal("100.00"), Decimal("60.00"))]  # 预算数 cells


CODED = """某局2023年度部门决算
支出决算表
单位：万元
科目编码     科目名称                     合计    基本支出   项目支出
             合计                       300.00    200.00    100.00
201          一般公共服务支出           300.00    200.00    100.00
201 03       政府办公厅（室）及相关机构事务   300.00    200.00    100.00
201 03 01    行政运行                   200.00    200.00
201 03 02    一般行政管理事务           100.00              100.00
"""


def test_codes_printed_with_spaces_are_joined_and_a_pushed_row_is_shifted_back():
    got = {(f.metric, f.subject_code, f.value) for f in table_facts(CODED)}
    assert ("expense_item_basic", "2010301", Decimal("200.00")) in got
    assert ("expense_item_project", "2010302", Decimal("100.00")) in got
    assert not any(m == "expense_item_basic" and c == "2010302" for m, c, _ in got)  # blank cell
    assert ("expense_item_project", "20103", Decimal("100.00")) in got  # the row a long name pushed right


PUSHED = """某局2023年度部门决算
支出决算表
单位：万元
项目                  合计  基本支出  项目支出
合计                300.00    200.00    100.00
一般公共服务支出    250.00    150.00    100.00
住房保障支出         50.00     50.00
机关事业单位基本养老保险缴费支出    50.00     50.00
"""


def test_a_label_over_the_next_column_puts_no_number_one_column_right():
    row = [f for f in table_facts(PUSHED) if f.qualifier == "机关事业单位基本养老保险缴费支出"]
    assert not [f for f in row if f.metric.endswith("_project")], row
