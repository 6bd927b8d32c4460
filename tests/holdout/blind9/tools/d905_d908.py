"""d905-d908."""
from common import L, change, write

W = "万元"
INC, DEC = "increase", "decrease"

# ---------------------------------------------------------------- d905  绩效自评 in prose: 部门整体 with 一级指标 scores, three projects
U = "临泽县农业农村局"
P1, P2, P3 = "高标准农田建设项目", "动物疫病防控项目", "农村人居环境整治项目"
IND = {
    "a": "新建高标准农田面积指标值≥2.5万亩，实际完成2.62万亩",
    "b": "新建田间道路指标值≥18公里，实际完成16.8公里",
    "c": "项目竣工验收合格率指标值100%，实际完成100%",
    "d": "受益群众满意度指标值≥90%，实际完成95.6%",
    "e": "强制免疫病种应免畜禽免疫密度指标值≥90%，实际完成97.3%",
    "f": "区域内重大动物疫情发生次数指标值0次，实际完成0次",
    "g": "改造农村户用卫生厕所指标值≥1,200户，实际完成1,236户",
    "h": "村庄保洁覆盖率指标值100%，实际完成100%",
}
t = f"""{U}2023年度部门决算
第四部分　其他重要事项的情况说明
（三）预算绩效管理情况
1．部门整体支出绩效自评。根据《张掖市财政局关于开展2023年度预算绩效自评工作的通知》（张财绩〔2024〕6号）要求，我局对2023年度部门整体支出开展了绩效自评。全年预算数4,286.50万元，全年执行数4,124.36万元，预算执行率96.22%。自评得分93.65分，评价等级为“优”。其中：决策指标（20分）得分18.50分，过程指标（20分）得分19.15分，产出指标（40分）得分37.60分，效益指标（20分）得分18.40分。扣分原因：部分项目资金拨付进度滞后。
2．项目支出绩效自评。我局对纳入绩效管理的14个项目开展了自评，涉及资金3,018.20万元，自评覆盖率100%。重点项目情况如下：
（1）{P1}：年初预算1,200.00万元，全年预算数1,350.00万元，全年执行数1,286.45万元，预算执行率95.29%，结转结余63.55万元，自评得分92.40分。绩效指标完成情况：{IND['a']}；{IND['b']}，未完成原因是部分路段因征地问题延期；{IND['c']}；{IND['d']}。
（2）{P2}：年初预算186.00万元，全年预算数186.00万元，全年执行数186.00万元，预算执行率100.00%，自评得分98.00分。{IND['e']}；{IND['f']}。
（3）{P3}：年初预算420.00万元，调整后预算385.00万元，执行数352.60万元，预算执行率91.58%，结转结余32.40万元，自评得分88.75分。{IND['g']}；{IND['h']}。
2024年，我局将继续实施{P1}，已安排资金1,500.00万元。"""


def ind(key, name, target, actual, unit):
    return [L("perf_indicator_target", target, unit, name, IND[key]),
            L("perf_indicator_actual", actual, unit, name, IND[key])]


