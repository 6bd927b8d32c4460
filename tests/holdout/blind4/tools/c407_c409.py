from common import L, line_with, pad, write

# ---------------- c407: 河北 县级局, 政府采购 / 国有资产 (车辆、房屋) / 机关运行经费, spaces before units
t407 = """邢台市信都区自然资源和规划局2022年度部门决算
第三部分 2022年度部门决算情况说明
……
九、机关运行经费支出情况说明
本部门2022年度机关运行经费支出 95.82 万元，比年初预算减少 4.18 万元，降低 4.18%，比上年减少 6.35 万元，下降 6.22%，主要原因是压减会议费、印刷费等一般性支出。
十、政府采购支出情况说明
本部门2022年度政府采购支出总额共计 312.65 万元，其中：政府采购货物支出 58.40 万元、政府采购工程支出 0 万元、政府采购服务支出 254.25 万元。授予中小企业合同金额 298.15 万元，占政府采购支出总额的 95.36%，其中：授予小微企业合同金额 187.60 万元，占政府采购支出总额的 60.00%。
十一、国有资产占有使用情况说明
截至2022年12月31日，本部门资产总额 2,846.37 万元，共有车辆 5 辆，其中：主要负责人用车 0 辆、机要通信用车 0 辆、应急保障用车 1 辆、执法执勤用车 3 辆、特种专业技术用车 1 辆、其他用车 0 辆；单价 50 万元以上通用设备 0 台（套），单价 100 万元以上专用设备 2 台（套）。本部门占有使用房屋 4,862.50 平方米，其中办公用房 3,215.00 平方米，均为划拨取得。
十二、预算绩效情况说明
本部门对 2022 年度 9 个项目开展绩效自评，共涉及资金 1,128.40 万元，占一般公共预算项目支出总额的 100%。（依据冀财绩〔2022〕16号；咨询电话：0319-2296315）"""
ex = [
    L("office_running_cost", "95.82", "万元", None, "机关运行经费支出 95.82 万元"),
    L("prior_year_change_abs", "6.35", "万元", "机关运行经费", "比上年减少 6.35 万元", "decrease"),
    L("prior_year_change_pct", "6.22", "%", "机关运行经费", "比上年减少 6.35 万元，下降 6.22%", "decrease"),
    L("procurement_total", "312.65", "万元", None, "政府采购支出总额共计 312.65 万元"),
    L("procurement_goods", "58.40", "万元", None, "政府采购货物支出 58.40 万元"),
    L("procurement_works", "0", "万元", None, "政府采购工程支出 0 万元"),
    L("procurement_services", "254.25", "万元", None, "政府采购服务支出 254.25 万元"),
    L("procurement_sme", "298.15", "万元", None, "授予中小企业合同金额 298.15 万元"),
    L("procurement_sme_pct", "95.36", "%", None, "授予中小企业合同金额 298.15 万元，占政府采购支出总额的 95.36%"),
    L("procurement_small_micro", "187.60", "万元", None, "授予小微企业合同金额 187.60 万元"),
    L("procurement_small_micro_pct", "60.00", "%", None, "授予小微企业合同金额 187.60 万元，占政府采购支出总额的 60.00%"),
    L("vehicle_count", "5", "辆", None, "共有车辆 5 辆"),
    L("vehicle_count", "0", "辆", "主要负责人用车", "主要负责人用车 0 辆"),
    L("vehicle_count", "0", "辆", "机要通信用车", "机要通信用车 0 辆"),
    L("vehicle_count", "1", "辆", "应急保障用车", "应急保障用车 1 辆"),
    L("vehicle_count", "3", "辆", "执法执勤用车", "执法执勤用车 3 辆"),
    L("vehicle_count", "1", "辆", "特种专业技术用车", "特种专业技术用车 1 辆"),
    L("vehicle_count", "0", "辆", "其他用车", "其他用车 0 辆"),
]
n407 = ("Hebei, Xingtai, Xindu district, a 县级局 (2022). Three short sections: 机关运行经费, 政府采购, 国有资产 — "
        "every number followed by a SPACE before its unit ('95.82 万元', '5 辆', '95.36%'). 机关运行经费 compared first "
        "with the budget and then with last year: only the latter is prior_year_change (and the budget variance "
        "'减少 4.18 万元，降低 4.18%' repeats the same digits as amount and percent - a trap). 政府采购 with 工程 0 万元 "
        "(printed zero, labelled), 中小/小微 shares of the total. Vehicles by kind incl. printed zeros. NOT labelled: "
        "资产总额 2,846.37 万元 and 房屋/办公用房 areas in 平方米 (no metric), '单价 50 万元以上'/'100 万元以上' "
        "thresholds and 0/2 台（套）, 绩效 coverage (9 个项目, 1,128.40 万元, 100%), date, 冀财绩〔2022〕16号, phone.")
