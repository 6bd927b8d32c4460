"""Standard 决算 tables in other provinces' layouts, rendered at test time as .xlsx, .html, .docx
and text-layer .pdf files (plus variants with real merged group headers and an unruled PDF),
parsed with loaders.formats.parse_file and read with extract_facts.

Two invented documents (numbers satisfy the accounting identities):
* DOC_A (万元): 收入支出决算总表 with both sides on one row and 行次 / 栏次, 支出决算表 with 类|款|项
  code columns and a 栏次 row, 财政拨款收入支出决算总表 with fund columns and fund lines under
  年初结转, 一般公共预算财政拨款支出决算表 with 年初预算 / 决算数(合计|基本|项目) / 完成%, a one-lane
  基本支出 table with 人员经费 / 公用经费 columns, a vertical 三公 table with 机关运行经费, the
  政府性基金 收入支出 table, an empty 国有资本经营 table, a 财政拨款支出决算明细表 by 经济分类, a
  项目支出决算表 by project and two project self-evaluation tables of other templates.
* DOC_B (元): a one-column 收入支出决算总表, a 收入决算表 with the code inside the name cell and a
  horizontal 三公 table with a 机关运行经费 column.
"""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from loaders.extract import extract_facts
from loaders.formats import parse_file
from loaders.numbers import value_in_evidence

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# (title, unit line, rows) — a title of None continues nothing: every table has its own title
Table = tuple[str, str, list[list[str]]]

