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


def test_cell_lines_of_a_table_stay_apart_after_normalising():
    text = fold(CELL_TABLE)
    assert "\n完成%\n一般行政管理事务\n12.50\n" in text
    assert "明细表\n金额单位:万元\n" in text
    # ordinary soft wraps in prose are still joined
    assert fold("本年支出合计\n120.00万元，其中基本\n支出100.00万元。") == "本年支出合计120.00万元,其中基本支出100.00万元。"


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


def test_unquoted_project_name_before_a_colon():
    fs = facts("2.垃圾分类宣传项目：年初预算10.00万元，实际支出9.60万元，结余资金0.40万元。")
    assert find(fs, "project_budget", 10, "垃圾分类宣传") and find(fs, "project_executed", 9.6, "垃圾分类宣传")
    assert find(fs, "project_carryover", 0.4, "垃圾分类宣传")