write("c407", "邢台市信都区自然资源和规划局", 2022, t407, n407, ex)

# ---------------- c408: 山西 学校, 项目支出绩效自评结果表 space-separated with two-level header + 部门整体 + indicators in prose
projs = [("教学仪器设备购置", "120.00", "136.50", "128.31", "94.00%", "92.5"),
         ("校舍维修改造", "200.00", "186.00", "183.21", "98.50%", "95"),
         ("学生资助补助经费", "35.60", "41.20", "41.20", "100.00%", "98"),
         ("教师培训", "18.00", "18.00", "12.15", "67.50%", "78")]
def prow(i, p):
    return pad(str(i), 5) + pad(p[0], 20) + "".join(pad(c, w, True) for c, w in zip(p[1:], (10, 11, 10, 10, 9)))
hl = ["太原市第五十六中学校2018年度单位决算",
      "（三）项目支出绩效自评结果",
      "2018年度项目支出绩效自评结果汇总表",
      pad("", 54) + "金额单位：万元",
      pad("序号", 5) + pad("项目名称", 20) + pad("预算安排情况", 21, True) + pad("执行情况", 20, True) + pad("自评得分", 9, True),
      pad("", 25) + pad("年初预算", 10, True) + pad("调整后预算", 11, True) + pad("执行数", 10, True) + pad("执行率", 10, True) + pad("（满分100）", 9, True)]
body = [prow(i + 1, p) for i, p in enumerate(projs)]
body.append(pad("", 5) + pad("单位整体支出", 20) + "".join(pad(c, w, True) for c, w in zip(("2,865.40", "3,012.76", "2,946.08", "97.79%", "93.6"), (10, 11, 10, 10, 9))))
tail = ["",
        "2.校舍维修改造项目自评情况。产出指标中，“维修改造校舍面积”年度指标值为≥2,400平方米，实际完成2,560平方米；“工程验收合格率”指标值为100%，实际完成值100%；“项目完工时间”指标值为2018年9月1日前，实际于2018年8月28日完工。满意度指标中，“师生满意度”指标值为≥90%，实际完成值95.3%。该项目调整后预算比年初预算减少14.00万元，主要是工程招标节约。",
        "4.教师培训项目执行率偏低，主要是原定11月赴外省的2期跟岗研修因故取消（涉及约40人次）。",
        "（自评依据：并财绩〔2019〕3号；填报日期：2019年4月15日。学校在校学生2,180人。）"]
t408 = "\n".join(hl + body + tail)
ex = []
for i, p in enumerate(projs):
    ev = line_with(t408, p[0] + " ")
    ex += [L("project_budget", p[1], "万元", p[0], ev), L("project_adjusted_budget", p[2], "万元", p[0], ev),
           L("project_executed", p[3], "万元", p[0], ev), L("project_execution_rate", p[4].rstrip("%"), "%", p[0], ev),
           L("self_eval_score", p[5], "分", p[0], ev)]