e = [
    L("project_adjusted_budget", "4,286.50", W, "部门整体", "全年预算数4,286.50万元"),
    L("project_executed", "4,124.36", W, "部门整体", "全年执行数4,124.36万元"),
    L("project_execution_rate", "96.22", "%", "部门整体", "预算执行率96.22%"),
    L("self_eval_score", "93.65", "分", "部门整体", "自评得分93.65分"),
    L("project_budget", "1,200.00", W, P1, "年初预算1,200.00万元"),
    L("project_adjusted_budget", "1,350.00", W, P1, "全年预算数1,350.00万元"),
    L("project_executed", "1,286.45", W, P1, "全年执行数1,286.45万元"),
    L("project_execution_rate", "95.29", "%", P1, "预算执行率95.29%"),
    L("project_carryover", "63.55", W, P1, "结转结余63.55万元"),
    L("self_eval_score", "92.40", "分", P1, "自评得分92.40分"),
    *ind("a", "新建高标准农田面积", "2.5", "2.62", "万亩"),
    *ind("b", "新建田间道路", "18", "16.8", "公里"),
    *ind("c", "项目竣工验收合格率", "100", "100", "%"),
    *ind("d", "受益群众满意度", "90", "95.6", "%"),
    L("project_budget", "186.00", W, P2, "年初预算186.00万元"),
    L("project_adjusted_budget", "186.00", W, P2, "全年预算数186.00万元"),
    L("project_executed", "186.00", W, P2, "全年执行数186.00万元"),
    L("project_execution_rate", "100.00", "%", P2, "预算执行率100.00%"),
    L("self_eval_score", "98.00", "分", P2, "自评得分98.00分"),
    *ind("e", "强制免疫病种应免畜禽免疫密度", "90", "97.3", "%"),
    *ind("f", "区域内重大动物疫情发生次数", "0", "0", "次"),
    L("project_budget", "420.00", W, P3, "年初预算420.00万元"),
    L("project_adjusted_budget", "385.00", W, P3, "调整后预算385.00万元"),
    L("project_executed", "352.60", W, P3, "执行数352.60万元"),
    L("project_execution_rate", "91.58", "%", P3, "预算执行率91.58%"),
    L("project_carryover", "32.40", W, P3, "结转结余32.40万元"),
    L("self_eval_score", "88.75", "分", P3, "自评得分88.75分"),
    *ind("g", "改造农村户用卫生厕所", "1,200", "1,236", "户"),
    *ind("h", "村庄保洁覆盖率", "100", "100", "%"),
]
write("d905", U, 2023, t,
      "甘肃 张掖 临泽县 (县级局). 预算绩效 section of a 决算 in prose. 部门整体支出 self-evaluation with 全年预算数, "
      "全年执行数, 预算执行率 and the total score, then the score of each 一级指标 (决策/过程/产出/效益) with its 分值 in "
      "brackets. Three projects under （1）（2）（3） with 年初预算 / 全年预算数 or 调整后预算 / 全年执行数 or 执行数 / "
      "预算执行率 / 结转结余 / 自评得分, each followed by indicators worded '<三级指标>指标值≥X，实际完成Y' (≥ and bare "
      "targets, one missed target 16.8 < 18 公里, a 0次 target and actual, units 万亩/公里/%/次/户). The 部门整体 figures use "
      "the project metrics with qualifier 部门整体 (as in earlier sets). Traps (not labelled): 张财绩〔2024〕6号, the "
      "一级指标 分值 (20/20/40/20) and their 得分 (18.50, 19.15, 37.60, 18.40; no shared metric — self_eval_score is the "
      "total), 14个项目, the coverage amount 3,018.20万元 and 自评覆盖率100%, the grade 优, the enumerators, and next "
      "year's 1,500.00万元 for the first project.",
      e)

# ---------------------------------------------------------------- d906  三公 with '未发生' and '与上年持平', 国有资产, 政府采购
U = "隆德县民政局"
t = f"""{U}2022年度部门决算公开
七、“三公”经费财政拨款支出决算情况说明
2022年度“三公”经费财政拨款支出决算12.46万元，完成年初预算（15.00万元）的83.07%，与上年持平。其中：
1．因公出国（境）费0万元，组织因公出国（境）团组0个、0人次，与上年持平。
2．公务用车购置及运行维护费9.86万元，完成年初预算（11.00万元）的89.64%，较上年增加0.42万元，增长4.45%。其中：公务用车购置费未发生；公务用车运行维护费9.86万元，主要用于公务用车燃料、维修和保险支出。截至2022年底，开支财政拨款的公务用车保有量为2辆。
3．公务接待费2.60万元，完成年初预算（4.00万元）的65.00%，较上年减少0.42万元，下降13.91%。全年国内公务接待12批次、86人次（其中陪同人员31人次）；未发生外事接待。
八、机关运行经费支出说明
2022年度机关运行经费支出68.42万元，比上年减少了5.36万元，下降7.26%，主要是严控一般性支出。
九、政府采购支出说明
2022年度政府采购支出总额46.80万元，其中：政府采购货物支出12.30万元、政府采购工程支出0万元、政府采购服务支出34.50万元。授予中小企业合同金额46.80万元，占政府采购支出总额的100%，其中：授予小微企业合同金额38.20万元，占政府采购支出总额的81.62%。
十、国有资产占用情况
截至2022年12月31日，本部门共有房屋3处，建筑面积2,186.50平方米；车辆4辆，其中：一般公务用车2辆、特种专业技术用车1辆、其他用车1辆；单价50万元以上通用设备0台（套）。全县现有养老机构3个、床位420张。
十一、2023年“三公”经费预算安排14.00万元，其中公务接待费3.50万元。"""

