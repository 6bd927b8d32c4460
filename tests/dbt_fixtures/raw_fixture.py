"""A small hand-written raw.* fixture for developing and testing the dbt project.

It resembles what the loaders write for the two sample documents (米易 2023, 资阳 2021):
the real texts go into raw.document_texts and a hand-picked set of facts (metric names from
FACTS.md, evidence = exact substrings of the texts) into raw.facts. Two small synthetic
documents complete the picture the samples cannot show on their own: a 米易 2022 决算 whose
tables carry subject codes (prior-year agreement, table-beats-prose) and a 米易 2023 预算
(budget vs final). Synthetic documents say so in their title and path.

Usage: python tests/dbt_fixtures/raw_fixture.py /tmp/dbtdev.duckdb
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import duckdb

from loaders.numbers import parse_number, to_wan
from loaders.store.schema import RAW_DDL

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
MIYI = SAMPLES / "miyi-2023-land-expropriation-center.txt"
ZIYANG = SAMPLES / "ziyang-2021-land-development-center.md"


@dataclass
class F:
    metric: str
    value_text: str
    unit: str
    evidence: str
    qualifier: str | None = None
    direction: str | None = None
    subject_code: str | None = None
    source: str = "prose"
    period: str | None = None
    nth: int = 1  # which occurrence of the evidence in the text


def _m(metric, v, unit, ev, q=None, d=None, code=None, src="prose", nth=1, period=None) -> F:
    return F(metric, v, unit, ev, q, d, code, src, period, nth)


MIYI_FACTS = [
    _m("total_income_expense", "421.54", "万元", "2023年度收、支总计421.54万元", "收入总计"),
    _m("total_income_expense", "421.54", "万元", "2023年度收、支总计421.54万元", "支出总计"),
    _m("prior_year_change_abs", "232.56", "万元", "收、支总计各增加232.56万元", "收、支总计", "increase"),
    _m("prior_year_change_pct", "123.06", "%", "收、支总计各增加232.56万元，增长123.06%", "收、支总计", "increase"),
    _m("total_income", "421.54", "万元", "2023年本年收入合计421.54万元"),
    _m("income_by_source", "421.54", "万元", "一般公共预算财政拨款收入421.54万元，占100%", "一般公共预算财政拨款收入"),
    _m("share_pct", "100", "%", "一般公共预算财政拨款收入421.54万元，占100%", "一般公共预算财政拨款收入"),
    _m("total_expense", "421.54", "万元", "2023年本年支出合计421.54万元"),
    _m("expense_basic", "250.27", "万元", "基本支出250.27万元，占59.37%"),
    _m("share_pct", "59.37", "%", "基本支出250.27万元，占59.37%", "基本支出"),
    _m("expense_project", "171.27", "万元", "项目支出171.27万元，占40.63%"),
    _m("share_pct", "40.63", "%", "项目支出171.27万元，占40.63%", "项目支出"),
    _m("fin_approp_total", "421.54", "万元", "2023年财政拨款收、支总计421.54万元", "收、支总计"),
    _m("prior_year_change_abs", "232.56", "万元", "财政拨款收、支总计各增加232.56万元", "财政拨款收、支总计", "increase"),
    _m("prior_year_change_pct", "123.06", "%", "财政拨款收、支总计各增加232.56万元，增长123.06%", "财政拨款收、支总计", "increase"),
    _m("gpb_expense_total", "421.54", "万元", "2023年一般公共预算财政拨款支出421.54万元，占本年支出合计的100%"),
    _m("share_pct", "100", "%", "2023年一般公共预算财政拨款支出421.54万元，占本年支出合计的100%", "一般公共预算财政拨款支出"),
    _m("prior_year_change_abs", "232.56", "万元", "一般公共预算财政拨款支出增加232.56万元，增长123.06%", "一般公共预算财政拨款支出", "increase"),
    _m("prior_year_change_pct", "123.06", "%", "一般公共预算财政拨款支出增加232.56万元，增长123.06%", "一般公共预算财政拨款支出", "increase"),
    _m("gpb_expense_total", "421.54", "万元", "2023年一般公共预算财政拨款支出421.54万元，主要用于以下方面"),
    _m("gpb_expense_by_function", "24.06", "万元", "社会保障和就业支出24.06万元，占5.71%", "社会保障和就业支出"),
    _m("share_pct", "5.71", "%", "社会保障和就业支出24.06万元，占5.71%", "社会保障和就业支出"),
    _m("gpb_expense_by_function", "16.42", "万元", "卫生健康支出16.42万元，占3.89%", "卫生健康支出"),
    _m("share_pct", "3.89", "%", "卫生健康支出16.42万元，占3.89%", "卫生健康支出"),
    _m("gpb_expense_by_function", "366.24", "万元", "自然资源海洋气象等支出366.24万元，占86.88%", "自然资源海洋气象等支出"),
    _m("share_pct", "86.88", "%", "自然资源海洋气象等支出366.24万元，占86.88%", "自然资源海洋气象等支出"),
    _m("gpb_expense_by_function", "14.82", "万元", "住房保障支出14.82万元，占3.52%", "住房保障支出"),
    _m("share_pct", "3.52", "%", "住房保障支出14.82万元，占3.52%", "住房保障支出"),
    _m("gpb_expense_total", "421.54", "万元", "2023年一般公共预算支出决算数为421.54万元，完成预算100%"),
    _m("gpb_completion_pct", "100", "%", "2023年一般公共预算支出决算数为421.54万元，完成预算100%"),
    _m("gpb_expense_item", "24.06", "万元",
       "行政事业单位养老（款）支出机关事业单位基本养老保险（项）支出决算为24.06万元，完成预算100%，决算数等于预算数",
       "社会保障和就业（类）行政事业单位养老（款）机关事业单位基本养老保险（项）"),
    _m("gpb_item_completion_pct", "100", "%",
       "机关事业单位基本养老保险（项）支出决算为24.06万元，完成预算100%，决算数等于预算数", "机关事业单位基本养老保险（项）"),
    _m("gpb_expense_item", "9.43", "万元", "事业单位医疗（项）支出决算为9.43万元，完成预算100%，决算数等于预算数", "事业单位医疗（项）"),
    _m("gpb_item_completion_pct", "100", "%", "事业单位医疗（项）支出决算为9.43万元，完成预算100%，决算数等于预算数", "事业单位医疗（项）"),
    _m("gpb_expense_item", "6.99", "万元", "公务员医疗补助（项）支出决算为6.99万元，决算数等于预算数", "公务员医疗补助（项）"),
    _m("gpb_expense_item", "170.18", "万元", "土地资源储备（项）支出决算为170.18万元，决算数等于预算数", "土地资源储备（项）"),
    _m("gpb_expense_item", "194.96", "万元", "事业运行（项）支出决算为194.96万元，决算数等于预算数", "事业运行（项）"),
    _m("gpb_expense_item", "1.1", "万元", "其他自然资源事务（项）支出决算为1.1万元，决算数等于预算数", "其他自然资源事务（项）"),
    _m("gpb_expense_item", "14.83", "万元", "住房保障支出（类）住房改革支出（款）住房公积金支出决算为14.83万元，完成预算100%",
       "住房保障支出（类）住房改革支出（款）住房公积金"),
    _m("gpb_item_completion_pct", "100", "%", "住房公积金支出决算为14.83万元，完成预算100%", "住房公积金"),
    _m("expense_basic", "250.27", "万元", "2023年一般公共预算财政拨款基本支出250.27万元"),
    _m("basic_personnel", "236.24", "万元", "人员经费236.24万元，主要包括：基本工资、"),
    _m("basic_public", "14.03", "万元", "公用经费14.03万元，主要包括：办公费、"),
    _m("three_public_total", "0", "万元", "2023年“三公”经费财政拨款支出决算为0万元"),
    _m("three_public_item", "0", "万元", "因公出国（境）费支出决算0万元", "因公出国（境）费"),
    _m("three_public_item", "0", "万元", "公务用车购置及运行维护费支出决算0万元", "公务用车购置及运行维护费"),
    _m("three_public_item", "0", "万元", "公务接待费支出决算0万元", "公务接待费"),
    _m("three_public_completion_pct", "0", "%", "因公出国（境）经费支出0万元，完成预算0%", "因公出国（境）费"),
    _m("outbound_groups", "0", "次", "全年安排因公出国（境）团组0次"),
    _m("vehicle_purchase_count", "0", "辆", "全年按规定更新购置公务用车0辆"),
    _m("vehicle_count", "0", "辆", "单位共有公务用车0辆"),
    _m("reception_batches", "0", "批次", "国内公务接待0批次", "国内"),
    _m("office_running_cost", "14.03", "万元", "机关运行经费支出14.03万元"),
    _m("prior_year_change_abs", "5.3", "万元", "比2022年增加5.3万元，增长60.71%", "机关运行经费", "increase"),
    _m("prior_year_change_pct", "60.71", "%", "比2022年增加5.3万元，增长60.71%", "机关运行经费", "increase"),
    _m("procurement_total", "0", "万元", "政府采购支出总额0万元"),
    _m("headcount", "12", "人", "年末实有在职人数12人", "在职"),
    _m("basic_personnel", "236.24", "万元", "人员经费236.24万元，主要包括：基本工资48.11万元"),
    _m("econ_item", "48.11", "万元", "基本工资48.11万元", "基本工资"),
    _m("econ_item", "7.37", "万元", "津贴补贴7.37万元", "津贴补贴"),
    _m("econ_item", "118.1", "万元", "绩效工资118.1万元", "绩效工资"),
    _m("econ_item", "6.16", "万元", "其他工资福利支出6.16万元", "其他工资福利支出"),
    _m("econ_item", "24.06", "万元", "机关事业单位基本养老保险缴费24.06万元", "机关事业单位基本养老保险缴费"),
    _m("econ_item", "9.43", "万元", "职工基本医疗保险缴费9.43万元", "职工基本医疗保险缴费"),
    _m("econ_item", "6.99", "万元", "公务员医疗补助缴费6.99万元", "公务员医疗补助缴费"),
    _m("econ_item", "1.18", "万元", "其他社会保障缴费1.18万元", "其他社会保障缴费"),
    _m("econ_item", "14.83", "万元", "住房公积金14.83万元", "住房公积金"),
    _m("basic_public", "14.03", "万元", "公用经费14.03万元，主要包括：办公费1.99万元"),
    _m("econ_item", "1.99", "万元", "办公费1.99万元", "办公费"),
    _m("econ_item", "0.04", "万元", "水费0.04万元", "水费"),
    _m("econ_item", "0.72", "万元", "电费0.72万元", "电费"),
    _m("econ_item", "4.08", "万元", "邮电费4.08万元", "邮电费"),
    _m("econ_item", "0.73", "万元", "差旅费0.73万元", "差旅费"),
    _m("econ_item", "0.07", "万元", "培训费0.07万元", "培训费"),
    _m("econ_item", "1.39", "万元", "福利费1.39万元", "福利费", nth=2),
    _m("econ_item", "3.69", "万元", "劳务费3.69万元", "劳务费"),
    _m("econ_item", "1.31", "万元", "其他商品和服务支出1.31万元", "其他商品和服务支出"),
    _m("expense_project", "171.27", "万元", "项目支出171.27万元，主要包括"),
    _m("project_executed", "0.29", "万元", "下达土地征收项目管理工作经费0.29万元", "土地征收项目管理工作经费"),
    _m("project_executed", "6.44", "万元", "下达米易县集体土地征收智能管理信息系统建设专项6.44万元", "米易县集体土地征收智能管理信息系统建设专项"),
    _m("project_executed", "151.52", "万元", "下达米易县集体土地征收智能管理信息系统建设151.52万元", "米易县集体土地征收智能管理信息系统建设"),
    _m("project_executed", "11.92", "万元", "下达米易县集体土地征收智能信息系统维护费11.92万元", "米易县集体土地征收智能信息系统维护费"),
    _m("project_executed", "0.79", "万元", "下达援藏援彝等其他项目0.79万元", "援藏援彝等其他项目"),
    _m("project_executed", "0.31", "万元", "下达援藏援彝等其他项目0.31万元", "援藏援彝等其他项目"),
    _m("project_budget", "159.5", "万元", "“米易县集体土地征收智能信息系统建设”采购金额159.5万元", "米易县集体土地征收智能信息系统建设"),
    _m("project_executed", "151.53", "万元", "“米易县集体土地征收智能信息系统建设”采购金额159.5万元，完成支付151.53万元",
       "米易县集体土地征收智能信息系统建设"),
    _m("project_execution_rate", "95", "%", "完成支付151.53万元，执行率95%", "米易县集体土地征收智能信息系统建设"),
    _m("self_eval_score", "95", "分", "绩效自评得分为95分", "部门整体"),
    _m("perf_indicator_target", "159.5", "万元", "财政资金投入\n\t159.5万元", "财政资金投入（米易县集体土地征收智能信息系统建设）"),
    _m("perf_indicator_actual", "151.53", "万元", "159.5万元\n\t151.53万元", "财政资金投入（米易县集体土地征收智能信息系统建设）"),
    _m("perf_indicator_target", "8", "套", "身份识别阅读器\n\t8套", "身份识别阅读器（米易县集体土地征收智能信息系统建设）", nth=2),
    _m("perf_indicator_actual", "8", "套", "8套\n\t8套", "身份识别阅读器（米易县集体土地征收智能信息系统建设）"),
]

ZIYANG_PROJECTS = [  # (name as printed in the 项目名称 row, 预算额(百元) = 执行额)
    ("书台苑项目律师诉讼费项目", "1000"),
    ("安置房项目资料费项目", "198"),
    ("安置房项目聘用专业技术人员工资项目", "1440"),
    ("九曲河二号地块项目", "8982"),
    ("S106 线邻加气站（安置房地块）项目", "2084"),
    ("s106 线邻反恐中队地块项目", "2206"),
    ("s106线邻万诚农业一期项目", "1570"),
    ("城南大道油气合建站和邻油气合建站项目", "5332"),
    ("S106 线邻万城农业二期安置房过渡费项目", "2808.51"),
    ("温州商城项目电力杆线迁改工程支出项目", "15528"),
]

ZIYANG_FACTS = [
    _m("total_income_expense", "622.34", "万元", "2021 年度收、支总计 622.34 万元", "收入总计"),
    _m("total_income_expense", "622.34", "万元", "2021 年度收、支总计 622.34 万元", "支出总计"),
    _m("prior_year_change_abs", "22.35", "万元", "收、支总计各减少 22.35 万元", "收、支总计", "decrease"),
    _m("prior_year_change_pct", "3.5", "%", "收、支总计各减少 22.35 万元，下降 3.5%", "收、支总计", "decrease"),
    _m("total_income", "622.34", "万元", "2021 年本年收入合计 622.34 万元"),
    _m("income_by_source", "210.85", "万元", "一般公共预算财政拨款收入 210.85 万元，占 33.9%", "一般公共预算财政拨款收入"),
    _m("share_pct", "33.9", "%", "一般公共预算财政拨款收入 210.85 万元，占 33.9%", "一般公共预算财政拨款收入"),
    _m("income_by_source", "411.49", "万元", "政府性基金预算财政拨款收入 411.49 万元，占 66.1%", "政府性基金预算财政拨款收入"),
    _m("share_pct", "66.1", "%", "政府性基金预算财政拨款收入 411.49 万元，占 66.1%", "政府性基金预算财政拨款收入"),
    _m("total_expense", "622.34", "万元", "2021 年本年支出合计 622.34 万元"),
    _m("expense_basic", "210.85", "万元", "基本支出 210.85 万元，占 33.9%"),
    _m("share_pct", "33.9", "%", "基本支出 210.85 万元，占 33.9%", "基本支出"),
    _m("expense_project", "411.49", "万元", "项目支出 411.49 万元，占 66.1%"),
    _m("share_pct", "66.1", "%", "项目支出 411.49 万元，占 66.1%", "项目支出"),
    _m("fin_approp_total", "622.34", "万元", "2021 年财政拨款收、支总计 622.34 万元", "收、支总计"),
    _m("prior_year_change_abs", "22.35", "万元", "财政拨款收、支总计各减少 22.35 万元", "财政拨款收、支总计", "decrease"),
    _m("prior_year_change_pct", "3.5", "%", "财政拨款收、支总计各减少 22.35 万元，下降 3.5%", "财政拨款收、支总计", "decrease"),
    _m("gpb_expense_total", "210.85", "万元", "2021 年一般公共预算财政拨款支出 210.85 万元，占本年支出合计的 33.9%"),
    _m("share_pct", "33.9", "%", "2021 年一般公共预算财政拨款支出 210.85 万元，占本年支出合计的 33.9%", "一般公共预算财政拨款支出"),
    _m("prior_year_change_abs", "33", "万元", "一般公共预算财政拨款减少 33 万元，下降 13.5%", "一般公共预算财政拨款", "decrease"),
    _m("prior_year_change_pct", "13.5", "%", "一般公共预算财政拨款减少 33 万元，下降 13.5%", "一般公共预算财政拨款", "decrease"),
    _m("gpb_expense_by_function", "12.95", "万元", "社会保障和就业（类）支出 12.95 万元，占 6.1%", "社会保障和就业（类）"),
    _m("share_pct", "6.1", "%", "社会保障和就业（类）支出 12.95 万元，占 6.1%", "社会保障和就业（类）"),
    _m("gpb_expense_by_function", "10.76", "万元", "卫生健康支出（类）10.76 万元，占 5.1%", "卫生健康支出（类）"),
    _m("share_pct", "5.1", "%", "卫生健康支出（类）10.76 万元，占 5.1%", "卫生健康支出（类）"),
    _m("gpb_expense_by_function", "168.74", "万元", "自然资源海洋气象等支出（类）168.74 万元，占 80 %", "自然资源海洋气象等支出（类）"),
    _m("share_pct", "80", "%", "自然资源海洋气象等支出（类）168.74 万元，占 80 %", "自然资源海洋气象等支出（类）"),
    _m("gpb_expense_by_function", "18.41", "万元", "住房保障支出（类）18.41 万元，占 8.8%", "住房保障支出（类）"),
    _m("share_pct", "8.8", "%", "住房保障支出（类）18.41 万元，占 8.8%", "住房保障支出（类）"),
    _m("gpb_completion_pct", "100", "%", "2021 年一般公共预算支出决算数为 210.85，完成预算 100%"),
    _m("gpb_expense_item", "12.95", "万元", "机关事业单位基本养老保险缴费支出（项）：**支出决算为 12.95 万元",
       "社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出（项）"),
    _m("gpb_expense_item", "10.76", "万元", "事业单位医疗（项）：**支出决算为 10.76 万元",
       "卫生健康支出（类）行政事业单位医疗（款）事业单位医疗（项）"),
    _m("gpb_expense_item", "168.74", "万元", "事业运行(项):支出决算为 168.74 万元", "自然资源海洋气象等支出(类)自然资源事务(款) 事业运行(项)"),
    _m("gpb_item_completion_pct", "100", "%", "事业运行(项):支出决算为 168.74 万元, 完成预算 100%", "事业运行(项)"),
    _m("gpb_expense_item", "18.41", "万元", "住房公积金(项):支出决算为 18.41 万元", "住房保障支出(类)住房改革支出(款)住房公积金(项)"),
    _m("expense_basic", "210.85", "万元", "2021 年一般公共预算财政拨款基本支出 210.85 万元"),
    _m("basic_personnel", "184.73", "万元", "人员经费 184.73 万元"),
    _m("basic_public", "26.12", "万元", "公用经费 26.12 万元"),
    *[
        _m("econ_item", v, "万元", f"{n} {v} 万元", n)
        for n, v in [
            ("基本工资", "47.16"), ("津贴补贴", "1.32"), ("奖金", "0"), ("绩效工资", "33.43"),
            ("机关事业单位基本养老保险缴费", "12.95"), ("职工基本医疗保险缴费", "10.76"),
            ("公务员医疗补助缴费", "1.56"), ("其他社会保障缴费", "0.29"), ("住房公积金", "18.41"),
            ("其他工资福利支出", "57.35"), ("奖励金", "0.01"), ("其他对个人和家庭的补助支出", "1.5"),
            ("办公费", "1.52"), ("印刷费", "0.53"), ("手续费", "0.02"), ("水费", "0.5"), ("电费", "0.5"),
            ("物业管理费", "2.89"), ("差旅费", "0.43"), ("维修(护)费", "0.43"), ("工会经费", "1.85"),
            ("福利费", "16.65"), ("其他交通费", "0.64"), ("其他商品和服务支出", "0.16"),
        ]
    ],
    _m("three_public_total", "0", "万元", "2021 年“三公”经费财政拨款支出决算为 0 万元"),
    _m("three_public_completion_pct", "0", "%", "2021 年“三公”经费财政拨款支出决算为 0 万元，完成预算 0%", "合计"),
    _m("three_public_item", "0", "万元", "因公出国（境）费支出决算 0 万元", "因公出国（境）费"),
    _m("three_public_item", "0", "万元", "公务用车购置及运行维护费支出决算 0 万元", "公务用车购置及运行维护费"),
    _m("three_public_item", "0", "万元", "公务接待费支出决算 0 万元", "公务接待费"),
    _m("vehicle_count", "0", "辆", "单位共有公务用车 0 辆"),
    _m("procurement_total", "0", "万元", "政府采购支出总额 0 万元"),
    _m("headcount", "15", "名", "中心事业编制 15 名", "编制"),
    _m("headcount", "11", "名", "2021 年底在职 11 名", "在职"),
    _m("total_income", "6223428.76", "元", "2021 年我中心的部门财政收入为 6223428.76 元"),
    _m("self_eval_score", "99", "分", "(一) 指标分析总得分为 99 分", "部门整体"),
    _m("project_budget", "10", "万元", "项目预算资金10万元已全额到位,实际支出10万元", "书台苑项目律师诉讼费项目"),
    _m("project_executed", "10", "万元", "项目预算资金10万元已全额到位,实际支出10万元", "书台苑项目律师诉讼费项目"),
    *[
        fact
        for name, v in ZIYANG_PROJECTS
        for fact in (
            _m("project_budget", v, "百元", f"\t合计\t{v}\t{v}", name, src="table"),
            _m("project_executed", v, "百元", f"\t合计\t{v}\t{v}", name, src="table"),
        )
    ],
]

# Synthetic: the 2022 final account of 米易 (tables with codes; one prose restatement).
MIYI_2022_TEXT = """【合成测试文档 synthetic fixture】米易县集体土地征收补偿安置中心2022年度部门决算
2022年度收、支总计188.98万元。2022年本年支出合计188.98万元。机关运行经费支出8.73万元。
一般公共预算财政拨款支出决算表（单位：万元）
科目编码\t科目名称\t合计
220\t自然资源海洋气象等支出\t160.50
22001\t自然资源事务\t160.50
2200150\t事业运行\t160.50
221\t住房保障支出\t28.48
22102\t住房改革支出\t28.48
2210201\t住房公积金\t28.48
\t合计\t188.98
2022年一般公共预算财政拨款支出188.98万元。
"""
MIYI_2022_FACTS = [
    _m("total_income_expense", "188.98", "万元", "2022年度收、支总计188.98万元", "收入总计"),
    _m("total_income_expense", "188.98", "万元", "2022年度收、支总计188.98万元", "支出总计"),
    _m("total_expense", "188.98", "万元", "2022年本年支出合计188.98万元"),
    _m("office_running_cost", "8.73", "万元", "机关运行经费支出8.73万元"),
    _m("gpb_expense_by_function", "160.50", "万元", "220\t自然资源海洋气象等支出\t160.50", "自然资源海洋气象等支出", code="220", src="table"),
    _m("gpb_expense_item", "160.50", "万元", "22001\t自然资源事务\t160.50", "自然资源事务", code="22001", src="table"),
    _m("gpb_expense_item", "160.50", "万元", "2200150\t事业运行\t160.50", "事业运行", code="2200150", src="table"),
    _m("gpb_expense_by_function", "28.48", "万元", "221\t住房保障支出\t28.48", "住房保障支出", code="221", src="table"),
    _m("gpb_expense_item", "28.48", "万元", "22102\t住房改革支出\t28.48", "住房改革支出", code="22102", src="table"),
    _m("gpb_expense_item", "28.48", "万元", "2210201\t住房公积金\t28.48", "住房公积金", code="2210201", src="table"),
    _m("gpb_expense_total", "188.98", "万元", "\t合计\t188.98", src="table"),
    _m("gpb_expense_total", "188.98", "万元", "2022年一般公共预算财政拨款支出188.98万元"),
]

# Synthetic: the 2023 budget of 米易 (预算 side of the budget-vs-final join).
MIYI_2023_BUDGET_TEXT = """【合成测试文档 synthetic fixture】米易县集体土地征收补偿安置中心2023年部门预算
2023年一般公共预算财政拨款支出预算360.78万元。
一般公共预算支出预算表（单位：万元）
科目编码\t科目名称\t合计
208\t社会保障和就业支出\t17.40
210\t卫生健康支出\t15.35
220\t自然资源海洋气象等支出\t313.18
221\t住房保障支出\t14.85
"""
MIYI_2023_BUDGET_FACTS = [
    _m("gpb_expense_total", "360.78", "万元", "2023年一般公共预算财政拨款支出预算360.78万元"),
    _m("gpb_expense_by_function", "17.40", "万元", "208\t社会保障和就业支出\t17.40", "社会保障和就业支出", code="208", src="table"),
    _m("gpb_expense_by_function", "15.35", "万元", "210\t卫生健康支出\t15.35", "卫生健康支出", code="210", src="table"),
    _m("gpb_expense_by_function", "313.18", "万元", "220\t自然资源海洋气象等支出\t313.18", "自然资源海洋气象等支出", code="220", src="table"),
    _m("gpb_expense_by_function", "14.85", "万元", "221\t住房保障支出\t14.85", "住房保障支出", code="221", src="table"),
]


@dataclass
class Doc:
    path: str
    text: str
    fmt: str
    unit_name: str
    fiscal_year: int
    doc_kind: str
    scope: str
    province: str
    city: str
    county: str | None
    title: str
    facts: list[F]


def fixture_documents() -> list[Doc]:
    return [
        Doc(str(MIYI.relative_to(ROOT)), MIYI.read_text(encoding="utf-8"), "txt", "米易县集体土地征收补偿安置中心", 2023,
            "决算", "部门", "四川省", "攀枝花市", "米易县", "米易县集体土地征收补偿安置中心2023年度部门决算", MIYI_FACTS),
        Doc(str(ZIYANG.relative_to(ROOT)), ZIYANG.read_text(encoding="utf-8"), "md", "资阳市土地开发整理中心", 2021,
            "决算", "单位", "四川省", "资阳市", None, "2021年度资阳市土地开发整理中心决算公开说明", ZIYANG_FACTS),
        Doc("synthetic/miyi-2022-final.txt", MIYI_2022_TEXT, "txt", "米易县集体土地征收补偿安置中心", 2022,
            "决算", "部门", "四川省", "攀枝花市", "米易县", "【合成】米易 2022 决算", MIYI_2022_FACTS),
        Doc("synthetic/miyi-2023-budget.txt", MIYI_2023_BUDGET_TEXT, "txt", "米易县集体土地征收补偿安置中心", 2023,
            "预算", "部门", "四川省", "攀枝花市", "米易县", "【合成】米易 2023 预算", MIYI_2023_BUDGET_FACTS),
    ]


def _find(text: str, evidence: str, nth: int) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.find(evidence, pos + 1)
        if pos < 0:
            raise ValueError(f"evidence not in text: {evidence!r}")
    return pos


def build_fixture(db_path: str | Path) -> dict[str, str]:
    """Create raw.* in ``db_path`` and fill it; returns {short name: document_id}."""
    con = duckdb.connect(str(db_path))
    con.execute(RAW_DDL)
    for table in ("facts", "table_cells", "blocks", "document_texts", "documents", "load_ledger"):
        con.execute(f"DELETE FROM raw.{table}")
    now = datetime(2024, 6, 1, 12, 0, 0)
    ids: dict[str, str] = {}
    for seq, doc in enumerate(fixture_documents()):
        data = doc.text.encode("utf-8")
        doc_id = hashlib.sha256(data).hexdigest()
        ids[Path(doc.path).stem] = doc_id
        con.execute(
            "INSERT INTO raw.documents (document_id, path, file_name, format, bytes, pages, encoding, title, "
            "unit_name, fiscal_year, doc_kind, scope, province, city, county, text_chars, loaded_at, "
            "loader_version, extractor_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [doc_id, doc.path, Path(doc.path).name, doc.fmt, len(data), None, "utf-8", doc.title, doc.unit_name,
             doc.fiscal_year, doc.doc_kind, doc.scope, doc.province, doc.city, doc.county, len(doc.text), now, "fixture",
             "fixture"],
        )
        con.execute("INSERT INTO raw.document_texts VALUES (?, ?)", [doc_id, doc.text])
        con.execute(
            "INSERT INTO raw.load_ledger VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            ["fixture-run", seq, doc.path, doc_id, "loaded", None, doc.fmt, len(data), len(doc.facts), now, now, "fixture"],
        )
        codes = _subject_codes(doc.facts)
        for fact_no, f in enumerate(doc.facts):
            start = _find(doc.text, f.evidence, f.nth)
            end = start + len(f.evidence)
            line = doc.text.count("\n", 0, start) + 1
            value: Decimal | None = parse_number(f.value_text)
            loc = {"line": line, "char_start": start, "char_end": end}
            con.execute(
                "INSERT INTO raw.facts (document_id, fact_no, metric, value_text, value, unit, amount_wan, "
                "qualifier, subject_code, direction, period, fiscal_year, source, evidence, page, line_no, "
                "char_start, char_end, location, extractor_version, subject_code_origin) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [doc_id, fact_no, f.metric, f.value_text, value, f.unit, to_wan(value, f.unit), f.qualifier,
                 codes[fact_no][0], f.direction, f.period, doc.fiscal_year, f.source, f.evidence, None, line, start,
                 end, json.dumps(loc), "fixture", codes[fact_no][1]],
            )
    con.close()
    return ids


def _subject_codes(facts: list[F]) -> list[tuple[str | None, str | None]]:
    """(subject_code, origin) of each fixture fact, from the loader's one resolver, as a load would."""
    from loaders.extract.subjects import apply_subjects
    from loaders.model import Fact, Location

    model = [Fact(f.metric, parse_number(f.value_text), f.unit, f.evidence, Location(), qualifier=f.qualifier,
                  subject_code=f.subject_code, source=f.source) for f in facts]
    apply_subjects(model)
    return [(m.subject_code, m.subject_code_origin) for m in model]


if __name__ == "__main__":
    print(build_fixture(sys.argv[1] if len(sys.argv) > 1 else "/tmp/dbtdev.duckdb"))
