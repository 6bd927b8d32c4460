"""d709-d712."""
from common import L, change, write

W = "万元"

# ---------------------------------------------------------------- d709  收入支出决算总表 as two stacked blocks (PDF copy)
INC = [  # printed row, metric, qualifier (None: not labelled)
    ("一、一般公共预算财政拨款收入 1 2,186.43", "income_by_source", "一般公共预算财政拨款收入", "2,186.43"),
    ("二、政府性基金预算财政拨款收入 2 320.00", "income_by_source", "政府性基金预算财政拨款收入", "320.00"),
    ("三、国有资本经营预算财政拨款收入 3", None, None, None),
    ("四、上级补助收入 4", None, None, None),
    ("五、事业收入 5", None, None, None),
    ("六、经营收入 6", None, None, None),
    ("七、附属单位上缴收入 7", None, None, None),
    ("八、其他收入 8 46.18", "income_by_source", "其他收入", "46.18"),
    ("本年收入合计 28 2,552.61", "total_income", None, "2,552.61"),
    ("使用非财政拨款结余 29 0.00", "nonfiscal_balance_used", None, "0.00"),
    ("年初结转和结余 30 164.35", "carryover_begin", "年初结转和结余", "164.35"),
    ("总计 31 2,716.96", "total_income_expense", "收入总计", "2,716.96"),
]
EXP = [
    ("八、社会保障和就业支出 39 168.42", "expense_by_function", "社会保障和就业支出", "168.42"),
    ("九、卫生健康支出 40 46.25", "expense_by_function", "卫生健康支出", "46.25"),
    ("十、节能环保支出 41 85.60", "expense_by_function", "节能环保支出", "85.60"),
    ("十二、农林水支出 43 2,118.36", "expense_by_function", "农林水支出", "2,118.36"),
    ("十九、住房保障支出 50 58.73", "expense_by_function", "住房保障支出", "58.73"),
    ("二十三、其他支出 54 12.00", "expense_by_function", "其他支出", "12.00"),
    ("本年支出合计 58 2,489.36", "total_expense", None, "2,489.36"),
    ("结余分配 59 0.00", None, None, None),
    ("年末结转和结余 60 227.60", "carryover_end", "年末结转和结余", "227.60"),
    ("总计 61 2,716.96", "total_income_expense", "支出总计", "2,716.96"),
]
t = ("资兴市林业局2022年度部门决算表\n收入支出决算总表\n公开01表\n编制单位：资兴市林业局 2022年度 单位：万元\n"
     "收入\n项目 行次 金额\n" + "\n".join(r[0] for r in INC) + "\n"
     "支出\n项目 行次 金额\n" + "\n".join(r[0] for r in EXP) + "\n"
     "注：本表反映部门本年度的总收支和年末结转结余情况。空行为无数据，已删除无数据的支出功能分类行。\n"
     "第1页 共12页\n"
     "说明：2022年度收入总计2,716.96万元，支出总计2,716.96万元，较上年增加208.74万元，增长8.32%，主要是国土绿化和"
     "森林防火项目资金增加。本年支出合计2,489.36万元，其中：基本支出812.44万元，占32.64%；项目支出1,676.92万元，"
     "占67.36%。")

e = []
for row, metric, q, v in INC + EXP:
    if metric:
        e.append(L(metric, v, W, q, row))