DOC_A_TITLE = "青林县教育局2024年度部门决算"
DOC_A: list[Table] = [
    ("收入支出决算总表", "公开01表　　单位：万元", [
        ["收入", "", "", "支出", "", ""],
        ["项目", "行次", "金额", "项目", "行次", "金额"],
        ["栏次", "", "1", "栏次", "", "2"],
        ["一、一般公共预算财政拨款收入", "1", "1,250.40", "一、教育支出", "32", "900.00"],
        ["二、政府性基金预算财政拨款收入", "2", "80.00", "二、社会保障和就业支出", "33", "150.40"],
        ["三、国有资本经营预算财政拨款收入", "3", "-", "三、卫生健康支出", "34", "60.00"],
        ["四、事业收入", "4", "30.00", "四、城乡社区支出", "35", "80.00"],
        ["五、其他收入", "5", "5.60", "五、住房保障支出", "36", "95.60"],
        ["本年收入合计", "6", "1,366.00", "本年支出合计", "37", "1,286.00"],
        ["年初结转和结余", "7", "34.00", "年末结转和结余", "38", "114.00"],
        ["总计", "8", "1,400.00", "总计", "39", "1,400.00"],
    ]),
    ("支出决算表", "单位：万元", [
        ["项目", "", "", "", "本年支出合计", "基本支出", "项目支出"],
        ["支出功能分类科目编码", "", "", "科目名称", "", "", ""],
        ["类", "款", "项", "栏次", "1", "2", "3"],
        ["", "", "", "合计", "1,286.00", "1,000.00", "286.00"],
        ["205", "", "", "教育支出", "900.00", "704.40", "195.60"],
        ["205", "02", "", "  普通教育", "900.00", "704.40", "195.60"],
        ["205", "02", "03", "    初中教育", "900.00", "704.40", "195.60"],
        ["208", "", "", "社会保障和就业支出", "150.40", "150.40", ""],
        ["208", "05", "05", "    机关事业单位基本养老保险缴费支出", "150.40", "150.40", "--"],
        ["210", "", "", "卫生健康支出", "60.00", "49.60", "10.40"],
        ["210", "11", "02", "    事业单位医疗", "60.00", "49.60", "10.40"],
        ["212", "", "", "城乡社区支出", "80.00", "", "80.00"],
        ["212", "08", "99", "    其他国有土地使用权出让收入安排的支出", "80.00", "", "80.00"],
        ["221", "", "", "住房保障支出", "95.60", "95.60", ""],
        ["221", "02", "01", "    住房公积金", "95.60", "95.60", ""],
    ]),
    ("财政拨款收入支出决算总表", "单位：万元", [
        ["收入", "", "支出", "", "", "", ""],
        ["项目", "金额", "项目", "合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"],
        ["一、一般公共预算财政拨款", "1,250.40", "一、教育支出", "900.00", "900.00", "", ""],
        ["二、政府性基金预算财政拨款", "80.00", "二、社会保障和就业支出", "150.40", "150.40", "", ""],
        ["三、国有资本经营预算财政拨款", "-", "三、卫生健康支出", "60.00", "60.00", "", ""],
        ["", "", "四、城乡社区支出", "80.00", "", "80.00", ""],
        ["", "", "五、住房保障支出", "95.60", "95.60", "", ""],
        ["本年收入合计", "1,330.40", "本年支出合计", "1,286.00", "1,206.00", "80.00", ""],
        ["年初财政拨款结转和结余", "20.00", "年末财政拨款结转和结余", "64.40", "64.40", "0.00", ""],
        ["一般公共预算财政拨款", "20.00", "", "", "", "", ""],
        ["政府性基金预算财政拨款", "0.00", "", "", "", "", ""],
        ["总计", "1,350.40", "总计", "1,350.40", "1,270.40", "80.00", ""],
    ]),
    ("一般公共预算财政拨款支出决算表", "单位：万元", [
        ["科目编码", "科目名称", "年初预算数", "决算数", "", "", "决算数为年初预算数的%"],
        ["", "", "", "合计", "基本支出", "项目支出", ""],
        ["", "合计", "1,200.00", "1,206.00", "1,000.00", "206.00", "100.50"],
        ["205", "教育支出", "880.00", "900.00", "704.40", "195.60", "102.27"],
        ["20502", "普通教育", "880.00", "900.00", "704.40", "195.60", "102.27"],
        ["2050203", "初中教育", "880.00", "900.00", "704.40", "195.60", "102.27"],
        ["208", "社会保障和就业支出", "150.00", "150.40", "150.40", "", "100.27"],
        ["2080505", "机关事业单位基本养老保险缴费支出", "150.00", "150.40", "150.40", "-", "100.27"],
        ["210", "卫生健康支出", "70.00", "60.00", "49.60", "10.40", "85.71"],
        ["2101102", "事业单位医疗", "70.00", "60.00", "49.60", "10.40", "85.71"],
        ["221", "住房保障支出", "100.00", "95.60", "95.60", "", "95.60"],
        ["2210201", "住房公积金", "100.00", "95.60", "95.60", "", "95.60"],
    ]),
    ("一般公共预算财政拨款基本支出决算表", "单位：万元", [
        ["经济分类科目编码", "科目名称", "决算数", "", ""],
        ["", "", "合计", "人员经费", "公用经费"],
        ["", "合计", "1,000.00", "880.00", "120.00"],
        ["301", "工资福利支出", "850.00", "850.00", ""],
        ["30101", "基本工资", "400.00", "400.00", ""],
        ["30102", "津贴补贴", "300.00", "300.00", ""],
        ["30108", "机关事业单位基本养老保险缴费", "150.00", "150.00", ""],
        ["302", "商品和服务支出", "120.00", "", "120.00"],
        ["30201", "办公费", "70.00", "", "70.00"],
        ["30211", "差旅费", "50.00", "", "50.00"],
        ["303", "对个人和家庭的补助", "30.00", "30.00", ""],
        ["30302", "退休费", "30.00", "30.00", ""],
    ]),
    ("一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", [
        ["项目", "预算数", "决算数"],
        ["合计", "12.00", "10.50"],
        ["1.因公出国（境）费", "3.00", "2.00"],
        ["2.公务接待费", "2.00", "1.50"],
        ["3.公务用车购置及运行维护费", "7.00", "7.00"],
        ["（1）公务用车购置费", "4.00", "4.00"],
        ["（2）公务用车运行维护费", "3.00", "3.00"],
        ["机关运行经费", "125.00", "120.00"],
    ]),
    ("政府性基金预算财政拨款收入支出决算表", "单位：万元", [
        ["项目", "", "年初结转和结余", "本年收入", "本年支出", "", "", "年末结转和结余"],
        ["功能分类科目编码", "科目名称", "", "", "小计", "基本支出", "项目支出", ""],
        ["合计", "", "0.00", "80.00", "80.00", "-", "80.00", "0.00"],
        ["212", "城乡社区支出", "0.00", "80.00", "80.00", "", "80.00", "0.00"],
        ["21208", "国有土地使用权出让收入安排的支出", "0.00", "80.00", "80.00", "", "80.00", "0.00"],
        ["2120899", "其他国有土地使用权出让收入安排的支出", "0.00", "80.00", "80.00", "", "80.00", "0.00"],
    ]),
    ("国有资本经营预算财政拨款支出决算表", "单位：万元", [
        ["科目编码", "科目名称", "本年支出", "", ""],
        ["", "", "合计", "基本支出", "项目支出"],
        ["合计", "", "-", "-", "-"],
    ]),
    ("财政拨款支出决算明细表", "单位：万元", [
        ["经济分类科目编码", "科目名称", "合计", "基本支出", "项目支出"],
        ["合计", "", "1,286.00", "1,000.00", "286.00"],
        ["301", "工资福利支出", "850.00", "850.00", ""],
        ["30101", "基本工资", "400.00", "400.00", ""],
        ["302", "商品和服务支出", "326.00", "120.00", "206.00"],
        ["30227", "委托业务费", "206.00", "", "206.00"],
        ["303", "对个人和家庭的补助", "30.00", "30.00", ""],
        ["310", "资本性支出", "80.00", "", "80.00"],
        ["31005", "基础设施建设", "80.00", "", "80.00"],
    ]),
    ("一般公共预算财政拨款项目支出决算表", "单位：万元", [
        ["项目名称", "功能分类科目", "预算数", "决算数"],
        ["合计", "", "200.00", "206.00"],
        ["中小学校舍维修改造项目", "初中教育", "190.00", "195.60"],
        ["基层医疗设备购置项目", "事业单位医疗", "10.00", "10.40"],
    ]),
    ("2024年度项目支出绩效自评表", "", [
        ["项目名称", "中小学校舍维修改造项目", "", "", "", "", "", ""],
        ["主管部门", "青林县教育局", "", "", "实施单位", "青林县第一中学", "", ""],
        ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["", "年度资金总额", "190.00", "200.00", "195.60", "10", "97.80%", "9.78"],
        ["", "其中：当年财政拨款", "190.00", "200.00", "195.60", "—", "—", "—"],
        ["", "上年结转资金", "", "", "", "—", "—", "—"],
        ["", "其他资金", "", "", "", "—", "—", "—"],
        ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["", "产出指标", "数量指标", "维修校舍面积", "≥5000平方米", "5200平方米", "20", "20"],
        ["总分", "", "", "", "", "", "100", "96.78"],
    ]),
    ("部门预算项目支出绩效自评表", "", [
        ["项目名称", "基层医疗设备购置项目", "", "", ""],
        ["年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率"],
        ["总额", "10.00", "10.40", "10.40", "100%"],
        ["其中：财政资金", "10.00", "10.40", "10.40", "100%"],
        ["其他资金", "", "", "", ""],
    ]),
]

