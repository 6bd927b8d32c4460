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
