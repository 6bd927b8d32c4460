"""The analyst notebooks: jupytext pairing, headless execution, charts, empty-data behaviour.

The notebooks are executed (nbclient, the project's python kernel) against
  * a warehouse built from the sample corpus by the real pipeline (`juesuan load` +
    `juesuan build`) when that pipeline is present, and
  * a small hand-made marts fixture (always), whose numbers are taken from the two sample
    documents, so the notebooks are tested even when the pipeline is not, and
  * a warehouse with no marts at all, where every notebook must say so and not crash.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import jupytext
import pytest

try:
    from loaders import report
except ImportError:  # while developing
    report = None

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.py"))

# ---------------------------------------------------------------- fixture warehouse

MIYI = "sc-panzhihua-miyi-集体土地征收补偿安置中心"
ZIYANG = "sc-ziyang-土地开发整理中心"
DOC_MIYI = "d" * 64
DOC_ZIYANG = "e" * 64

FIXTURE_SQL = f"""
CREATE SCHEMA IF NOT EXISTS marts;
CREATE TABLE marts.dim_unit (unit_id VARCHAR, unit_name VARCHAR, name_variants VARCHAR[],
    province VARCHAR, city VARCHAR, county VARCHAR, admin_level VARCHAR, unit_kind VARCHAR);
INSERT INTO marts.dim_unit VALUES
 ('{MIYI}', '米易县集体土地征收补偿安置中心', ['县集体土地征收补偿安置中心'], '四川省', '攀枝花市', '米易县', '县', '事业单位'),
 ('{ZIYANG}', '资阳市土地开发整理中心', [], '四川省', '资阳市', NULL, '市', '事业单位');

CREATE TABLE marts.dim_document (document_id VARCHAR, unit_id VARCHAR, fiscal_year INTEGER,
    file_name VARCHAR, title VARCHAR, doc_kind VARCHAR, scope VARCHAR);
INSERT INTO marts.dim_document VALUES
 ('{DOC_MIYI}', '{MIYI}', 2023, 'miyi-2023-land-expropriation-center.txt', '2023年度部门决算', '决算', '部门'),
 ('{DOC_ZIYANG}', '{ZIYANG}', 2021, 'ziyang-2021-land-development-center.md', '2021年度决算公开说明', '决算', '单位');

CREATE TABLE marts.dim_function_subject (subject_code VARCHAR, subject_name VARCHAR,
    subject_level VARCHAR, class_code VARCHAR, class_name VARCHAR, parent_code VARCHAR);
INSERT INTO marts.dim_function_subject VALUES
 ('208', '社会保障和就业支出', '类', '208', '社会保障和就业支出', NULL),
 ('20805', '行政事业单位养老支出', '款', '208', '社会保障和就业支出', '208'),
 ('2080505', '机关事业单位基本养老保险缴费支出', '项', '208', '社会保障和就业支出', '20805'),
 ('210', '卫生健康支出', '类', '210', '卫生健康支出', NULL),
 ('21011', '行政事业单位医疗', '款', '210', '卫生健康支出', '210'),
 ('2101102', '事业单位医疗', '项', '210', '卫生健康支出', '21011'),
 ('2101103', '公务员医疗补助', '项', '210', '卫生健康支出', '21011'),
 ('212', '城乡社区支出', '类', '212', '城乡社区支出', NULL),
 ('21208', '国有土地使用权出让收入安排的支出', '款', '212', '城乡社区支出', '212'),
 ('2120803', '城市建设支出', '项', '212', '城乡社区支出', '21208'),
 ('220', '自然资源海洋气象等支出', '类', '220', '自然资源海洋气象等支出', NULL),
 ('22001', '自然资源事务', '款', '220', '自然资源海洋气象等支出', '220'),
 ('2200106', '土地资源利用与保护', '项', '220', '自然资源海洋气象等支出', '22001'),
 ('2200150', '事业运行', '项', '220', '自然资源海洋气象等支出', '22001'),
 ('2200199', '其他自然资源事务支出', '项', '220', '自然资源海洋气象等支出', '22001'),
 ('221', '住房保障支出', '类', '221', '住房保障支出', NULL),
 ('22102', '住房改革支出', '款', '221', '住房保障支出', '221'),
 ('2210201', '住房公积金', '项', '221', '住房保障支出', '22102');