DOC_B_TITLE = "青林市自然资源局2023年度单位决算"
DOC_B: list[Table] = [
    ("收入支出决算总表", "金额单位：元", [
        ["项目", "行次", "决算数"],
        ["一、财政拨款收入", "1", "3,456,789.00"],
        ["二、事业收入", "2", "100,000.00"],
        ["本年收入合计", "3", "3,556,789.00"],
        ["年初结转和结余", "4", "43,211.00"],
        ["收入总计", "5", "3,600,000.00"],
        ["一、一般公共服务支出", "6", "3,500,000.00"],
        ["本年支出合计", "7", "3,500,000.00"],
        ["年末结转和结余", "8", "100,000.00"],
        ["支出总计", "9", "3,600,000.00"],
    ]),
    ("收入决算表", "金额单位：元", [
        ["科目", "本年收入合计", "财政拨款收入", "事业收入"],
        ["合计", "3,556,789.00", "3,456,789.00", "100,000.00"],
        ["201 一般公共服务支出", "3,556,789.00", "3,456,789.00", "100,000.00"],
        ["20106 财政事务", "3,556,789.00", "3,456,789.00", "100,000.00"],
        ["2010601 行政运行", "3,556,789.00", "3,456,789.00", "100,000.00"],
    ]),
    ("财政拨款“三公”经费支出决算表", "金额单位：元", [
        ["合计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "机关运行经费"],
        ["", "", "小计", "公务用车购置费", "公务用车运行维护费", "", ""],
        ["58,000.00", "0.00", "40,000.00", "0.00", "40,000.00", "18,000.00", "350,000.00"],
    ]),
]

# (metric, qualifier, subject_code or None = not checked, value, unit)
EXPECTED_A = [
    ("income_by_source", "一般公共预算财政拨款收入", None, "1250.40", "万元"),
    ("income_by_source", "事业收入", None, "30.00", "万元"),
    ("expense_by_function", "城乡社区支出", None, "80.00", "万元"),
    ("total_income", "本年收入合计", None, "1366.00", "万元"),
    ("total_expense", "本年支出合计", None, "1286.00", "万元"),
    ("carryover_begin", "年初结转和结余", None, "34.00", "万元"),
    ("carryover_end", "年末结转和结余", None, "114.00", "万元"),
    ("total_income_expense", "收入总计", None, "1400.00", "万元"),
    ("total_income_expense", "支出总计", None, "1400.00", "万元"),
    # 支出决算表: 类|款|项 codes, indented names, 栏次 row
    ("expense_basic", None, None, "1000.00", "万元"),
    ("expense_project", None, None, "286.00", "万元"),
    ("expense_by_function", "教育支出", "205", "900.00", "万元"),
    ("expense_item", "初中教育", "2050203", "900.00", "万元"),
    ("expense_item_basic", "初中教育", "2050203", "704.40", "万元"),
    ("expense_item_project", "其他国有土地使用权出让收入安排的支出", "2120899", "80.00", "万元"),
    ("expense_item", "住房公积金", "2210201", "95.60", "万元"),
    # 财政拨款收入支出决算总表
    ("fin_income_by_source", "一般公共预算财政拨款", None, "1250.40", "万元"),
    ("fin_income_by_source", "政府性基金预算财政拨款", None, "80.00", "万元"),
    ("fin_income_total", None, None, "1330.40", "万元"),
    ("fin_expense_by_function", "城乡社区支出", "212", "80.00", "万元"),
    ("gpb_expense_by_function", "住房保障支出", "221", "95.60", "万元"),
    ("gfb_expense_by_function", "城乡社区支出", "212", "80.00", "万元"),
    ("fin_expense_total", None, None, "1286.00", "万元"),
    ("gpb_expense_total", None, None, "1206.00", "万元"),
    ("gfb_expense_total", None, None, "80.00", "万元"),
    ("fin_carryover_begin", "年初财政拨款结转和结余", None, "20.00", "万元"),
    ("gpb_carryover_begin", None, None, "20.00", "万元"),
    ("gfb_carryover_begin", None, None, "0.00", "万元"),
    ("gpb_carryover_end", None, None, "64.40", "万元"),
    ("fin_approp_total", "收入总计", None, "1350.40", "万元"),
    ("fin_approp_total", "支出总计", None, "1350.40", "万元"),
    # 一般公共预算财政拨款支出决算表 with budget and completion columns
    ("gpb_expense_item", "初中教育", "2050203", "900.00", "万元"),
    ("gpb_item_budget", "初中教育", "2050203", "880.00", "万元"),
    ("gpb_item_completion_pct", "初中教育", "2050203", "102.27", "%"),
    ("gpb_expense_item_basic", "事业单位医疗", "2101102", "49.60", "万元"),
    ("gpb_expense_item_project", "事业单位医疗", "2101102", "10.40", "万元"),
    ("gpb_expense_basic", None, None, "1000.00", "万元"),
    ("gpb_expense_project", None, None, "206.00", "万元"),
    ("gpb_budget_total", None, None, "1200.00", "万元"),
    ("gpb_completion_pct", None, None, "100.50", "%"),
    # 基本支出 one lane with 人员经费 / 公用经费 columns
    ("econ_item", "基本工资", "30101", "400.00", "万元"),
    ("econ_item", "差旅费", "30211", "50.00", "万元"),
    ("econ_item", "商品和服务支出", "302", "120.00", "万元"),
    ("basic_personnel", "人员经费", None, "880.00", "万元"),
    ("basic_public", "公用经费", None, "120.00", "万元"),
    # 三公 vertical with 机关运行经费
    ("three_public_total", None, None, "10.50", "万元"),
    ("three_public_budget", "合计", None, "12.00", "万元"),
    ("three_public_item", "因公出国（境）费", None, "2.00", "万元"),
    ("three_public_item", "公务用车购置费", None, "4.00", "万元"),
    ("three_public_budget", "公务用车运行维护费", None, "3.00", "万元"),
    ("office_running_cost", None, None, "120.00", "万元"),
    # 政府性基金预算财政拨款收入支出决算表
    ("gfb_income_total", None, None, "80.00", "万元"),
    ("gfb_expense_project", None, None, "80.00", "万元"),
    ("gfb_carryover_end", None, None, "0.00", "万元"),
    ("gfb_expense_item", "其他国有土地使用权出让收入安排的支出", "2120899", "80.00", "万元"),
    ("gfb_expense_item_project", "其他国有土地使用权出让收入安排的支出", "2120899", "80.00", "万元"),
    ("gfb_income_item", "国有土地使用权出让收入安排的支出", "21208", "80.00", "万元"),
    # 财政拨款支出决算明细表 (经济分类)
    ("fin_econ_item", "委托业务费", "30227", "206.00", "万元"),
    ("fin_econ_item_project", "基础设施建设", "31005", "80.00", "万元"),
    ("fin_econ_item_basic", "工资福利支出", "301", "850.00", "万元"),
    ("fin_expense_basic", None, None, "1000.00", "万元"),
    # 项目支出决算表 by project
    ("project_executed", "中小学校舍维修改造项目", None, "195.60", "万元"),
    ("project_budget", "基层医疗设备购置项目", None, "10.00", "万元"),
    ("gpb_expense_project", None, None, "206.00", "万元"),
    # 项目支出绩效自评表 (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分)
    ("project_budget", "中小学校舍维修改造项目", None, "190.00", "万元"),
    ("project_adjusted_budget", "中小学校舍维修改造项目", None, "200.00", "万元"),
    ("project_executed", "中小学校舍维修改造项目", None, "195.60", "万元"),
    ("project_execution_rate", "中小学校舍维修改造项目", None, "97.80", "%"),
    ("self_eval_score", "中小学校舍维修改造项目", None, "96.78", "分"),
    # 部门预算项目支出绩效自评表 (年初预算 | 调整后预算数 | 预算执行数 | 预算执行率)
    ("project_adjusted_budget", "基层医疗设备购置项目", None, "10.40", "万元"),
    ("project_executed", "基层医疗设备购置项目", None, "10.40", "万元"),
    ("project_execution_rate", "基层医疗设备购置项目", None, "100", "%"),
]

EXPECTED_B = [
    ("income_by_source", "财政拨款收入", None, "3456789.00", "元"),
    ("total_income", "本年收入合计", None, "3556789.00", "元"),
    ("carryover_begin", "年初结转和结余", None, "43211.00", "元"),
    ("total_income_expense", "收入总计", None, "3600000.00", "元"),
    ("total_income_expense", "支出总计", None, "3600000.00", "元"),
    ("expense_by_function", "一般公共服务支出", None, "3500000.00", "元"),
    ("total_expense", "本年支出合计", None, "3500000.00", "元"),
    ("carryover_end", "年末结转和结余", None, "100000.00", "元"),
    ("income_item", "行政运行", "2010601", "3556789.00", "元"),
    ("income_item", "一般公共服务支出", "201", "3556789.00", "元"),
    ("three_public_total", None, None, "58000.00", "元"),
    ("three_public_item", "因公出国（境）费", None, "0.00", "元"),
    ("three_public_item", "公务用车购置及运行维护费", None, "40000.00", "元"),
    ("three_public_item", "公务用车运行维护费", None, "40000.00", "元"),
    ("three_public_item", "公务接待费", None, "18000.00", "元"),
    ("office_running_cost", None, None, "350000.00", "元"),
]

DOC_C_TITLE = "青林县卫生健康局2024年度部门决算"
DOC_C: list[Table] = [
    # two lanes: 人员经费 items on the left, 公用经费 items on the right
    ("一般公共预算财政拨款基本支出决算表", "单位：万元", [
        ["人员经费", "", "", "公用经费", "", ""],
        ["经济分类科目编码", "科目名称", "决算数", "经济分类科目编码", "科目名称", "决算数"],
        ["301", "工资福利支出", "850.00", "302", "商品和服务支出", "120.00"],
        ["30101", "基本工资", "400.00", "30201", "办公费", "70.00"],
        ["30102", "津贴补贴", "300.00", "30211", "差旅费", "50.00"],
        ["30108", "机关事业单位基本养老保险缴费", "150.00", "310", "资本性支出", "-"],
        ["303", "对个人和家庭的补助", "30.00", "", "", ""],
        ["30302", "退休费", "30.00", "", "", ""],
        ["人员经费合计", "", "880.00", "公用经费合计", "", "120.00"],
    ]),
    # components as column groups, each with 预算数 / 决算数 under it
    ("一般公共预算财政拨款“三公”经费支出决算表", "单位：万元", [
        ["合计", "", "因公出国（境）费", "", "公务用车购置及运行维护费", "", "", "", "", "", "公务接待费", ""],
        ["", "", "", "", "小计", "", "公务用车购置费", "", "公务用车运行维护费", "", "", ""],
        ["预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数", "决算数", "预算数",
         "决算数"],
        ["12.00", "10.50", "3.00", "2.00", "7.00", "7.00", "4.00", "4.00", "3.00", "3.00", "2.00", "1.50"],
    ]),
]
EXPECTED_C = [
    ("econ_item", "工资福利支出", "301", "850.00", "万元"),
    ("econ_item", "基本工资", "30101", "400.00", "万元"),
    ("econ_item", "机关事业单位基本养老保险缴费", "30108", "150.00", "万元"),
    ("econ_item", "退休费", "30302", "30.00", "万元"),
    ("econ_item", "商品和服务支出", "302", "120.00", "万元"),
    ("econ_item", "差旅费", "30211", "50.00", "万元"),
    ("basic_personnel", "人员经费合计", None, "880.00", "万元"),
    ("basic_public", "公用经费合计", None, "120.00", "万元"),
    ("three_public_budget", "合计", None, "12.00", "万元"),
    ("three_public_total", None, None, "10.50", "万元"),
    ("three_public_budget", "因公出国（境）费", None, "3.00", "万元"),
    ("three_public_item", "因公出国（境）费", None, "2.00", "万元"),
    ("three_public_budget", "公务用车购置及运行维护费", None, "7.00", "万元"),
    ("three_public_item", "公务用车购置及运行维护费", None, "7.00", "万元"),
    ("three_public_item", "公务用车购置费", None, "4.00", "万元"),
    ("three_public_budget", "公务用车运行维护费", None, "3.00", "万元"),
    ("three_public_item", "公务接待费", None, "1.50", "万元"),
    ("three_public_budget", "公务接待费", None, "2.00", "万元"),
]

# facts that must NOT come out (metric, qualifier or "*", value; None = a '-' cell read as a fact):
# 行次 / 栏次 numbers, 分值 / 得分 cells of a self-evaluation table, '-' cells
FORBIDDEN_A = [
    ("income_by_source", "*", None),
    ("project_budget", "中小学校舍维修改造项目", "10"),  # 分值
    ("project_executed", "中小学校舍维修改造项目", "9.78"),  # 得分
    ("expense_item", "*", "1"),  # 栏次
    ("expense_by_function", "*", "32"),  # 行次
    ("total_income", "*", "6"),
]


# ---------------------------------------------------------------- builders


def _numeric(text: str) -> float | None:
    s = text.replace(",", "")
    try:
        return float(s) if s and s[0].isdigit() and "%" not in s else None
    except ValueError:
        return None


def group_spans(rows: list[list[str]]) -> dict[tuple[int, int], int]:
    """(row, col) -> colspan for group headers in the first rows: a label followed by empty
    cells that have labels of their own in the row below (收入 | | 支出 …, 决算数 | | …)."""
    spans: dict[tuple[int, int], int] = {}
    for r in range(min(2, len(rows) - 1)):
        row, below = rows[r], rows[r + 1]
        for c, text in enumerate(row):
            if not text:
                continue
            n = 1
            while c + n < len(row) and not row[c + n] and c + n < len(below) and below[c + n]:
                n += 1
            if n > 1:
                spans[(r, c)] = n
    return spans


def build_xlsx(title: str, tables: list[Table], merged: bool = False) -> bytes:
    """One sheet per table (named 表1, 表2 …): the table's title and an 编制单位 / unit line inside
    the sheet, amounts as numbers with a #,##0.00 format, codes and 行次 as text."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for i, (name, unit, rows) in enumerate(tables, 1):
        ws = wb.create_sheet(f"表{i}")
        ws.append([name])
        ws.append([f"编制单位：{title.split('20')[0]}　　{unit}".strip()])
        for row in rows:
            out: list[object] = []
            for text in row:
                v = _numeric(text)
                out.append(v if v is not None and "." in text else text)
            ws.append(out)
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
        if merged:
            for (r, c), n in group_spans(rows).items():
                ws.merge_cells(start_row=r + 3, start_column=c + 1, end_row=r + 3, end_column=c + n)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_html(title: str, tables: list[Table], merged: bool = False) -> bytes:
    from html import escape

    parts = [f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{escape(title)}</title></head><body>',
             f"<h1>{escape(title)}</h1>"]
    for name, unit, rows in tables:
        parts.append(f"<h3>{escape(name)}</h3>")
        if unit:
            parts.append(f"<p>{escape(unit)}</p>")
        parts.append('<table border="1">')
        spans = group_spans(rows) if merged else {}
        for r, row in enumerate(rows):
            cells, skip = [], 0
            for c, v in enumerate(row):
                if skip:
                    skip -= 1
                    continue
                n = spans.get((r, c), 1)
                skip = n - 1
                cells.append(f'<td colspan="{n}">{escape(v)}</td>' if n > 1 else f"<td>{escape(v)}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def build_docx(title: str, tables: list[Table], merged: bool = False) -> bytes:
    import docx

    d = docx.Document()
    d.add_heading(title, level=1)
    for name, unit, rows in tables:
        d.add_paragraph(name)
        if unit:
            d.add_paragraph(unit)
        width = max(len(r) for r in rows)
        t = d.add_table(rows=len(rows), cols=width)
        t.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
        if merged:
            for (r, c), n in group_spans(rows).items():
                t.cell(r, c).merge(t.cell(r, c + n - 1)).text = rows[r][c]
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def build_pdf(title: str, tables: list[Table], ruled: bool = True) -> bytes:
    """Landscape A4, one table per page, ruled (or unruled) cells (fpdf2 + WenQuanYi Micro Hei)."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", format="A4")
    pdf.set_auto_page_break(True, margin=12)
    pdf.add_font("wqy", fname=str(CJK_FONT), collection_font_number=0)
    for name, unit, rows in tables:
        pdf.add_page()
        pdf.set_font("wqy", size=14)
        pdf.cell(0, 10, name, new_x="LMARGIN", new_y="NEXT", align="C")
        pdf.set_font("wqy", size=9)
        pdf.cell(0, 6, unit or title, new_x="LMARGIN", new_y="NEXT", align="R")
        pdf.set_font("wqy", size=7)
        width = max(len(r) for r in rows)
        borders = "ALL" if ruled else "NONE"
        with pdf.table(text_align="LEFT", first_row_as_headings=False, line_height=4.5, borders_layout=borders) as t:
            for row in rows:
                r = t.row()
                for v in row + [""] * (width - len(row)):
                    r.cell(v)
    return bytes(pdf.output())