e += [
    L("total_income_expense", "2,716.96", W, "收入总计", "2022年度收入总计2,716.96万元"),
    L("total_income_expense", "2,716.96", W, "支出总计", "支出总计2,716.96万元，较上年"),
    *change("208.74", "8.32", W, "收支总计", "较上年增加208.74万元", "较上年增加208.74万元，增长8.32%", "increase"),
    L("total_expense", "2,489.36", W, None, "本年支出合计2,489.36万元，其中"),
    L("expense_basic", "812.44", W, None, "基本支出812.44万元"),
    L("share_pct", "32.64", "%", "基本支出", "基本支出812.44万元，占32.64%"),
    L("expense_project", "1,676.92", W, None, "项目支出1,676.92万元"),
    L("share_pct", "67.36", "%", "项目支出", "项目支出1,676.92万元，占67.36%"),
]
write("d709", "资兴市林业局", 2022, t,
      "湖南 郴州 资兴市 (县级市局). 收入支出决算总表 (公开01表) copied from a PDF as plain text: the two sides are "
      "STACKED (a '收入' block, then a '支出' block), each with its own 'project 行次 金额' header; cells separated by "
      "single spaces, so the 行次 sits right before the amount ('八、其他收入 8 46.18', '总计 31 2,716.96'); blank cells "
      "vanish, leaving rows with only a 行次 ('五、事业收入 5', not zero: not labelled); the 支出 block keeps only the "
      "non-empty 类 rows, so 行次 and Chinese enumerators jump (39, 40, 41, 43, 50, 54; 八、九、十、十二、十九、二十三). "
      "Both blocks end in '总计' (the income block's is 收入总计, the expense block's 支出总计). '使用非财政拨款结余 29 "
      "0.00' is a printed zero (labelled). A 说明 under the table repeats the totals (labelled again) with a change "
      "shared by both totals and 基本/项目 with shares. Traps (not labelled): the 行次 numbers (1…8, 28…31, 39…61), "
      "'结余分配 59 0.00' (no metric), the Chinese enumerators, '公开01表', '第1页 共12页', '2022年度'.",
      e)

# ---------------------------------------------------------------- d710  项目支出绩效自评表, one field per line
IND = [  # name, target line, actual line, unit, target, actual
    ("新建改造供水管网长度", "年度指标值：≥185公里", "实际完成值：192.6公里", "公里", "185", "192.6", "15", "15"),
    ("改造供水工程数量", "年度指标值：≥46处", "实际完成值：46处", "处", "46", "46", "10", "10"),
    ("工程验收合格率", "年度指标值：100%", "实际完成值：100%", "%", "100", "100", "10", "10"),
    ("项目完工及时率", "年度指标值：≥95%", "实际完成值：91%", "%", "95", "91", "10", "8"),
    ("单位管网综合造价", "年度指标值：≤4.6万元/公里", "实际完成值：4.38万元/公里", "万元/公里", "4.6", "4.38", "5", "5"),
    ("受益农村人口", "年度指标值：≥3.6万人", "实际完成值：3.82万人", "万人", "3.6", "3.82", "15", "15"),
    ("供水工程正常运行率", "年度指标值：≥90%", "实际完成值：96%", "%", "90", "96", "15", "15"),
    ("受益群众满意度", "年度指标值：≥90%", "实际完成值：94.5%", "%", "90", "94.5", "10", "10"),
]
HEAD = {0: "一级指标：产出指标\n二级指标：数量指标\n", 2: "二级指标：质量指标\n", 3: "二级指标：时效指标\n",
        4: "二级指标：成本指标\n", 5: "一级指标：效益指标\n二级指标：社会效益指标\n", 6: "二级指标：可持续影响指标\n",
        7: "一级指标：满意度指标\n二级指标：服务对象满意度指标\n"}
body = ""
for i, (name, tl, al, _u, _t, _a, pts, got) in enumerate(IND):
    body += HEAD.get(i, "") + f"三级指标：{name}\n{tl}\n{al}\n分值：{pts}\n得分：{got}\n"
    if i == 3:
        body += "偏差原因分析及改进措施：受雨季影响，2处工程延期至2024年1月完工。\n"
P = "宣威市农村饮水安全巩固提升工程"
t = (f"2023年度项目支出绩效自评表\n项目名称：{P}\n项目编码：530381230000000018\n主管部门：宣威市水务局\n"
     "实施单位：宣威市水务局\n项目资金（万元）\n年初预算数：860.00\n全年预算数：920.00\n全年执行数：884.36\n分值：10\n"
     "执行率：96.13%\n得分：9.61\n资金来源：当年财政拨款920.00；上年结转资金0.00；其他资金0.00\n年度总体目标\n"
     "预期目标：完成12个乡镇农村供水管网改造，巩固提升3.6万农村人口供水保障水平。\n"
     "实际完成情况：12个乡镇管网改造全部完工，受益人口3.82万人。\n绩效指标\n" + body +
     "总分：100\n自评得分：97.61\n自评等级：优\n填报人：李××\n联系电话：0874-8126635\n填报日期：2024年3月18日")

