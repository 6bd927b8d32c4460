"""Project tables: a project carries budget, adjusted budget, executed and rate as printed; a
部门整体 / 单位整体 table or row gives unit-level facts (unit_perf_*, self_eval_score 部门整体),
never a project; a table or row without a project name gives no project fact."""

from decimal import Decimal

from tablekit import table_facts

SELF_EVAL = ("{title}\n{name_row}"
             "项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分\n"
             "年度资金总额 | 190.00 | 200.00 | 195.60 | 10 | 97.80% | 9.78\n"
             "其中：当年财政拨款 | 190.00 | 200.00 | 195.60 | — | — | —\n"
             "三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
             "维修校舍面积 | ≥5000平方米 | 5200平方米 | 20 | 20\n"
             "总分 | | | 100 | 96.78\n")


def project_facts(fs):
    return {(f.metric, f.qualifier, f.value, f.unit) for f in fs if f.metric.startswith("project_")}


def test_a_named_project_carries_its_four_figures_as_printed():
    fs = table_facts(SELF_EVAL.format(title="2024年度项目支出绩效自评表",
                                      name_row="项目名称 | 中小学校舍维修改造项目 | | | | |\n"))
    q = "中小学校舍维修改造项目"
    assert project_facts(fs) == {
        ("project_budget", q, Decimal("190.00"), "万元"),
        ("project_adjusted_budget", q, Decimal("200.00"), "万元"),
        ("project_executed", q, Decimal("195.60"), "万元"),
        ("project_execution_rate", q, Decimal("97.80"), "%"),
    }
    assert {(f.qualifier, f.value) for f in fs if f.metric == "self_eval_score"} == {(q, Decimal("96.78"))}


def test_the_whole_unit_is_no_project():
    fs = table_facts(SELF_EVAL.format(title="2024年度部门整体支出绩效自评表", name_row=""))
    assert not project_facts(fs)
    unit = {(f.metric, f.qualifier, f.value) for f in fs if f.metric.startswith("unit_perf_")}
    assert unit == {
        ("unit_perf_budget", "部门整体", Decimal("190.00")),
        ("unit_perf_adjusted_budget", "部门整体", Decimal("200.00")),
        ("unit_perf_executed", "部门整体", Decimal("195.60")),
        ("unit_perf_execution_rate", "部门整体", Decimal("97.80")),
    }
    assert {(f.qualifier, f.value) for f in fs if f.metric == "self_eval_score"} == {("部门整体", Decimal("96.78"))}


def test_a_project_table_without_a_name_gives_no_project():
    fs = table_facts(SELF_EVAL.format(title="2024年度项目支出绩效自评表", name_row=""))
    assert not project_facts(fs)
    assert not [f for f in fs if f.metric.startswith("unit_perf_")]


def test_project_expense_rows_whole_unit_and_nameless_rows_are_not_projects():
    fs = table_facts("一般公共预算财政拨款项目支出决算表\n单位：万元\n项目名称 | 功能分类科目 | 预算数 | 决算数\n"
                     "合计 | | 830.00 | 828.60\n中小学校舍维修改造项目 | 初中教育 | 190.00 | 195.60\n"
                     "部门整体 | | 622.34 | 622.34\n | | 20.84 | 20.84\n")
    assert project_facts(fs) == {
        ("project_budget", "中小学校舍维修改造项目", Decimal("190.00"), "万元"),
        ("project_executed", "中小学校舍维修改造项目", Decimal("195.60"), "万元"),
    }
    assert not [f for f in fs if f.value in (Decimal("622.34"), Decimal("20.84"))]


PROJECT_LIST = [["项目名称", "年初预算数（万元）", "全年预算数（万元）", "全年执行数（万元）", "执行率", "自评得分"],
                ["乡村道路养护", "420.00", "450.00", "441.00", "98.00%", "96"],
                ["文化惠民工程", "60.00", "55.00", "49.50", "90.00%", "88"],
                ["部门整体支出", "—", "—", "—", "—", "93.5"]]


def test_a_project_list_gives_each_row_its_own_figures_and_score():
    for sep, edge in ((" | ", "| "), ("\t", "")):  # '|' rows and tab rows
        rows = "".join(edge + sep.join(row) + edge[::-1] + "\n" for row in PROJECT_LIST)
        fs = table_facts("（二）项目绩效自评结果\n" + rows)
        assert project_facts(fs) == {
            ("project_budget", "乡村道路养护", Decimal("420.00"), "万元"),
            ("project_adjusted_budget", "乡村道路养护", Decimal("450.00"), "万元"),
            ("project_executed", "乡村道路养护", Decimal("441.00"), "万元"),
            ("project_execution_rate", "乡村道路养护", Decimal("98.00"), "%"),
            ("project_budget", "文化惠民工程", Decimal("60.00"), "万元"),
            ("project_adjusted_budget", "文化惠民工程", Decimal("55.00"), "万元"),
            ("project_executed", "文化惠民工程", Decimal("49.50"), "万元"),
            ("project_execution_rate", "文化惠民工程", Decimal("90.00"), "%"),
        }, sep
        scores = {(f.qualifier, f.value) for f in fs if f.metric == "self_eval_score"}
        assert scores == {("乡村道路养护", Decimal("96")), ("文化惠民工程", Decimal("88")), ("部门整体", Decimal("93.5"))}


def test_a_project_list_with_indicators_carries_the_project_down_blank_name_cells():
    fs = table_facts("四、项目支出绩效目标情况\n"
                     "| 项目名称 | 预算金额（万元） | 一级指标 | 二级指标 | 三级指标 | 指标值 |\n"
                     "| 老年助餐服务 | 210.00 | 产出指标 | 数量指标 | 助餐点数量 | ≥12个 |\n"
                     "|  |  | 满意度指标 | 服务对象满意度指标 | 老人满意度 | ≥90% |\n"
                     "| 社区养老驿站 | 88.00 | 产出指标 | 数量指标 | 驿站数量 | ≥4个 |\n")
    assert project_facts(fs) == {("project_budget", "老年助餐服务", Decimal("210.00"), "万元"),
                                 ("project_budget", "社区养老驿站", Decimal("88.00"), "万元")}
    targets = {(f.qualifier, f.value, f.unit) for f in fs if f.metric == "perf_indicator_target"}
    assert targets == {("助餐点数量（老年助餐服务）", Decimal("12"), "个"),
                       ("老人满意度（老年助餐服务）", Decimal("90"), "%"),
                       ("驿站数量（社区养老驿站）", Decimal("4"), "个")}