def build_text(title: str, tables: list[Table], layout: str) -> bytes:
    """A .txt export: each table's title and unit line, then its cells, by layout:
    ``tab`` / ``pipe`` one row per line; ``cells`` one cell per line ending in '|' (a lone '|' is
    an empty cell); ``flat`` the whole table on one line, cells between '|'; ``space`` space-aligned columns."""
    lines = [title, ""]
    for name, unit, rows in tables:
        lines += [name, unit] if unit else [name]
        width = max(len(r) for r in rows)
        full = [r + [""] * (width - len(r)) for r in rows]
        if layout == "tab":
            lines += ["\t".join(r) for r in full]
        elif layout == "pipe":
            lines += [" | ".join(r) for r in full]
        elif layout == "cells":
            lines += [f"{c} |" if c else "|" for r in full for c in r]
        elif layout == "flat":
            lines.append(" | ".join(c for r in full for c in r))
        elif layout == "space":
            lines += space_aligned(rows)
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def space_aligned(rows: list[list[str]]) -> list[str]:
    """A table as ``pdftotext -layout`` prints it: columns padded with spaces to a common display
    width (CJK = 2), amounts right-aligned, labels and codes left-aligned, a group label centred over the
    columns it spans (the blanks beside it are part of it), two spaces between columns."""
    width = max(len(r) for r in rows)
    full = [r + [""] * (width - len(r)) for r in rows]
    head = next((k for k, r in enumerate(full) if any(_numeric(t) is not None for t in r)), len(full))
    spans = {(k, c): n for (k, c), n in group_spans(full).items() if k + 1 < head}
    widths = [max(_width(r[c]) for (k, r) in enumerate(full) if not any((k, c0) in spans and c0 <= c < c0 + n
                                                                         for (kk, c0), n in spans.items() if kk == k))
              for c in range(width)]
    widths = [max(w, 2) for w in widths]
    for (k, c0), n in spans.items():  # widen the last spanned column when the group label is wider
        need = _width(full[k][c0]) - (sum(widths[c0:c0 + n]) + 2 * (n - 1))
        if need > 0:
            widths[c0 + n - 1] += need
    out = []
    for k, r in enumerate(full):
        parts, c = [], 0
        while c < width:
            n = spans.get((k, c), 1)
            span_w = sum(widths[c:c + n]) + 2 * (n - 1)
            text = r[c]
            if n > 1:
                left = (span_w - _width(text)) // 2
                parts.append(" " * left + _pad(text, span_w - left, False))
            else:
                amount = _numeric(text) is not None and "." in text or text in ("-", "--")
                parts.append(_pad(text, span_w, amount))  # codes and 行次 are left-aligned
            c += n
        out.append("  ".join(parts).rstrip())
    return out


