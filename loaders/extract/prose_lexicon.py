"""Wording of 决算 items in running text -> FACTS.md metrics. Patterns run on
``textnorm``-normalised text (ASCII punctuation, no spaces)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# 支出功能分类 类 names (current and older editions, common variants).
FUNCTION_CLASSES = [
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "文化体育与传媒支出", "社会保障和就业支出", "社会保险基金支出",
    "卫生健康支出", "医疗卫生与计划生育支出", "医疗卫生支出", "节能环保支出", "城乡社区支出",
    "农林水支出", "交通运输支出", "资源勘探工业信息等支出", "资源勘探信息等支出",
    "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出",
    "国土海洋气象等支出", "住房保障支出", "粮油物资储备支出", "国有资本经营预算支出",
    "灾害防治及应急管理支出", "预备费", "其他支出", "转移性支出", "债务还本支出",
    "债务付息支出", "债务发行费用支出", "抗疫特别国债安排的支出",
]
CLASS_RE = re.compile("|".join(sorted((re.escape(c) for c in FUNCTION_CLASSES), key=len, reverse=True)))


@dataclass(frozen=True)
class Keyword:
    pattern: re.Pattern[str]
    metric: str
    qualifier: str | None  # None: the printed wording; "" : no qualifier
    also: tuple[str, ...] = ()  # extra qualifiers emitted for the same number


def _k(p: str, metric: str, qualifier: str | None = None, also: tuple[str, ...] = ()) -> Keyword:
    return Keyword(re.compile(p), metric, qualifier, also)


_SHOU_ZHI = r"(?:收(?:入)?[、,和与及]?支(?:出)?(?:决算)?总计|收入(?:决算)?总计[、,和与及]支出(?:决算)?总计)"
KEYWORDS: list[Keyword] = [
    _k(r"财政拨款" + _SHOU_ZHI, "fin_approp_total", None, ("财政拨款收入总计", "财政拨款支出总计")),
    _k(r"财政拨款收入(?:决算)?总计", "fin_approp_total", "财政拨款收入总计"),
    _k(r"财政拨款支出(?:决算)?总计", "fin_approp_total", "财政拨款支出总计"),
    _k(_SHOU_ZHI, "total_income_expense", "收入总计", ("支出总计",)),
    _k(r"收入(?:决算)?总计|总收入", "total_income_expense", "收入总计"),
    _k(r"支出(?:决算)?总计|总支出", "total_income_expense", "支出总计"),
    _k(r"本年收入合计|收入合计|本年收入", "total_income", ""),
    _k(r"本年支出合计|支出合计|本年支出", "total_expense", ""),
    _k(r"(?:一般公共预算|政府性基金预算|国有资本经营预算)(?:财政)?拨款收入|上级补助收入|事业收入|经营收入"
       r"|附属单位上缴收入|其他收入|财政拨款收入", "income_by_source"),
    _k(r"(?:年初|上年)(?:财政拨款)?结转(?:和|及|与)?结余", "carryover_begin"),
    _k(r"年末(?:财政拨款)?结转(?:和|及|与)?结余", "carryover_end"),
    _k(r"使用非财政拨款结余(?:\(含专用结余\))?", "nonfiscal_balance_used", ""),
    _k(r"(?:一般公共预算财政拨款)?基本支出", "expense_basic"),
    _k(r"(?:一般公共预算财政拨款)?项目支出", "expense_project"),
    _k(r"一般公共预算(?:财政)?(?:拨款)?支出", "gpb_expense_total", ""),
    _k(r"政府性基金预算(?:财政)?(?:拨款)?支出", "gfb_expense_total", ""),
    _k(r"国有资本经营预算(?:财政)?(?:拨款)?支出", "scob_expense_total", ""),
    _k(r"人员经费", "basic_personnel", ""),
    _k(r"(?:日常)?公用经费", "basic_public", ""),
    _k(r"机关运行经费", "office_running_cost", ""),
    _k(r"政府采购(?:支出)?总额|采购支出总额", "procurement_total", ""),
    _k(r"(?:政府采购)?货物(?:采购)?(?:支出)?", "procurement_goods", ""),
    _k(r"(?:政府采购)?工程(?:采购)?(?:支出)?", "procurement_works", ""),
    _k(r"(?:政府采购)?服务(?:采购)?(?:支出)?", "procurement_services", ""),
    _k(r"(?:授予)?中小企业(?:的)?(?:合同)?(?:金额)?", "procurement_sme", ""),
    _k(r"(?:授予)?小微企业(?:的)?(?:合同)?(?:金额)?", "procurement_small_micro", ""),
]
PROCUREMENT_METRICS = {"procurement_goods", "procurement_works", "procurement_services",
                       "procurement_sme", "procurement_small_micro", "procurement_total"}

# 三公 components -> the canonical names of FACTS.md
THREE_PUBLIC_ITEMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"因公出国\(境\)(?:经)?费(?:用)?|因公出国\(境\)(?:经费)?(?:支出)?|出国\(境\)费"), "因公出国(境)费"),
    (re.compile(r"公务用车购置(?:及|和|与)运行(?:维护|维修)?(?:费|经费|支出)?"), "公务用车购置及运行维护费"),
    (re.compile(r"公务用车购置(?:费|支出|经费)?(?![及和与])"), "公务用车购置费"),
    (re.compile(r"公务用车运行(?:维护|维修)?(?:费|支出|经费)?|车辆运行(?:维护)?费"), "公务用车运行维护费"),
    (re.compile(r"(?<!国内)(?<!外事)(?<!国\(境\)外)公务接待(?:费|支出|经费)"), "公务接待费"),
]
THREE_PUBLIC_TOTAL = re.compile(r'"?三公"?经费|"?三公"?支出')

# Connector words allowed between a keyword and its number ("支出决算为", "共计" ...).
CONNECTOR_TOKENS = sorted([
    "支出决算数", "支出决算", "决算数", "决算", "支出", "金额", "总额", "资金", "合计", "共计", "累计",
    "分别", "为", "是", "达到", "达", "共", "计", "约", "有", "了", "的", ":", '"', "总计", "数",
    "实际", "全年", "本年", "年度", "财政拨款", "完成", "实现", "其中", "(", ")", "决算金额", "均", "各",
], key=len, reverse=True)

DIRECTION_RE = re.compile(
    r"(?:各|分别|共|同比|相应)?(增加|增长|上升|提高|增|减少|下降|降低|减|缩减|压减|节约|下降了|减少了|增加了|增长了)了?"
    r"(?:幅度|比例|率)?(?:为|是|达)?$|(增幅|降幅|减幅)(?:为|是|达)?$")
INCREASE_WORDS = ("增加", "增长", "上升", "提高", "增")

# comparison against the previous year's final account / against a given year / the budget
COMP_RE = re.compile(
    r"(?:与|较|比|同|和|对比)(?:(?:20\d\d年度?)?(?:年初|全年|调整后|本年|当年)?预算(?:数)?"
    r"|上年度?|上一年度?|去年|上年同期|(20\d\d)年度?)"
    r"|同比|上年同期相比"
)
YEAR_RE = re.compile(r"(20\d\d)年")