e = [
    L("project_budget", "860.00", W, P, "年初预算数：860.00"),
    L("project_adjusted_budget", "920.00", W, P, "全年预算数：920.00"),
    L("project_executed", "884.36", W, P, "全年执行数：884.36"),
    L("project_execution_rate", "96.13", "%", P, "执行率：96.13%"),
]
for name, tl, al, u, tv, av, _p, _g in IND:
    e.append(L("perf_indicator_target", tv, u, name, f"三级指标：{name}\n{tl}"))
    e.append(L("perf_indicator_actual", av, u, name, f"{tl}\n{al}"))
e.append(L("self_eval_score", "97.61", "分", P, "自评得分：97.61"))
write("d710", "宣威市水务局", 2023, t,
      "云南 曲靖 宣威市 (县级市局). 项目支出绩效自评表 pasted from a form as text with ONE FIELD PER LINE "
      "('字段：值'): project money lines under the heading '项目资金（万元）' (the unit is only in that heading), then "
      "the indicator tree as '一级指标：' / '二级指标：' / '三级指标：' lines, each 三级指标 followed by its "
      "'年度指标值：' and '实际完成值：' lines and its '分值：' / '得分：' lines. Targets with '≥', '≤' and none; units "
      "公里, 处, %, 万元/公里, 万人; one target missed (91% < 95%) with a deviation note. Indicator labels use the "
      "三级指标 name as qualifier; their evidence joins the name (or the target) line with the value line. The total is "
      "'自评得分：97.61' (unit 分 by convention) = 9.61 (execution) + 48 + 30 + 10. Traps (not labelled): every "
      "'分值：'/'得分：' line (points per item, no metric), '总分：100', the 18-digit 项目编码, the '资金来源' line "
      "(sources, no metric), '12个乡镇', '3.6万' and '3.82万人' inside the free-text 年度总体目标 (the indicator rows "
      "hold these facts), '2处工程', the dates 2024年1月 and 2024年3月18日, the phone number, '自评等级：优'.",
      e)

# ---------------------------------------------------------------- d711  类 list one per line, then 款/项 per 类
t = """阳朔县卫生健康局2022年度部门决算情况说明
二、收入决算情况说明
2022年度本年收入合计4,901.27万元，其中：财政拨款收入4,731.27万元，占96.53%；其他收入170.00万元，占3.47%。
三、支出决算情况说明
2022年度本年支出合计4,862.35万元，其中：基本支出1,038.62万元，占21.36%；项目支出3,823.73万元，占78.64%。
按支出功能分类，本年支出主要用于以下方面：
1.社会保障和就业支出（类）312.46万元，占6.43%；
2.卫生健康支出（类）4,286.19万元，占88.15%；
3.住房保障支出（类）93.70万元，占1.93%；
4.其他支出（类）170.00万元，占3.50%。
各类支出的款、项情况如下：
（1）社会保障和就业支出（类）：行政事业单位养老支出（款）312.46万元，其中机关事业单位基本养老保险缴费支出（项）208.31万元，机关事业单位职业年金缴费支出（项）104.15万元。
（2）卫生健康支出（类）：
卫生健康管理事务（款）326.84万元，其中行政运行（项）286.84万元，其他卫生健康管理事务支出（项）40.00万元；
基层医疗卫生机构（款）乡镇卫生院（项）800.00万元；
公共卫生（款）1,842.60万元，其中基本公共卫生服务（项）1,206.30万元，重大公共卫生服务（项）436.30万元，突发公共卫生事件应急处理（项）200.00万元；
计划生育事务（款）计划生育服务（项）1,218.55万元；
行政事业单位医疗（款）98.20万元，其中行政单位医疗（项）42.36万元，事业单位医疗（项）55.84万元。
（3）住房保障支出（类）：住房改革支出（款）住房公积金（项）93.70万元。
（4）其他支出（类）：其他支出（款）其他支出（项）170.00万元，主要为乡村医生养老补助。
全县共有公立医疗卫生机构28个，在岗乡村医生近420人。
四、财政拨款收入支出决算总体情况说明
2022年度财政拨款收入总计4,7"""