e = [
    L("three_public_total", "12.46", W, None, "“三公”经费财政拨款支出决算12.46万元"),
    L("three_public_budget", "15.00", W, "合计", "年初预算（15.00万元）"),
    L("three_public_completion_pct", "83.07", "%", "合计", "完成年初预算（15.00万元）的83.07%"),
    L("three_public_item", "0", W, "因公出国（境）费", "因公出国（境）费0万元"),
    L("outbound_groups", "0", "个", None, "因公出国（境）团组0个"),
    L("outbound_persons", "0", "人次", None, "团组0个、0人次"),
    L("three_public_item", "9.86", W, "公务用车购置及运行维护费", "公务用车购置及运行维护费9.86万元"),
    L("three_public_budget", "11.00", W, "公务用车购置及运行维护费", "年初预算（11.00万元）"),
    L("three_public_completion_pct", "89.64", "%", "公务用车购置及运行维护费", "完成年初预算（11.00万元）的89.64%"),
    *change("0.42", "4.45", W, "公务用车购置及运行维护费", "较上年增加0.42万元", "增加0.42万元，增长4.45%", INC),
    L("three_public_item", "9.86", W, "公务用车运行维护费", "公务用车运行维护费9.86万元"),
    L("vehicle_count", "2", "辆", None, "公务用车保有量为2辆"),
    L("three_public_item", "2.60", W, "公务接待费", "公务接待费2.60万元"),
    L("three_public_budget", "4.00", W, "公务接待费", "年初预算（4.00万元）"),
    L("three_public_completion_pct", "65.00", "%", "公务接待费", "完成年初预算（4.00万元）的65.00%"),
    *change("0.42", "13.91", W, "公务接待费", "较上年减少0.42万元", "减少0.42万元，下降13.91%", DEC),
    L("reception_batches", "12", "批次", "国内", "国内公务接待12批次"),
    L("reception_persons", "86", "人次", "国内", "国内公务接待12批次、86人次"),
    L("office_running_cost", "68.42", W, None, "机关运行经费支出68.42万元"),
    *change("5.36", "7.26", W, "机关运行经费", "比上年减少了5.36万元", "减少了5.36万元，下降7.26%", DEC),
    L("procurement_total", "46.80", W, None, "政府采购支出总额46.80万元"),
    L("procurement_goods", "12.30", W, None, "政府采购货物支出12.30万元"),
    L("procurement_works", "0", W, None, "政府采购工程支出0万元"),
    L("procurement_services", "34.50", W, None, "政府采购服务支出34.50万元"),
    L("procurement_sme", "46.80", W, None, "授予中小企业合同金额46.80万元"),
    L("procurement_sme_pct", "100", "%", None, "占政府采购支出总额的100%"),
    L("procurement_small_micro", "38.20", W, None, "授予小微企业合同金额38.20万元"),
    L("procurement_small_micro_pct", "81.62", "%", None, "占政府采购支出总额的81.62%"),
    L("vehicle_count", "4", "辆", None, "车辆4辆"),
    L("vehicle_count", "2", "辆", "一般公务用车", "一般公务用车2辆"),
    L("vehicle_count", "1", "辆", "特种专业技术用车", "特种专业技术用车1辆"),
    L("vehicle_count", "1", "辆", "其他用车", "其他用车1辆"),
]
write("d906", U, 2022, t,
      "宁夏 固原 隆德县 (县级局). 三公 说明 where the 年初预算 sits IN BRACKETS inside the completion phrase "
      "('完成年初预算（15.00万元）的83.07%'); the total is '与上年持平' (no number: no change label; the component changes "
      "+0.42/−0.42 cancel); 因公出国（境）费 printed 0万元 with '团组0个、0人次'; '公务用车购置费未发生' and '未发生外事接待' "
      "(no number: not labelled); 国内 reception 批次/人次. Then 机关运行经费 with '比上年减少了…，下降…', 政府采购 with "
      "a printed '0万元' 工程, 中小/小微 amounts and shares, and a 国有资产 section with vehicles by kind. Traps (not "
      "labelled): '陪同人员31人次', 房屋3处 and 建筑面积2,186.50平方米, '单价50万元以上' threshold and '0台（套）', "
      "养老机构3个/床位420张 (county figures), the '1．2．3．' enumerators, the dates, and the 2023 三公 budget 14.00 / 3.50.",
      e)