CREATE TABLE marts.fct_budget_totals (unit_id VARCHAR, fiscal_year INTEGER, metric VARCHAR,
    amount_wan DECIMAL(24, 6), is_derived BOOLEAN, document_id VARCHAR, evidence VARCHAR);
INSERT INTO marts.fct_budget_totals VALUES
 ('{MIYI}', 2023, 'total_income_expense', 421.54, false, '{DOC_MIYI}', '2023年度收、支总计421.54万元'),
 ('{MIYI}', 2022, 'total_income_expense', 188.98, true, '{DOC_MIYI}', '收、支总计各增加232.56万元'),
 ('{MIYI}', 2023, 'total_income', 421.54, false, '{DOC_MIYI}', '2023年本年收入合计421.54万元'),
 ('{MIYI}', 2023, 'total_expense', 421.54, false, '{DOC_MIYI}', '2023年本年支出合计421.54万元'),
 ('{MIYI}', 2023, 'expense_basic', 250.27, false, '{DOC_MIYI}', '基本支出250.27万元'),
 ('{MIYI}', 2023, 'expense_project', 171.27, false, '{DOC_MIYI}', '项目支出171.27万元'),
 ('{MIYI}', 2023, 'basic_personnel', 236.24, false, '{DOC_MIYI}', '人员经费236.24万元'),
 ('{MIYI}', 2023, 'basic_public', 14.03, false, '{DOC_MIYI}', '公用经费14.03万元'),
 ('{MIYI}', 2023, 'office_running_cost', 14.03, false, '{DOC_MIYI}', '机关运行经费支出14.03万元'),
 ('{MIYI}', 2022, 'office_running_cost', 8.73, true, '{DOC_MIYI}', '比2022年增加5.3万元'),
 ('{ZIYANG}', 2021, 'total_income_expense', 622.34, false, '{DOC_ZIYANG}', '2021 年度收、支总计 622.34 万元'),
 ('{ZIYANG}', 2020, 'total_income_expense', 644.69, true, '{DOC_ZIYANG}', '收、支总计各减少 22.35 万元'),
 ('{ZIYANG}', 2021, 'total_income', 622.34, false, '{DOC_ZIYANG}', '2021 年本年收入合计 622.34 万元'),
 ('{ZIYANG}', 2021, 'total_expense', 622.34, false, '{DOC_ZIYANG}', '2021 年本年支出合计 622.34 万元'),
 ('{ZIYANG}', 2021, 'expense_basic', 210.85, false, '{DOC_ZIYANG}', '基本支出 210.85 万元'),
 ('{ZIYANG}', 2021, 'expense_project', 411.49, false, '{DOC_ZIYANG}', '项目支出 411.49 万元'),
 ('{ZIYANG}', 2021, 'basic_personnel', 184.73, false, '{DOC_ZIYANG}', '人员经费 184.73 万元'),
 ('{ZIYANG}', 2021, 'basic_public', 26.12, false, '{DOC_ZIYANG}', '公用经费 26.12 万元');

CREATE TABLE marts.fct_headcount (unit_id VARCHAR, fiscal_year INTEGER, headcount_kind VARCHAR,
    persons INTEGER, document_id VARCHAR, evidence VARCHAR);
INSERT INTO marts.fct_headcount VALUES
 ('{MIYI}', 2023, '年末实有在职人数', 12, '{DOC_MIYI}', '我单位2023年年末实有在职人数12人');

CREATE TABLE marts.fct_income_by_source (unit_id VARCHAR, fiscal_year INTEGER, source_name VARCHAR,
    amount_wan DECIMAL(24, 6), is_derived BOOLEAN, document_id VARCHAR, evidence VARCHAR);