e = [
    L("total_income", "4,901.27", W, None, "2022年度本年收入合计4,901.27万元"),
    L("income_by_source", "4,731.27", W, "财政拨款收入", "财政拨款收入4,731.27万元"),
    L("share_pct", "96.53", "%", "财政拨款收入", "财政拨款收入4,731.27万元，占96.53%"),
    L("income_by_source", "170.00", W, "其他收入", "其他收入170.00万元"),
    L("share_pct", "3.47", "%", "其他收入", "其他收入170.00万元，占3.47%"),
    L("total_expense", "4,862.35", W, None, "2022年度本年支出合计4,862.35万元"),
    L("expense_basic", "1,038.62", W, None, "基本支出1,038.62万元"),
    L("share_pct", "21.36", "%", "基本支出", "基本支出1,038.62万元，占21.36%"),
    L("expense_project", "3,823.73", W, None, "项目支出3,823.73万元"),
    L("share_pct", "78.64", "%", "项目支出", "项目支出3,823.73万元，占78.64%"),
]
for i, (q, a, p) in enumerate([("社会保障和就业支出", "312.46", "6.43"), ("卫生健康支出", "4,286.19", "88.15"),
                               ("住房保障支出", "93.70", "1.93"), ("其他支出", "170.00", "3.50")], 1):
    e.append(L("expense_by_function", a, W, q, f"{i}.{q}（类）{a}万元"))
    e.append(L("share_pct", p, "%", q, f"{i}.{q}（类）{a}万元，占{p}%"))
for q, ev in [
    ("行政事业单位养老支出", "行政事业单位养老支出（款）312.46万元"),
    ("机关事业单位基本养老保险缴费支出", "机关事业单位基本养老保险缴费支出（项）208.31万元"),
    ("机关事业单位职业年金缴费支出", "机关事业单位职业年金缴费支出（项）104.15万元"),
    ("卫生健康管理事务", "卫生健康管理事务（款）326.84万元"),
    ("行政运行", "行政运行（项）286.84万元"),
    ("其他卫生健康管理事务支出", "其他卫生健康管理事务支出（项）40.00万元"),
    ("乡镇卫生院", "基层医疗卫生机构（款）乡镇卫生院（项）800.00万元"),
    ("公共卫生", "公共卫生（款）1,842.60万元"),
    ("基本公共卫生服务", "基本公共卫生服务（项）1,206.30万元"),
    ("重大公共卫生服务", "重大公共卫生服务（项）436.30万元"),
    ("突发公共卫生事件应急处理", "突发公共卫生事件应急处理（项）200.00万元"),
    ("计划生育服务", "计划生育事务（款）计划生育服务（项）1,218.55万元"),
    ("行政事业单位医疗", "行政事业单位医疗（款）98.20万元"),
    ("行政单位医疗", "行政单位医疗（项）42.36万元"),
    ("事业单位医疗", "事业单位医疗（项）55.84万元"),
    ("住房公积金", "住房改革支出（款）住房公积金（项）93.70万元"),
    ("其他支出（款）其他支出（项）", "其他支出（款）其他支出（项）170.00万元"),
]:
    amount = ev.split("）")[-1].replace("万元", "")
    e.append(L("expense_item", amount, W, q, ev))
write("d711", "阳朔县卫生健康局", 2022, t,
      "广西 桂林 阳朔县 (县级局). 支出决算 by 功能分类 over ALL funds (本年支出合计, so expense_by_function and "
      "expense_item, not gpb_*): the four 类 each on its OWN LINE as '1.xx支出（类）xx万元，占x%；', then the 款/项 "
      "breakdown per 类 under '（1）…（4）' headings, the 卫生健康 类 spread over five lines (one 款 per line). Three ways "
      "of giving 款 and 项: '款 amount，其中 项 amount，项 amount', a 款 with a single 项 in one path "
      "('基层医疗卫生机构（款）乡镇卫生院（项）800.00万元': labelled once, as the 项), and '其他支出（款）其他支出（项）' "
      "(the same name as the 类). Qualifiers are the 款/项 names. Shares of the 类 add to 100.01%. Traps (not "
      "labelled): the list enumerators '1.'…'4.' and '（1）'…'（4）' right before the names, '公立医疗卫生机构28个', "
      "'近420人' (approximate count), and the cut '财政拨款收入总计4,7' at the end of the excerpt.",
      e)