# ---------------------------------------------------------------- d907  项目支出 table in markdown with alignment row
U = "格尔木市交通运输局"
PRJ = [  # no, name, budget, adjusted, executed, rate ('—' = missing)
    ("1", "农村公路养护工程", "860.00", "920.00", "895.64", "97.35%"),
    ("2", "城乡客运一体化运营补贴", "412.00", "412.00", "412.00", "100.00%"),
    ("3", "交通运输安全生产监管", "35.00", "48.60", "43.27", "89.03%"),
    ("4", "察尔汗至郭勒木德公路水毁应急抢修", "0.00", "286.40", "262.15", "91.53%"),
    ("5", "城市出租汽车油价补贴", "128.50", "128.50", "121.30", "94.40%"),
    ("6", "公路超限超载治理", "60.00", "0.00", "—", "—"),
]


def prow(r):
    return "| " + " | ".join(r) + " |"


t = f"""{U}2023年度部门决算
三、支出决算情况说明
2023年度本年支出合计2,979.98万元，其中：基本支出1,245.62万元，占41.80%；项目支出1,734.36万元，占58.20%。
项目支出主要用于以下项目（单位：万元）：
| 序号 | 项目名称 | 年初预算 | 调整后预算 | 执行数 | 执行率 |
|:---:|:---|---:|---:|---:|---:|
""" + "\n".join(prow(r) for r in PRJ) + """
|  | 合计 | 1,495.50 | 1,795.50 | 1,734.36 | 96.59% |
说明：1．“公路超限超载治理”项目年中调减，资金统筹用于第4项水毁应急抢修，未发生支出。2．农村公路养护工程全年执行895.64万元（含上级补助资金近600万元），完成养护里程指标值≥1,280公里，实际完成1,312公里；优良路率指标值≥80%，实际完成83.6%；项目自评得分95.20分。3．城市出租汽车油价补贴执行率94.40%，未执行部分为退出营运车辆的补贴。2024年农村公路养护工程已安排预算960.00万元。"""

e = [
    L("total_expense", "2,979.98", W, None, "本年支出合计2,979.98万元"),
    L("expense_basic", "1,245.62", W, None, "基本支出1,245.62万元"),
    L("share_pct", "41.80", "%", "基本支出", "基本支出1,245.62万元，占41.80%"),
    L("expense_project", "1,734.36", W, None, "项目支出1,734.36万元"),
    L("share_pct", "58.20", "%", "项目支出", "项目支出1,734.36万元，占58.20%"),
]
for r in PRJ:
    no, name, b, a, x, rate = r
    ev = prow(r)
    e.append(L("project_budget", b, W, name, ev))
    e.append(L("project_adjusted_budget", a, W, name, ev))
    if x != "—":
        e.append(L("project_executed", x, W, name, ev))
        e.append(L("project_execution_rate", rate.rstrip("%"), "%", name, ev))
e += [
    L("project_executed", "895.64", W, "农村公路养护工程", "农村公路养护工程全年执行895.64万元"),
    L("perf_indicator_target", "1,280", "公里", "养护里程", "完成养护里程指标值≥1,280公里"),
    L("perf_indicator_actual", "1,312", "公里", "养护里程", "实际完成1,312公里"),
    L("perf_indicator_target", "80", "%", "优良路率", "优良路率指标值≥80%"),
    L("perf_indicator_actual", "83.6", "%", "优良路率", "实际完成83.6%"),
    L("self_eval_score", "95.20", "分", "农村公路养护工程", "项目自评得分95.20分"),
    L("project_execution_rate", "94.40", "%", "城市出租汽车油价补贴", "城市出租汽车油价补贴执行率94.40%"),
]
write("d907", U, 2023, t,
      "青海 海西蒙古族藏族自治州 格尔木市 (县级市局). 项目支出 table as a markdown '|' table with an ALIGNMENT row "
      "('|:---:|:---|---:|…'), columns 序号/项目名称/年初预算/调整后预算/执行数/执行率, the unit in the sentence "
      "before the table ('（单位：万元）'), rates with '%' in the cells, a 年初预算 0.00 (labelled as zero), a project "
      "cut to 调整后预算 0.00 with '—' 执行数/执行率 (missing, not labelled). A 说明 repeats one project's 执行数 and "
      "another's 执行率 (both places labelled) and gives two indicators and a score. Traps (not labelled): 序号 and "
      "'第4项', the 合计 row (1,495.50/1,795.50/1,734.36/96.59%: sums of the project columns, no project metric; the "
      "项目支出 total is labelled from the prose), the approximate '近600万元' (上级补助 share of the project, not labelled), the 2024 budget 960.00 and the '1．2．3．' enumerators.",
      e)