ev = line_with(t408, "单位整体支出")
ex += [L("unit_perf_budget", "2,865.40", "万元", "单位整体", ev), L("unit_perf_adjusted_budget", "3,012.76", "万元", "单位整体", ev),
       L("unit_perf_executed", "2,946.08", "万元", "单位整体", ev), L("unit_perf_execution_rate", "97.79", "%", "单位整体", ev),
       L("self_eval_score", "93.6", "分", "单位整体", ev),
       L("perf_indicator_target", "2,400", "平方米", "维修改造校舍面积（校舍维修改造）", "“维修改造校舍面积”年度指标值为≥2,400平方米"),
       L("perf_indicator_actual", "2,560", "平方米", "维修改造校舍面积（校舍维修改造）", "实际完成2,560平方米"),
       L("perf_indicator_target", "100", "%", "工程验收合格率（校舍维修改造）", "“工程验收合格率”指标值为100%"),
       L("perf_indicator_actual", "100", "%", "工程验收合格率（校舍维修改造）", "“工程验收合格率”指标值为100%，实际完成值100%"),
       L("perf_indicator_target", "90", "%", "师生满意度（校舍维修改造）", "“师生满意度”指标值为≥90%"),
       L("perf_indicator_actual", "95.3", "%", "师生满意度（校舍维修改造）", "实际完成值95.3%"),
       ]
n408 = ("Shanxi, Taiyuan, a 中学 (2018). 项目支出绩效自评结果汇总表 as space-separated text with a TWO-LEVEL header "
        "(预算安排情况 over 年初预算/调整后预算, 执行情况 over 执行数/执行率, 自评得分 with '（满分100）' under it), a 序号 "
        "column, and a 单位整体支出 row (unit_perf_* metrics and self_eval_score '单位整体', not a project). Execution "
        "rates recompute (128.31/136.50 = 94.00%). Indicators of one project in prose: 指标值 (≥ targets) vs 实际完成值. "
        "NOT labelled (traps): 序号 1-4, '满分100', the 完工时间 dates (qualitative), '调整后预算比年初预算减少14.00万元' "
        "(budget vs budget, not a prior-year change), '2期', '约40人次' (approximate, and not reception), "
        "并财绩〔2019〕3号, 填报日期, 在校学生2,180人.")
write("c408", "太原市第五十六中学校", 2018, t408, n408, ex)

# ---------------- c409: 辽宁 县级局 部门预算 2020: 收支预算总表 two sides as text, 三公 budget, 机关运行, 采购, 车辆
def two(a, av, b, bv):
    return (pad(a, 28) + pad(av, 10, True) + "    " + pad(b, 26) + pad(bv, 10, True)).rstrip()
tb = ["大连市甘井子区卫生健康局2020年部门预算",
      "一、收支预算总表",
      pad("", 70) + "单位：万元",
      pad("收入", 42) + "支出",
      two("项目", "预算数", "项目", "预算数"),
      two("一、一般公共预算拨款收入", "8,652.40", "一、卫生健康支出", "9,386.52"),
      two("二、政府性基金预算拨款收入", "320.00", "二、社会保障和就业支出", "512.40"),
      two("三、国有资本经营预算拨款收入", "", "三、城乡社区支出", "320.00"),
      two("四、事业收入", "1,146.80", "四、住房保障支出", "120.88"),
      two("五、其他收入", "36.00", "", ""),
      two("本年收入合计", "10,155.20", "本年支出合计", "10,339.80"),
      two("上年结转", "184.60", "结转下年", ""),
      two("收入总计", "10,339.80", "支出总计", "10,339.80"),
      "二、部门预算情况说明",
      "2020年收入、支出预算总计均为10,339.80万元，比2019年预算增加612.35万元。支出预算中，基本支出4,218.36万元，项目支出6,121.44万元。",
      "2020年“三公”经费预算38.50万元，比2019年预算减少4.20万元，下降9.84%。其中：因公出国（境）费0万元；公务接待费6.50万元；公务用车购置及运行维护费32.00万元（其中：公务用车购置费18.00万元，公务用车运行维护费14.00万元）。",
      "2020年机关运行经费预算246.30万元。政府采购预算总额1,862.00万元，其中：货物类1,210.00万元，服务类652.00万元。",
      "截至2019年12月31日，本部门共有车辆12辆，其中：一般公务用车3辆，特种专业技术用车9辆（救护车、卫生监督执法车）。2020年拟购置特种专业技术用车2辆。"]