BUILDERS = {
    "xlsx": build_xlsx,
    "html": build_html,
    "docx": build_docx,
    "pdf": build_pdf,
    # group headers as real merged cells (colspan / gridSpan / merged ranges)
    "xlsx-merged": lambda title, tables: build_xlsx(title, tables, merged=True),
    "html-merged": lambda title, tables: build_html(title, tables, merged=True),
    "docx-merged": lambda title, tables: build_docx(title, tables, merged=True),
    # no rules: columns come from text positions, long labels wrap onto a row of their own
    "pdf-unruled": lambda title, tables: build_pdf(title, tables, ruled=False),
    # plain text: tab-separated and '|'-separated rows, one cell per line, one flattened line
    "txt-tab": lambda title, tables: build_text(title, tables, "tab"),
    "txt-pipe": lambda title, tables: build_text(title, tables, "pipe"),
    "txt-cells": lambda title, tables: build_text(title, tables, "cells"),
    "txt-flat": lambda title, tables: build_text(title, tables, "flat"),
}
DOCS = {"A": (DOC_A_TITLE, DOC_A, EXPECTED_A), "B": (DOC_B_TITLE, DOC_B, EXPECTED_B),
        "C": (DOC_C_TITLE, DOC_C, EXPECTED_C)}


@lru_cache(maxsize=None)
def _parsed(doc_name: str, fmt: str, tmp_root: str):
    title, tables, _ = DOCS[doc_name]
    if fmt == "pdf" and not CJK_FONT.is_file():
        pytest.skip("CJK font not installed")
    path = Path(tmp_root) / f"{doc_name}-{fmt}.{fmt.split('-')[0]}"
    path.write_bytes(BUILDERS[fmt](title, tables))
    doc = parse_file(path)
    return doc, extract_facts(doc)


