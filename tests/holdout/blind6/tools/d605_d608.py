"""d605-d608."""
from common import L, inc, dec, write

# ---------------------------------------------------------------- d605  三公: flattened pairs + prose with 购置/运行 split
t = """韶关市浈江区交通运输局2023年度一般公共预算财政拨款“三公”经费支出决算情况说明
一、“三公”经费支出决算表（预算数/决算数）
单位：万元
“三公”经费合计：32.00/26.18
1.因公出国（境）费：0.00/0.00
2.公务用车购置及运行维护费：25.00/22.36
（1）公务用车购置费：15.00/14.82
（2）公务用车运行维护费：10.00/7.54
3.公务接待费：7.00/3.82
二、“三公”经费支出决算情况说明
2023年度“三公”经费支出决算26.18万元，完成预算的81.81%，较上年增加9.62万元，增长58.09%，主要原因是按规定更新报废公务用车。具体情况如下：
（一）因公出国（境）费0万元，本年未安排因公出国（境）团组。
（二）公务用车购置及运行维护费22.36万元，完成预算的89.44%。其中：公务用车购置费14.82万元，更新购置执法执勤用车1辆（报废已使用15年的执法执勤用车1辆），购置价格未超过粤财行〔2023〕56号规定的18万元标准；公务用车运行维护费7.54万元，主要用于公务用车燃料、维修保养、保险等支出，较上年减少0.86万元，下降10.24%。截至2023年12月31日，本单位共有公务用车5辆，其中执法执勤用车4辆、应急保障用车1辆。
（三）公务接待费3.82万元，完成预算的54.57%。全年共接待国内来访46批次、312人次，主要是省、市交通运输部门检查指导工作；外事接待0批次。
联系人：区交通运输局财务股，电话0751-8863215。"""

TP = "公务用车购置及运行维护费"
e = []
for q, b, a, line in [
    ("合计", "32.00", "26.18", "“三公”经费合计：32.00/26.18"),
    ("因公出国（境）费", "0.00", "0.00", "1.因公出国（境）费：0.00/0.00"),
    (TP, "25.00", "22.36", "2.公务用车购置及运行维护费：25.00/22.36"),
    ("公务用车购置费", "15.00", "14.82", "（1）公务用车购置费：15.00/14.82"),
    ("公务用车运行维护费", "10.00", "7.54", "（2）公务用车运行维护费：10.00/7.54"),
    ("公务接待费", "7.00", "3.82", "3.公务接待费：7.00/3.82"),
]:
    e.append(L("three_public_budget", b, "万元", q, line))
    if q == "合计":
        e.append(L("three_public_total", a, "万元", None, line))
    else:
        e.append(L("three_public_item", a, "万元", q, line))