t409 = "\n".join(tb)
ex = [
    L("income_by_source", "8,652.40", "万元", "一般公共预算拨款收入", line_with(t409, "8,652.40")),
    L("expense_by_function", "9,386.52", "万元", "卫生健康支出", line_with(t409, "8,652.40")),
    L("income_by_source", "320.00", "万元", "政府性基金预算拨款收入", line_with(t409, "二、政府性基金")),
    L("expense_by_function", "512.40", "万元", "社会保障和就业支出", line_with(t409, "二、政府性基金")),
    L("expense_by_function", "320.00", "万元", "城乡社区支出", line_with(t409, "三、城乡社区支出")),
    L("income_by_source", "1,146.80", "万元", "事业收入", line_with(t409, "四、事业收入")),
    L("expense_by_function", "120.88", "万元", "住房保障支出", line_with(t409, "四、事业收入")),
    L("income_by_source", "36.00", "万元", "其他收入", line_with(t409, "五、其他收入")),
    L("total_income", "10,155.20", "万元", None, line_with(t409, "本年收入合计")),
    L("total_expense", "10,339.80", "万元", None, line_with(t409, "本年收入合计")),
    L("carryover_begin", "184.60", "万元", "上年结转", line_with(t409, "上年结转")),
    L("total_income_expense", "10,339.80", "万元", "收入总计", line_with(t409, "收入总计 ")),
    L("total_income_expense", "10,339.80", "万元", "支出总计", line_with(t409, "收入总计 ")),
    L("total_income_expense", "10,339.80", "万元", "收入总计", "收入、支出预算总计均为10,339.80万元"),
    L("total_income_expense", "10,339.80", "万元", "支出总计", "收入、支出预算总计均为10,339.80万元"),
    L("expense_basic", "4,218.36", "万元", None, "基本支出4,218.36万元"),
    L("expense_project", "6,121.44", "万元", None, "项目支出6,121.44万元"),
    L("three_public_total", "38.50", "万元", None, "“三公”经费预算38.50万元"),
    L("three_public_item", "0", "万元", "因公出国（境）费", "因公出国（境）费0万元"),
    L("three_public_item", "6.50", "万元", "公务接待费", "公务接待费6.50万元"),
    L("three_public_item", "32.00", "万元", "公务用车购置及运行维护费", "公务用车购置及运行维护费32.00万元"),
    L("three_public_item", "18.00", "万元", "公务用车购置费", "公务用车购置费18.00万元"),
    L("three_public_item", "14.00", "万元", "公务用车运行维护费", "公务用车运行维护费14.00万元"),
    L("office_running_cost", "246.30", "万元", None, "机关运行经费预算246.30万元"),
    L("procurement_total", "1,862.00", "万元", None, "政府采购预算总额1,862.00万元"),
    L("procurement_goods", "1,210.00", "万元", None, "货物类1,210.00万元"),
    L("procurement_services", "652.00", "万元", None, "服务类652.00万元"),
    L("vehicle_count", "12", "辆", None, "共有车辆12辆"),
    L("vehicle_count", "3", "辆", "一般公务用车", "一般公务用车3辆"),
    L("vehicle_count", "9", "辆", "特种专业技术用车", "特种专业技术用车9辆"),
]
n409 = ("Liaoning, Dalian, Ganjingzi district, a 县级局 — a 部门预算 (budget year 2020), not a final account. Per the "
        "project's convention for 预算 documents (README: facts keep the 决算 metric names, the document kind is the "
        "measure) the budget figures are labelled with the 决算 names: income_by_source, expense_by_function, "
        "total_income/total_expense, carryover_begin (上年结转), total_income_expense, three_public_total/_item, "
        "office_running_cost, procurement_*. 收支预算总表 as space-separated text with the income and expense sides on "
        "ONE line (each line holds an income line and an unrelated 类), blank cells (国有资本经营预算拨款收入, 结转下年: "
        "missing). 三公 budget in prose with 购置/运行 split. NOT labelled (traps): '比2019年预算增加612.35万元', "
        "'比2019年预算减少4.20万元，下降9.84%' (budget vs previous budget, not a final-account change), "
        "'2020年拟购置…2辆' (a plan, not a purchase), the date.")
write("c409", "大连市甘井子区卫生健康局", 2020, t409, n409, ex)