@pytest.fixture(scope="module")
def tmp_root(tmp_path_factory) -> str:
    return str(tmp_path_factory.mktemp("tables_formats"))


def _hits(facts, metric, qualifier, code, value, unit):
    out = []
    for f in facts:
        if f.source != "table" or f.metric != metric or f.unit != unit or f.value != Decimal(value):
            continue
        if (f.qualifier or None) != qualifier:
            continue
        if code is not None and f.subject_code != code:
            continue
        out.append(f)
    return out


CASES = [(d, fmt) for d in DOCS for fmt in BUILDERS]


@pytest.mark.parametrize("doc_name,fmt", CASES, ids=[f"{d}-{f}" for d, f in CASES])
def test_expected_table_facts(doc_name, fmt, tmp_root):
    doc, facts = _parsed(doc_name, fmt, tmp_root)
    missing = [e for e in DOCS[doc_name][2] if not _hits(facts, *e)]
    assert not missing, f"{fmt}: {len(missing)} missing, e.g. {missing[:8]}"


@pytest.mark.parametrize("doc_name,fmt", CASES, ids=[f"{d}-{f}" for d, f in CASES])
def test_evidence_location_and_no_duplicate_cells(doc_name, fmt, tmp_root):
    doc, facts = _parsed(doc_name, fmt, tmp_root)
    table = [f for f in facts if f.source == "table"]
    assert table
    for f in table:
        assert f.evidence in doc.text and value_in_evidence(f.value, f.evidence), f
        s, e = f.location.char_start, f.location.char_end
        assert doc.text[s:e] == f.evidence, f
        assert f.value is not None
        if f.unit in ("元", "万元"):
            assert f.amount_wan is not None
    cells = Counter((f.location.char_end, f.location.page) for f in table)
    assert max(cells.values()) == 1, [k for k, n in cells.items() if n > 1]