# ---------------------------------------------------------------- d908  支出决算表 as an XLS export: tabs, merged-cell gaps
U = "库尔勒市林业和草原局"
ROWS = [  # code, name, total, basic, project ('' = blank)
    ("208", "社会保障和就业支出", "87.96", "87.96", ""),
    ("20805", "行政事业单位养老支出", "87.96", "87.96", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "58.64", "58.64", ""),
    ("2080506", "机关事业单位职业年金缴费支出", "29.32", "29.32", ""),
    ("210", "卫生健康支出", "24.18", "24.18", ""),
    ("21011", "行政事业单位医疗", "24.18", "24.18", ""),
    ("2101101", "行政单位医疗", "14.36", "14.36", ""),
    ("2101102", "事业单位医疗", "9.82", "9.82", ""),
    ("213", "农林水支出", "1408.35", "426.38", "981.97"),
    ("21302", "林业和草原", "1408.35", "426.38", "981.97"),
    ("2130201", "行政运行", "426.38", "426.38", ""),
    ("2130205", "森林资源培育", "512.60", "", "512.60"),
    ("2130207", "森林资源管理", "86.42", "", "86.42"),
    ("2130209", "森林生态效益补偿", "318.75", "", "318.75"),
    ("2130234", "林业草原防灾减灾", "64.20", "", "64.20"),
    ("221", "住房保障支出", "42.86", "42.86", ""),
    ("22102", "住房改革支出", "42.86", "42.86", ""),
    ("2210201", "住房公积金", "42.86", "42.86", ""),
]


def xrow(code, name, tot, bas, pro):
    """The code cell is merged over three columns (two empty cells follow it); three empty trailing columns."""
    return "\t".join([code, "", "", name, tot, bas, pro, "", "", ""])


TOTAL = "\t".join(["合计", "", "", "", "1563.35", "581.38", "981.97", "", "", ""])
t = ("支出决算表\t\t\t\t\t\t\t\t\t\n"
     "\t\t\t\t\t\t\t\t\t公开03表\n"
     f"编制单位：{U}\t\t\t\t2022年度\t\t\t\t\t单位：万元\n"
     "项目\t\t\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出\n"
     "功能分类科目编码\t\t\t科目名称\t\t\t\t\t\t\n"
     "栏次\t\t\t\t1\t2\t3\t4\t5\t6\n"
     + TOTAL + "\n"
     + "\n".join(xrow(*r) for r in ROWS) + "\n"
     "\t\t\t\t\t\t\t\t\t\n"
     "注：本表反映部门本年度各项支出情况。\t\t\t\t\t\t\t\t\t\n"
     "制表人：阿依古丽\t\t\t审核人：王建军\t\t\t\t打印日期：2023-09-18 16:05:33\t\t\n"
     "工作表：03支出决算表　　第1页/共1页")

e = [
    L("total_expense", "1563.35", W, None, TOTAL),
    L("expense_basic", "581.38", W, None, TOTAL),
    L("expense_project", "981.97", W, None, TOTAL),
]
for code, name, tot, bas, pro in ROWS:
    ev = xrow(code, name, tot, bas, pro)
    e.append(L("expense_by_function" if len(code) == 3 else "expense_item", tot, W, name, ev, code=code))
    if bas:
        e.append(L("expense_item_basic", bas, W, name, ev, code=code))
    if pro:
        e.append(L("expense_item_project", pro, W, name, ev, code=code))
write("d908", U, 2022, t,
      "新疆 巴音郭楞蒙古自治州 库尔勒市 (县级市局). 支出决算表 as an XLS-to-text export: tab-separated cells, the title "
      "and 公开03表 lines padded with empty cells, the 功能分类科目编码 cell MERGED over three columns (every code is "
      "followed by two empty cells), the 合计 label merged over code and name (four cells), the 栏次 row, blank "
      "基本/项目 cells as empty fields, three empty trailing columns (上缴上级/经营/对附属单位), numbers without thousands "
      "separators, a row of empty cells. 类 rows give expense_by_function (本年支出合计) and expense_item_basic/_project "
      "(their 基本/项目 columns); 款/项 rows give expense_item*; the 合计 row gives total_expense/expense_basic/"
      "expense_project. 213 and its only 款 21302 print identical amounts. Traps (not labelled): codes, 栏次 1-6, "
      "'公开03表', '2022年度', the print date and time, '第1页/共1页', the names of the preparers.",
      e)