# ---------------------------------------------------------------- d712  市直单位 (黑龙江): 同比 with 增幅/降幅
t = """齐齐哈尔市科学技术局2023年度部门决算情况说明
一、收入支出决算总体情况说明
2023年度收入总计1,932.64万元，同比减少215.37万元，降幅10.03%；支出总计1,932.64万元，同比减少215.37万元，降幅10.03%。主要原因是上年一次性安排的科技创新平台建设资金本年减少。
二、收入决算情况说明
2023年度本年收入合计1,806.20万元，同比减少198.42万元，降幅9.90%，全部为一般公共预算财政拨款收入。年初结转和结余126.44万元。
三、支出决算情况说明
2023年度本年支出合计1,846.93万元，同比减少172.61万元，降幅8.55%。其中：基本支出628.47万元，占34.03%，同比增加24.36万元，增幅4.03%；项目支出1,218.46万元，占65.97%，同比减少196.97万元，降幅13.92%。年末结转和结余85.71万元。
四、一般公共预算财政拨款支出决算情况说明
2023年度一般公共预算财政拨款支出1,846.93万元，同比减少172.61万元，降幅8.55%，完成年初预算的108.50%。其中：科学技术支出（类）1,624.58万元，占87.96%，同比减少186.25万元，降幅10.29%；社会保障和就业支出（类）118.36万元，占6.41%，同比增加6.12万元，增幅5.45%；卫生健康支出（类）38.41万元，占2.08%，同比持平；住房保障支出（类）65.58万元，占3.55%，同比增加7.52万元，增幅12.95%。
主要项级科目：科学技术支出（类）科学技术管理事务（款）行政运行（项）年初预算412.60万元，支出决算418.35万元，完成年初预算的101.39%；科学技术支出（类）技术研究与开发（款）科技成果转化与扩散（项）年初预算500.00万元，支出决算612.00万元，完成年初预算的122.40%，增幅较大的原因是追加科技成果转化奖补资金。
五、“三公”经费支出决算情况说明
2023年度“三公”经费支出4.82万元，同比减少1.06万元，降幅18.03%。其中：因公出国（境）费0万元；公务接待费1.26万元，同比减少0.35万元，降幅21.74%；公务用车购置及运行维护费3.56万元，同比减少0.71万元，降幅16.63%。
六、机关运行经费支出情况说明
2023年度机关运行经费支出186.40万元，同比增加3.05万元，增幅1.66%。
全年全市技术合同成交额约48亿元，同比增长21.6%。"""


def yoy(q, lead, amount, d_abs, d_pct, direction, share=None, metric=None, mq=...):
    verb, verb2 = ("增加", "增幅") if direction == "increase" else ("减少", "降幅")
    base = f"{lead}{amount}万元"
    out = [L(metric, amount, W, q if mq is ... else mq, base)] if metric else []
    mid = base
    if share is not None:
        mid = f"{base}，占{share}%"
        out.append(L("share_pct", share, "%", q, mid))
    out += change(d_abs, d_pct, W, q, f"{mid}，同比{verb}{d_abs}万元", f"{mid}，同比{verb}{d_abs}万元，{verb2}{d_pct}%",
                  direction)
    return out