@pytest.mark.parametrize("fmt", list(BUILDERS))
def test_forbidden_readings(fmt, tmp_root):
    _, facts = _parsed("A", fmt, tmp_root)
    table = [f for f in facts if f.source == "table"]
    for metric, qualifier, value in FORBIDDEN_A:
        bad = [f for f in table if f.metric == metric and qualifier in ("*", f.qualifier)
               and (f.value is None if value is None else f.value == Decimal(value))]
        assert not bad, bad
    assert not [f for f in table if f.qualifier in ("栏次", "行次")]
    assert not [f for f in table if f.metric.startswith("scob_")]  # the 国有资本经营 table is all '-'
    # only the 总额 row of a self-evaluation table: 其中：财政资金 repeats it and is no fact of its own
    per_project = Counter((f.metric, f.qualifier) for f in table if f.metric.startswith("project_") and f.unit == "%")
    assert max(per_project.values()) == 1


def test_yuan_amounts_normalised_to_wan(tmp_root):
    _, facts = _parsed("B", "xlsx", tmp_root)
    (f,) = [f for f in facts if f.source == "table" and f.metric == "total_income" and f.qualifier]
    assert f.unit == "元" and f.amount_wan == Decimal("355.6789")


def test_fact_counts_by_table_kind(tmp_root):
    """Every format yields the same table facts for the same document (same metric multiset)."""
    for doc_name in DOCS:
        counts = {}
        for fmt in BUILDERS:
            _, facts = _parsed(doc_name, fmt, tmp_root)
            counts[fmt] = Counter(f.metric for f in facts if f.source == "table")
        base = counts["html"]
        for fmt, c in counts.items():
            assert c == base, (doc_name, fmt, c - base, base - c)