e += [
    L("three_public_total", "26.18", "万元", None, "2023年度“三公”经费支出决算26.18万元"),
    L("three_public_completion_pct", "81.81", "%", "合计", "“三公”经费支出决算26.18万元，完成预算的81.81%"),
    inc("prior_year_change_abs", "9.62", "万元", "“三公”经费", "较上年增加9.62万元"),
    inc("prior_year_change_pct", "58.09", "%", "“三公”经费", "较上年增加9.62万元，增长58.09%"),
    L("three_public_item", "0", "万元", "因公出国（境）费", "（一）因公出国（境）费0万元"),
    L("three_public_item", "22.36", "万元", TP, "（二）公务用车购置及运行维护费22.36万元"),
    L("three_public_completion_pct", "89.44", "%", TP, "公务用车购置及运行维护费22.36万元，完成预算的89.44%"),
    L("three_public_item", "14.82", "万元", "公务用车购置费", "其中：公务用车购置费14.82万元"),
    L("vehicle_purchase_count", "1", "辆", "执法执勤用车", "更新购置执法执勤用车1辆"),
    L("three_public_item", "7.54", "万元", "公务用车运行维护费", "公务用车运行维护费7.54万元，主要用于"),
    dec("prior_year_change_abs", "0.86", "万元", "公务用车运行维护费", "较上年减少0.86万元"),
    dec("prior_year_change_pct", "10.24", "%", "公务用车运行维护费", "较上年减少0.86万元，下降10.24%"),
    L("vehicle_count", "5", "辆", None, "本单位共有公务用车5辆"),
    L("vehicle_count", "4", "辆", "执法执勤用车", "其中执法执勤用车4辆"),
    L("vehicle_count", "1", "辆", "应急保障用车", "应急保障用车1辆。"),
    L("three_public_item", "3.82", "万元", "公务接待费", "（三）公务接待费3.82万元"),
    L("three_public_completion_pct", "54.57", "%", "公务接待费", "公务接待费3.82万元，完成预算的54.57%"),
    L("reception_batches", "46", "批次", "国内", "全年共接待国内来访46批次"),
    L("reception_persons", "312", "人次", "国内", "接待国内来访46批次、312人次"),
    L("reception_batches", "0", "批次", "外事", "外事接待0批次"),
]
write("d605", "韶关市浈江区交通运输局", 2023, t,
      "广东 韶关 浈江区 (区级局). The 三公 table is flattened to one line per item with the 预算数/决算数 pair written "
      "'预算/决算' with a slash ('2.公务用车购置及运行维护费：25.00/22.36'); the column order is given only in the "
      "heading '（预算数/决算数）'; unit from '单位：万元'. Enumerators '1.' '（1）' sit before the item names. "
      "The prose splits 公务用车购置及运行维护费 into 购置费 (with the purchase count) and 运行维护费 (with its own change), "
      "then vehicles held by kind. '因公出国（境）费：0.00/0.00' and '0万元' are printed zeros (labelled). Traps (not "
      "labelled): the scrapped vehicle '报废…执法执勤用车1辆' and its age '15年', 粤财行〔2023〕56号, the '18万元' price cap, "
      "the date, the phone number 0751-8863215; '未安排…团组' has no number (no outbound_groups label).",
      e)

# ---------------------------------------------------------------- d606  乡镇: 一般公共预算 + 政府性基金 in prose
t = """宁城县天义镇人民政府2022年度部门决算说明
一、收入支出决算总体情况
2022年度收入总计5,099.15万元，支出总计5,099.15万元。本年收入合计4,862.75万元，其中：一般公共预算财政拨款收入3,214.60万元，占66.11%；政府性基金预算财政拨款收入1,580.00万元，占32.49%；其他收入68.15万元，占1.40%。年初结转和结余236.40万元。本年支出合计4,958.31万元，其中：基本支出1,426.87万元，项目支出3,531.44万元；年末结转和结余140.84万元。
二、一般公共预算财政拨款支出决算情况
2022年度一般公共预算财政拨款支出3,258.36万元，较上年减少186.72万元，下降5.42%，主要是上年一次性安排的村级组织活动场所建设资金减少。主要用于：一般公共服务支出（类）1,046.28万元，占32.11%；社会保障和就业支出（类）482.15万元，占14.80%；卫生健康支出（类）136.90万元，占4.20%；农林水支出（类）1,423.51万元，占43.69%；住房保障支出（类）169.52万元，占5.20%。一般公共预算财政拨款年初结转和结余96.40万元，年末结转和结余52.64万元。
三、政府性基金预算财政拨款支出决算情况
2022年度政府性基金预算财政拨款年初结转和结余140.00万元，本年收入1,580.00万元，本年支出1,631.80万元，年末结转和结余88.20万元。政府性基金预算财政拨款支出较上年增加512.40万元，增长45.77%，主要是农村人居环境整治项目增加。支出全部为项目支出，其中：城乡社区支出（类）国有土地使用权出让收入安排的支出（款）农村基础设施建设支出（项）1,251.80万元；其他支出（类）其他政府性基金及对应专项债务收入安排的支出（款）其他政府性基金安排的支出（项）380.00万元。
四、其他说明
本镇辖18个行政村，户籍人口约4.6万人，2022年末在职人员62人。本镇2022年度无国有资本经营预算财政拨款收支。"""