INSERT INTO marts.fct_income_by_source VALUES
 ('{MIYI}', 2023, '一般公共预算财政拨款收入', 421.54, false, '{DOC_MIYI}', '一般公共预算财政拨款收入421.54万元'),
 ('{ZIYANG}', 2021, '一般公共预算财政拨款收入', 210.85, false, '{DOC_ZIYANG}', '一般公共预算财政拨款收入 210.85 万元'),
 ('{ZIYANG}', 2021, '政府性基金预算财政拨款收入', 411.49, false, '{DOC_ZIYANG}', '政府性基金预算财政拨款收入 411.49 万元');

CREATE TABLE marts.fct_spending_by_function (unit_id VARCHAR, fiscal_year INTEGER, fund_scope VARCHAR,
    subject_code VARCHAR, subject_level VARCHAR, subject_name VARCHAR, measure VARCHAR,
    amount_wan DECIMAL(24, 6), completion_pct DECIMAL(9, 2), is_derived BOOLEAN,
    document_id VARCHAR, evidence VARCHAR);
INSERT INTO marts.fct_spending_by_function VALUES
 ('{MIYI}', 2023, '一般公共预算', '2080505', '项', '机关事业单位基本养老保险缴费支出', '决算', 24.06, 100, false, '{DOC_MIYI}', '机关事业单位基本养老保险（项）支出决算为24.06万元'),
 ('{MIYI}', 2023, '一般公共预算', '2101102', '项', '事业单位医疗', '决算', 9.43, 100, false, '{DOC_MIYI}', '事业单位医疗（项）支出决算为9.43万元'),
 ('{MIYI}', 2023, '一般公共预算', '2101103', '项', '公务员医疗补助', '决算', 6.99, NULL, false, '{DOC_MIYI}', '公务员医疗补助（项）支出决算为6.99万元'),
 ('{MIYI}', 2023, '一般公共预算', '2200106', '项', '土地资源利用与保护', '决算', 170.18, NULL, false, '{DOC_MIYI}', '土地资源储备（项）支出决算为170.18万元'),
 ('{MIYI}', 2023, '一般公共预算', '2200150', '项', '事业运行', '决算', 194.96, NULL, false, '{DOC_MIYI}', '事业运行（项）支出决算为194.96万元'),
 ('{MIYI}', 2023, '一般公共预算', '2200199', '项', '其他自然资源事务支出', '决算', 1.10, NULL, false, '{DOC_MIYI}', '其他自然资源事务（项）支出决算为1.1万元'),
 ('{MIYI}', 2023, '一般公共预算', '2210201', '项', '住房公积金', '决算', 14.83, 100, false, '{DOC_MIYI}', '住房公积金支出决算为14.83万元'),
 ('{MIYI}', 2023, '一般公共预算', '20805', '款', '行政事业单位养老支出', '决算', 24.06, NULL, true, '{DOC_MIYI}', NULL),
 ('{MIYI}', 2023, '一般公共预算', '21011', '款', '行政事业单位医疗', '决算', 16.42, NULL, true, '{DOC_MIYI}', NULL),
 ('{MIYI}', 2023, '一般公共预算', '22001', '款', '自然资源事务', '决算', 366.24, NULL, true, '{DOC_MIYI}', NULL),
 ('{MIYI}', 2023, '一般公共预算', '22102', '款', '住房改革支出', '决算', 14.83, NULL, true, '{DOC_MIYI}', NULL),
 ('{ZIYANG}', 2021, '全部资金', '2120803', '项', '城市建设支出', '决算', 411.49, NULL, false, '{DOC_ZIYANG}', '城市建设支出 411.49'),
 ('{ZIYANG}', 2021, '全部资金', '2200150', '项', '事业运行', '决算', 165.32, NULL, false, '{DOC_ZIYANG}', '事业运行 165.32'),
 ('{ZIYANG}', 2021, '全部资金', '2080505', '项', '机关事业单位基本养老保险缴费支出', '决算', 12.95, NULL, false, '{DOC_ZIYANG}', '机关事业单位基本养老保险缴费支出 12.95'),
 ('{ZIYANG}', 2021, '全部资金', '2101102', '项', '事业单位医疗', '决算', 14.17, NULL, false, '{DOC_ZIYANG}', '事业单位医疗 14.17'),
 ('{ZIYANG}', 2021, '全部资金', '2210201', '项', '住房公积金', '决算', 18.41, NULL, false, '{DOC_ZIYANG}', '住房公积金 18.41'),
 ('{ZIYANG}', 2021, '全部资金', '22001', '款', '自然资源事务', '决算', 165.32, NULL, false, '{DOC_ZIYANG}', '自然资源事务 165.32'),
 ('{ZIYANG}', 2021, '全部资金', '21208', '款', '国有土地使用权出让收入安排的支出', '决算', 411.49, NULL, false, '{DOC_ZIYANG}', '国有土地使用权出让收入安排的支出 411.49');