e = [
    *yoy("收入总计", "2023年度收入总计", "1,932.64", "215.37", "10.03", "decrease", metric="total_income_expense"),
    *yoy("支出总计", "；支出总计", "1,932.64", "215.37", "10.03", "decrease", metric="total_income_expense"),
    *yoy("本年收入合计", "2023年度本年收入合计", "1,806.20", "198.42", "9.90", "decrease", metric="total_income", mq=None),
    L("carryover_begin", "126.44", W, "年初结转和结余", "年初结转和结余126.44万元"),
    *yoy("本年支出合计", "2023年度本年支出合计", "1,846.93", "172.61", "8.55", "decrease", metric="total_expense", mq=None),
    *yoy("基本支出", "其中：基本支出", "628.47", "24.36", "4.03", "increase", "34.03", "expense_basic", mq=None),
    *yoy("项目支出", "项目支出", "1,218.46", "196.97", "13.92", "decrease", "65.97", "expense_project", mq=None),
    L("carryover_end", "85.71", W, "年末结转和结余", "年末结转和结余85.71万元"),
    *yoy("一般公共预算财政拨款支出", "2023年度一般公共预算财政拨款支出", "1,846.93", "172.61", "8.55", "decrease",
         metric="gpb_expense_total", mq=None),
    L("gpb_completion_pct", "108.50", "%", None, "完成年初预算的108.50%"),
    *yoy("科学技术支出", "科学技术支出（类）", "1,624.58", "186.25", "10.29", "decrease", "87.96", "gpb_expense_by_function"),
    *yoy("社会保障和就业支出", "社会保障和就业支出（类）", "118.36", "6.12", "5.45", "increase", "6.41",
         "gpb_expense_by_function"),
    L("gpb_expense_by_function", "38.41", W, "卫生健康支出", "卫生健康支出（类）38.41万元"),
    L("share_pct", "2.08", "%", "卫生健康支出", "卫生健康支出（类）38.41万元，占2.08%"),
    *yoy("住房保障支出", "住房保障支出（类）", "65.58", "7.52", "12.95", "increase", "3.55", "gpb_expense_by_function"),
]
for q, b, a, p in [("科学技术支出（类）科学技术管理事务（款）行政运行（项）", "412.60", "418.35", "101.39"),
                   ("科学技术支出（类）技术研究与开发（款）科技成果转化与扩散（项）", "500.00", "612.00", "122.40")]:
    e += [
        L("gpb_item_budget", b, W, q, f"{q}年初预算{b}万元"),
        L("gpb_expense_item", a, W, q, f"年初预算{b}万元，支出决算{a}万元"),
        L("gpb_item_completion_pct", p, "%", q, f"支出决算{a}万元，完成年初预算的{p}%"),
    ]
e += [
    *yoy("“三公”经费", "2023年度“三公”经费支出", "4.82", "1.06", "18.03", "decrease", metric="three_public_total", mq=None),
    L("three_public_item", "0", W, "因公出国（境）费", "因公出国（境）费0万元"),
    *yoy("公务接待费", "公务接待费", "1.26", "0.35", "21.74", "decrease", metric="three_public_item"),
    *yoy("公务用车购置及运行维护费", "公务用车购置及运行维护费", "3.56", "0.71", "16.63", "decrease", metric="three_public_item"),
    *yoy("机关运行经费", "2023年度机关运行经费支出", "186.40", "3.05", "1.66", "increase", metric="office_running_cost",
         mq=None),
]
write("d712", "齐齐哈尔市科学技术局", 2023, t,
      "黑龙江 齐齐哈尔 (市直部门). Every prior-year change is worded '同比增加/减少X万元，增幅/降幅Y%' (the rate noun "
      "增幅 or 降幅 carries the direction; 降幅 = decrease), including the totals, 基本/项目, gpb by 类, 三公 and "
      "机关运行经费; shares sit between the amount and the change. '卫生健康支出（类）38.41万元，占2.08%，同比持平' has "
      "no change number (amount and share labelled only). Two 项 with full （类）（款）（项） path, 年初预算, 支出决算 and "
      "完成年初预算% (one at 122.40%). Traps (not labelled): '增幅较大的原因' (no number), '全部为一般公共预算财政拨款"
      "收入' (no amount printed for the income line), '技术合同成交额约48亿元' (approximate, and not a budget figure) and "
      "its '同比增长21.6%' (a business indicator, not a change of a budget figure).",
      e)