G1 = "城乡社区支出（类）国有土地使用权出让收入安排的支出（款）农村基础设施建设支出（项）"
G2 = "其他支出（类）其他政府性基金及对应专项债务收入安排的支出（款）其他政府性基金安排的支出（项）"
e = [
    L("total_income_expense", "5099.15", "万元", "收入总计", "2022年度收入总计5,099.15万元"),
    L("total_income_expense", "5099.15", "万元", "支出总计", "支出总计5,099.15万元"),
    L("total_income", "4862.75", "万元", None, "本年收入合计4,862.75万元"),
]
for name, amt, pct in [("一般公共预算财政拨款收入", "3,214.60", "66.11"), ("政府性基金预算财政拨款收入", "1,580.00", "32.49"),
                       ("其他收入", "68.15", "1.40")]:
    ev = f"{name}{amt}万元，占{pct}%"
    e.append(L("income_by_source", amt, "万元", name, ev))
    e.append(L("share_pct", pct, "%", name, ev))
e += [
    L("carryover_begin", "236.40", "万元", "年初结转和结余", "年初结转和结余236.40万元"),
    L("total_expense", "4958.31", "万元", None, "本年支出合计4,958.31万元"),
    L("expense_basic", "1426.87", "万元", None, "基本支出1,426.87万元"),
    L("expense_project", "3531.44", "万元", None, "项目支出3,531.44万元"),
    L("carryover_end", "140.84", "万元", "年末结转和结余", "年末结转和结余140.84万元"),
    L("gpb_expense_total", "3258.36", "万元", None, "2022年度一般公共预算财政拨款支出3,258.36万元"),
    dec("prior_year_change_abs", "186.72", "万元", "一般公共预算财政拨款支出", "较上年减少186.72万元"),
    dec("prior_year_change_pct", "5.42", "%", "一般公共预算财政拨款支出", "较上年减少186.72万元，下降5.42%"),
]
for name, amt, pct in [("一般公共服务支出", "1,046.28", "32.11"), ("社会保障和就业支出", "482.15", "14.80"),
                       ("卫生健康支出", "136.90", "4.20"), ("农林水支出", "1,423.51", "43.69"),
                       ("住房保障支出", "169.52", "5.20")]:
    ev = f"{name}（类）{amt}万元，占{pct}%"
    e.append(L("gpb_expense_by_function", amt, "万元", name, ev))
    e.append(L("share_pct", pct, "%", name, ev))
e += [
    L("gpb_carryover_begin", "96.40", "万元", None, "一般公共预算财政拨款年初结转和结余96.40万元"),
    L("gpb_carryover_end", "52.64", "万元", None, "年末结转和结余52.64万元"),
    L("gfb_carryover_begin", "140.00", "万元", None, "政府性基金预算财政拨款年初结转和结余140.00万元"),
    L("gfb_income_total", "1580.00", "万元", None, "本年收入1,580.00万元"),
    L("gfb_expense_total", "1631.80", "万元", None, "本年支出1,631.80万元"),
    L("gfb_carryover_end", "88.20", "万元", None, "年末结转和结余88.20万元"),
    inc("prior_year_change_abs", "512.40", "万元", "政府性基金预算财政拨款支出", "政府性基金预算财政拨款支出较上年增加512.40万元"),
    inc("prior_year_change_pct", "45.77", "%", "政府性基金预算财政拨款支出", "较上年增加512.40万元，增长45.77%"),
    L("gfb_expense_item", "1251.80", "万元", G1, G1 + "1,251.80万元"),
    L("gfb_expense_item", "380.00", "万元", G2, G2 + "380.00万元"),
    L("headcount", "62", "人", "在职人员", "2022年末在职人员62人"),
]
write("d606", "宁城县天义镇人民政府", 2022, t,
      "内蒙古 赤峰 宁城县 (乡镇). A township 决算 with both 一般公共预算 and 政府性基金 funds in prose. The gpb section gives "
      "total, change, 类 with shares and the fund's own carry-overs (gpb_carryover_begin/_end); the gfb section gives the "
      "fund's 年初结转和结余 / 本年收入 / 本年支出 / 年末结转和结余 in one sentence (gfb_carryover_begin, gfb_income_total, "
      "gfb_expense_total, gfb_carryover_end — metrics of docs/FACTS.md), its change, and two 项 with full "
      "（类）（款）（项） paths (gfb_expense_item). The same words '年末结转和结余' follow the unit total (140.84), the gpb "
      "fund (52.64) and the gfb fund (88.20): the section decides. Fund checks: 96.40+3,214.60−3,258.36=52.64; "
      "140.00+1,580.00−1,631.80=88.20; 52.64+88.20=140.84. '支出全部为项目支出' is not printed with the amount, so no "
      "gfb_expense_project label. Traps (not labelled): 18个行政村, '约4.6万人' (approximate, population), the year in "
      "'2022年末', '无国有资本经营预算财政拨款收支' (no number).",
      e)