CREATE TABLE marts.fct_spending_by_class (unit_id VARCHAR, fiscal_year INTEGER, fund_scope VARCHAR,
    class_code VARCHAR, class_name VARCHAR, measure VARCHAR, amount_wan DECIMAL(24, 6),
    is_derived BOOLEAN, document_id VARCHAR, evidence VARCHAR);
INSERT INTO marts.fct_spending_by_class VALUES
 ('{MIYI}', 2023, '一般公共预算', '208', '社会保障和就业支出', '决算', 24.06, false, '{DOC_MIYI}', '社会保障和就业支出24.06万元'),
 ('{MIYI}', 2023, '一般公共预算', '210', '卫生健康支出', '决算', 16.42, false, '{DOC_MIYI}', '卫生健康支出16.42万元'),
 ('{MIYI}', 2023, '一般公共预算', '220', '自然资源海洋气象等支出', '决算', 366.24, false, '{DOC_MIYI}', '自然资源海洋气象等支出366.24万元'),
 ('{MIYI}', 2023, '一般公共预算', '221', '住房保障支出', '决算', 14.82, false, '{DOC_MIYI}', '住房保障支出14.82万元'),
 ('{ZIYANG}', 2021, '全部资金', '208', '社会保障和就业支出', '决算', 12.95, false, '{DOC_ZIYANG}', '社会保障和就业支出 12.95'),
 ('{ZIYANG}', 2021, '全部资金', '210', '卫生健康支出', '决算', 14.17, false, '{DOC_ZIYANG}', '卫生健康支出 14.17'),
 ('{ZIYANG}', 2021, '全部资金', '212', '城乡社区支出', '决算', 411.49, false, '{DOC_ZIYANG}', '城乡社区支出 411.49'),
 ('{ZIYANG}', 2021, '全部资金', '220', '自然资源海洋气象等支出', '决算', 165.32, false, '{DOC_ZIYANG}', '自然资源海洋气象等支出 165.32'),
 ('{ZIYANG}', 2021, '全部资金', '221', '住房保障支出', '决算', 18.41, false, '{DOC_ZIYANG}', '住房保障支出 18.41');

CREATE TABLE marts.fct_three_public (unit_id VARCHAR, fiscal_year INTEGER, item VARCHAR,
    measure VARCHAR, amount_wan DECIMAL(24, 6), is_derived BOOLEAN, document_id VARCHAR, evidence VARCHAR);
INSERT INTO marts.fct_three_public VALUES
 ('{MIYI}', 2023, '合计', '决算', 0, false, '{DOC_MIYI}', '“三公”经费财政拨款支出决算为0万元'),
 ('{MIYI}', 2023, '因公出国（境）费', '决算', 0, false, '{DOC_MIYI}', '因公出国（境）费支出决算0万元'),
 ('{MIYI}', 2023, '公务用车购置及运行维护费', '决算', 0, false, '{DOC_MIYI}', '公务用车购置及运行维护费支出决算0万元'),
 ('{MIYI}', 2023, '公务接待费', '决算', 0, false, '{DOC_MIYI}', '公务接待费支出决算0万元'),
 ('{ZIYANG}', 2021, '合计', '决算', 0, false, '{DOC_ZIYANG}', '“三公”经费财政拨款支出决算为 0 万元'),
 ('{ZIYANG}', 2021, '公务接待费', '决算', 0.35, false, '{DOC_ZIYANG}', '公务接待费 0.35 万元');