def _fact_set(doc_name: str, fmt: str, tmp_root: str) -> set[tuple]:
    _, facts = _parsed(doc_name, fmt, tmp_root)
    return {(f.metric, f.value, f.unit, f.qualifier, f.subject_code) for f in facts if f.source == "table"}


@pytest.mark.parametrize("doc_name", sorted(DOCS))
def test_every_layout_gives_the_same_facts(doc_name, tmp_root):
    """Format invariance: the same tables in any of the twelve layouts (PDF ruled / unruled, DOCX,
    HTML, XLSX with and without real merged cells, tab / '|' rows, one cell per line, one
    flattened line) give the same set of (metric, value, unit, qualifier, subject_code)."""
    base = _fact_set(doc_name, "html", tmp_root)
    assert len(base) >= len(DOCS[doc_name][2])
    for fmt in BUILDERS:
        got = _fact_set(doc_name, fmt, tmp_root)
        assert got == base, (fmt, sorted(got - base, key=str)[:6], sorted(base - got, key=str)[:6])


# ------------------------------------------------- space-aligned columns (pdftotext -layout)

# tables whose space-aligned print reads exactly like the tab version; the others (the 三公 table
# with item groups over 预算数 / 决算数 pairs and a one-row body, a self-evaluation form, the
# all-'-' 国有资本经营 table) are read partly or not at all — never with a fact the tab version
# lacks (test below)
SPACE_SAME = [("A", 0), ("A", 1), ("A", 2), ("A", 3), ("A", 4), ("A", 5), ("A", 6), ("A", 8), ("A", 9), ("A", 11),
              ("B", 0), ("B", 1), ("B", 2), ("C", 0)]


def _text_fact_set(doc_name: str, k: int, layout: str) -> set[tuple]:
    from loaders.formats.text import parse_text

    title, tables, _ = DOCS[doc_name]
    doc = parse_text(build_text(title, [tables[k]], layout), "txt")
    return {(f.metric, f.value, f.unit, f.qualifier, f.subject_code) for f in extract_facts(doc) if f.source == "table"}


@pytest.mark.parametrize("doc_name,k", SPACE_SAME, ids=[f"{d}{k}" for d, k in SPACE_SAME])
def test_space_aligned_table_gives_the_tab_facts(doc_name, k):
    """The same table printed with space-aligned columns (CJK double width, amounts right-aligned,
    group labels centred over two-level headers, blanks and '-') gives the tab version's facts."""
    tab = _text_fact_set(doc_name, k, "tab")
    assert tab and _text_fact_set(doc_name, k, "space") == tab


@pytest.mark.parametrize("doc_name,k", [(d, k) for d in DOCS for k in range(len(DOCS[d][1]))])
def test_space_aligned_table_adds_no_fact(doc_name, k):
    """Where the space-aligned reader is unsure (labels over one column, two readings of a group
    label's span) it reads nothing: never a fact the tab version does not give."""
    assert not _text_fact_set(doc_name, k, "space") - _text_fact_set(doc_name, k, "tab")