# ---------------------------------------------------------------- d607  学校 部门预算 2025, CSV table with 上年预算数
rows = [
    ("合计", "", "3986.20", "3810.46"),
    ("205", "教育支出", "3468.92", "3301.50"),
    ("20502", "普通教育", "3468.92", "3301.50"),
    ("2050203", "初中教育", "3468.92", "3301.50"),
    ("208", "社会保障和就业支出", "246.30", "238.16"),
    ("2080505", "机关事业单位基本养老保险缴费支出", "164.20", "158.77"),
    ("2080506", "机关事业单位职业年金缴费支出", "82.10", "79.39"),
    ("210", "卫生健康支出", "98.64", "95.20"),
    ("2101102", "事业单位医疗", "98.64", "95.20"),
    ("221", "住房保障支出", "172.34", "175.60"),
    ("2210201", "住房公积金", "172.34", "175.60"),
]
lines, te = [], []
for code, name, cur, prev in rows:
    line = f"合计,,{cur},{prev}" if code == "合计" else f"{code},{name},{cur},{prev}"
    lines.append(line)
    if code == "合计":
        te.append(L("gpb_expense_total", cur, "万元", None, line))
    elif len(code) == 3:
        te.append(L("gpb_expense_by_function", cur, "万元", name, line, code=code))
    else:
        te.append(L("gpb_expense_item", cur, "万元", name, line, code=code))
t = ("盐城市大丰区实验初级中学2025年度部门预算公开\n"
     "一、收支预算总体情况说明\n"
     "2025年度收入预算总计4,368.20万元，支出预算总计4,368.20万元，比上年预算增加215.64万元，增长5.19%。"
     "收入预算中：一般公共预算拨款收入3,986.20万元，占91.25%；事业收入312.00万元，占7.14%；其他收入70.00万元，占1.60%。"
     "支出预算中：基本支出3,702.45万元，其中人员经费3,216.15万元、公用经费486.30万元；项目支出665.75万元。\n"
     "二、一般公共预算拨款支出预算表（导出文件，单位：万元）\n"
     "科目编码,科目名称,2025年预算数,2024年预算数\n" + "\n".join(lines) + "\n"
     "一般公共预算拨款支出预算3,986.20万元，比上年预算增加175.74万元，增长4.61%，主要是教师绩效工资标准调整。\n"
     "三、“三公”经费预算情况说明\n"
     "2025年“三公”经费预算6.80万元，其中：因公出国（境）费0万元；公务用车购置及运行维护费3.00万元（均为公务用车运行维护费）；"
     "公务接待费3.80万元。与上年预算持平。\n"
     "四、政府采购预算情况\n"
     "2025年度政府采购预算总额238.50万元，其中：货物类186.00万元，服务类52.50万元，主要为智慧教室设备和食堂食材配送服务。\n"
     "五、其他\n"
     "学校现有在编教职工268人，教学班66个，在校学生3,150人。实行绩效目标管理的项目3个，涉及预算资金665.75万元。")