CREATE TABLE marts.fct_project_execution (unit_id VARCHAR, fiscal_year INTEGER, project_name VARCHAR,
    budget_wan DECIMAL(24, 6), adjusted_budget_wan DECIMAL(24, 6), executed_wan DECIMAL(24, 6),
    carryover_wan DECIMAL(24, 6), execution_rate DECIMAL(9, 2), source VARCHAR, document_id VARCHAR,
    evidence VARCHAR);
INSERT INTO marts.fct_project_execution VALUES
 ('{MIYI}', 2023, '米易县集体土地征收智能信息系统建设', 159.5, NULL, 151.53, NULL, 95, 'prose', '{DOC_MIYI}', '采购金额159.5万元，完成支付151.53万元，执行率95%'),
 ('{ZIYANG}', 2021, '温州商城项目电力杆线迁改工程', 155.28, NULL, 155.28, 0, 100, 'table', '{DOC_ZIYANG}', '温州商城项目电力杆线迁改工程 155.28 155.28 100%'),
 ('{ZIYANG}', 2021, '六个安置房项目过渡费', 260.00, NULL, 229.82, 30.18, 88.39, 'table', '{DOC_ZIYANG}', '六个安置房项目过渡费 260 229.82 88.39%');

CREATE TABLE marts.fct_dq_findings (document_id VARCHAR, rule_id VARCHAR, rule_name VARCHAR,
    status VARCHAR, severity VARCHAR, expected DECIMAL(24, 6), actual DECIMAL(24, 6),
    difference DECIMAL(24, 6), tolerance DECIMAL(24, 6), evidence VARCHAR);
INSERT INTO marts.fct_dq_findings VALUES
 ('{DOC_MIYI}', 'income_equals_expense', '收入合计 = 支出合计', 'pass', 'error', 421.54, 421.54, 0, 0.01, '2023年本年收入合计421.54万元'),
 ('{DOC_MIYI}', 'class_sum_equals_gpb_total', '各类支出之和 = 一般公共预算财政拨款支出', 'pass', 'error', 421.54, 421.54, 0, 0.03, '主要用于以下方面'),
 ('{DOC_MIYI}', 'item_sum_equals_class', '住房保障支出（类）= 所属项之和', 'fail', 'warning', 14.82, 14.83, 0.01, 0.005, '住房保障支出14.82万元，占3.52%'),
 ('{DOC_MIYI}', 'basic_parts_sum', '人员经费 + 公用经费 = 基本支出', 'pass', 'error', 250.27, 250.27, 0, 0.015, '基本支出250.27万元'),
 ('{DOC_MIYI}', 'three_public_budget', '三公经费完成预算', 'not_applicable', 'info', NULL, NULL, NULL, NULL, NULL),
 ('{DOC_ZIYANG}', 'income_equals_expense', '收入合计 = 支出合计', 'pass', 'error', 622.34, 622.34, 0, 0.01, '2021 年本年收入合计 622.34 万元'),
 ('{DOC_ZIYANG}', 'three_public_items_sum', '三公各项之和 = 三公合计', 'fail', 'error', 0, 0.35, 0.35, 0.02, '“三公”经费财政拨款支出决算为 0 万元'),
 ('{DOC_ZIYANG}', 'project_rate_consistent', '项目执行率 = 执行数 / 预算数', 'insufficient_data', 'warning', NULL, NULL, NULL, NULL, NULL);
"""


def build_fixture_warehouse(path: Path) -> Path:
    """A small marts-only warehouse with the shape the notebooks read."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    try:
        con.execute(FIXTURE_SQL)
    finally:
        con.close()
    return path


def build_empty_warehouse(path: Path) -> Path:
    """A warehouse with no marts at all (nothing loaded, dbt never run)."""
    con = duckdb.connect(str(path))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
    finally:
        con.close()
    return path


if __name__ == "__main__":  # python tests/test_notebooks.py /tmp/nb-fixture.duckdb
    target = Path(sys.argv[1])
    target.unlink(missing_ok=True)
    print(build_fixture_warehouse(target))