e = [
    L("total_income_expense", "4368.20", "万元", "收入总计", "2025年度收入预算总计4,368.20万元"),
    L("total_income_expense", "4368.20", "万元", "支出总计", "支出预算总计4,368.20万元"),
    L("income_by_source", "3986.20", "万元", "一般公共预算拨款收入", "一般公共预算拨款收入3,986.20万元，占91.25%"),
    L("share_pct", "91.25", "%", "一般公共预算拨款收入", "一般公共预算拨款收入3,986.20万元，占91.25%"),
    L("income_by_source", "312.00", "万元", "事业收入", "事业收入312.00万元，占7.14%"),
    L("share_pct", "7.14", "%", "事业收入", "事业收入312.00万元，占7.14%"),
    L("income_by_source", "70.00", "万元", "其他收入", "其他收入70.00万元，占1.60%"),
    L("share_pct", "1.60", "%", "其他收入", "其他收入70.00万元，占1.60%"),
    L("expense_basic", "3702.45", "万元", None, "基本支出3,702.45万元"),
    L("basic_personnel", "3216.15", "万元", None, "其中人员经费3,216.15万元"),
    L("basic_public", "486.30", "万元", None, "公用经费486.30万元"),
    L("expense_project", "665.75", "万元", None, "项目支出665.75万元。"),
] + te + [
    L("gpb_expense_total", "3986.20", "万元", None, "一般公共预算拨款支出预算3,986.20万元"),
    L("three_public_total", "6.80", "万元", None, "2025年“三公”经费预算6.80万元"),
    L("three_public_item", "0", "万元", "因公出国（境）费", "因公出国（境）费0万元"),
    L("three_public_item", "3.00", "万元", "公务用车购置及运行维护费", "公务用车购置及运行维护费3.00万元"),
    L("three_public_item", "3.00", "万元", "公务用车运行维护费", "公务用车购置及运行维护费3.00万元（均为公务用车运行维护费）"),
    L("three_public_item", "3.80", "万元", "公务接待费", "公务接待费3.80万元"),
    L("procurement_total", "238.50", "万元", None, "2025年度政府采购预算总额238.50万元"),
    L("procurement_goods", "186.00", "万元", None, "货物类186.00万元"),
    L("procurement_services", "52.50", "万元", None, "服务类52.50万元"),
    L("headcount", "268", "人", "在编教职工", "学校现有在编教职工268人"),
]
write("d607", "盐城市大丰区实验初级中学", 2025, t,
      "江苏 盐城 大丰区 (初级中学, 部门预算公开 2025). The 一般公共预算拨款支出预算表 is a CSV export: comma-separated "
      "fields, amounts WITHOUT thousands separators, a 合计 row with an empty code field, and a column of LAST year's "
      "budget ('2024年预算数') beside this year's. Following the project's convention for 预算 documents (a budget keeps the "
      "决算 metric names; the document kind says what is measured), the 2025 预算数 carry gpb_expense_total / "
      "gpb_expense_by_function / gpb_expense_item (with subject_code), income_by_source, expense_basic, three_public_* "
      "and procurement_*. 'X（均为公务用车运行维护费）' makes the 运行维护费 amount certain (labelled on the same "
      "evidence). Income shares are rounded and sum to 99.99% as printed. Traps (not labelled): every 2024年预算数 cell "
      "(previous budget), '比上年预算增加215.64万元，增长5.19%' and '比上年预算增加175.74万元，增长4.61%' (changes against "
      "last year's BUDGET, not a final account), '与上年预算持平', 教学班66个, 在校学生3,150人, 项目3个 and the 绩效 amount "
      "665.75 (a repeat, not a new fact), column header years 2025/2024.",
      e)

# ---------------------------------------------------------------- d608  收入支出决算总表 as markdown, two-row header
R = [
    ("一、一般公共预算财政拨款收入", "1", "1,236.48", "一、一般公共服务支出", "32", "12.50"),
    ("二、政府性基金预算财政拨款收入", "2", "85.00", "二、外交支出", "33", ""),
    ("三、国有资本经营预算财政拨款收入", "3", "", "三、国防支出", "34", ""),
    ("四、上级补助收入", "4", "", "四、公共安全支出", "35", ""),
    ("五、事业收入", "5", "42.60", "五、教育支出", "36", ""),
    ("六、经营收入", "6", "", "六、科学技术支出", "37", ""),
    ("七、附属单位上缴收入", "7", "", "七、文化旅游体育与传媒支出", "38", "1,048.76"),
    ("八、其他收入", "8", "7.35", "八、社会保障和就业支出", "39", "118.34"),
    ("", "9", "", "九、卫生健康支出", "40", "40.21"),
    ("", "10", "", "十一、城乡社区支出", "42", "55.30"),
    ("", "11", "", "十九、住房保障支出", "50", "55.18"),
    ("本年收入合计", "12", "1,371.43", "本年支出合计", "59", "1,330.29"),
    ("使用非财政拨款结余", "13", "0.00", "结余分配", "60", ""),
    ("年初结转和结余", "14", "64.22", "年末结转和结余", "61", "105.36"),
    ("总计", "15", "1,435.65", "总计", "62", "1,435.65"),
]
INC = {"一、一般公共预算财政拨款收入": "一般公共预算财政拨款收入", "二、政府性基金预算财政拨款收入": "政府性基金预算财政拨款收入",
       "五、事业收入": "事业收入", "八、其他收入": "其他收入"}
lines, e = [], []
for a, ra, va, b, rb, vb in R:
    line = f"| {a} | {ra} | {va} | {b} | {rb} | {vb} |".replace("|  |", "| |")
    lines.append(line)
    if va:
        if a in INC:
            e.append(L("income_by_source", va, "万元", INC[a], line))
        elif a == "本年收入合计":
            e.append(L("total_income", va, "万元", None, line))
        elif a == "使用非财政拨款结余":
            e.append(L("nonfiscal_balance_used", va, "万元", None, line))
        elif a == "年初结转和结余":
            e.append(L("carryover_begin", va, "万元", "年初结转和结余", line))
        elif a == "总计":
            e.append(L("total_income_expense", va, "万元", "收入总计", line))
    if vb:
        if b == "本年支出合计":
            e.append(L("total_expense", vb, "万元", None, line))
        elif b == "年末结转和结余":
            e.append(L("carryover_end", vb, "万元", "年末结转和结余", line))
        elif b == "总计":
            e.append(L("total_income_expense", vb, "万元", "支出总计", line))
        else:
            e.append(L("expense_by_function", vb, "万元", b.split("、", 1)[1], line))
t = ("九江市濂溪区文化广电新闻出版旅游局2021年度部门决算\n"
     "收入支出决算总表\n公开01表\n"
     "编制单位：九江市濂溪区文化广电新闻出版旅游局　　　　单位：万元\n"
     "| 收入 | | | 支出 | | |\n"
     "| --- | --- | --- | --- | --- | --- |\n"
     "| 项目 | 行次 | 金额 | 项目 | 行次 | 金额 |\n"
     "| 栏次 | | 1 | 栏次 | | 2 |\n" + "\n".join(lines) + "\n"
     "注：本表反映部门本年度的总收支和年末结转结余情况，部分无数据的行已省略。\n"
     "2021年度收、支总计1,435.65万元，较上年减少96.84万元，下降6.32%，主要是“濂溪文化节”活动经费减少。")
e += [
    L("total_income_expense", "1435.65", "万元", "收、支总计", "2021年度收、支总计1,435.65万元"),
    dec("prior_year_change_abs", "96.84", "万元", "收、支总计", "较上年减少96.84万元"),
    dec("prior_year_change_pct", "6.32", "%", "收、支总计", "较上年减少96.84万元，下降6.32%"),
]
write("d608", "九江市濂溪区文化广电新闻出版旅游局", 2021, t,
      "江西 九江 濂溪区 (区级局). 收入支出决算总表 as a markdown '|' table whose header spans two rows: the markdown "
      "header row holds only '收入' and '支出' (each spanning three columns, the other cells empty) and the real column "
      "heads '项目 | 行次 | 金额' come AFTER the '| --- |' separator as if they were data, followed by a 栏次 row. Income "
      "and expense sides on one row, so one row carries two facts (both labelled on the whole row). Blank cells are "
      "written '| |'. The income-side rows 9–11 have no item. Labels: income lines (income_by_source), 本年收入合计, "
      "使用非财政拨款结余 0.00 (a printed zero: nonfiscal_balance_used 0), 年初/年末结转和结余, 总计 on both sides "
      "(total_income_expense 收入总计 / 支出总计), 类 lines with amounts (expense_by_function; the enumerator '七、' is not "
      "part of the name). Traps (not labelled): 行次 (1–15, 32–62), 栏次 1/2, blank cells of 国有资本经营 / 上级补助 / "
      "经营 / 附属单位 / 外交 … / 结余分配 (missing, not 0); the omitted rows (节能环保 …) leave gaps in the 行次 and enumerators (十、 is skipped), 公开01表. "
      "The closing sentence repeats the total with '收、支总计' (one label, qualifier 收、支总计) and a change.",
      e)
