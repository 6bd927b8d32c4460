from common import L, line_with, pad, write

# ---------------- c404: 西藏 县级局, 三公 split 购置/运行 with budget vs final and reasons, 2016
t404 = """林芝市巴宜区交通运输局2016年度部门决算
七、“三公”经费财政拨款支出情况说明
2016年度“三公”经费财政拨款预算为48.60万元，支出决算为41.27万元，完成预算的84.92%。其中：
（一）因公出国（境）费预算0万元，决算0万元，本年度未安排出国（境）团组。
（二）公务接待费预算9.60万元，决算7.85万元，完成预算的81.77%，决算数小于预算数的主要原因是严格执行接待标准，压减陪餐人数。全年国内公务接待52批次，486人次。
（三）公务用车购置及运行维护费预算39.00万元，决算33.42万元，完成预算的85.69%。其中：公务用车购置费预算22.00万元，决算21.36万元，完成预算的97.09%，决算数小于预算数的主要原因是通过政府采购节约资金，按照单车价格不超过18万元的标准购置执法执勤用车1辆；公务用车运行维护费预算17.00万元，决算12.06万元，完成预算的70.94%，决算数小于预算数的主要原因是严格执行派车制度，燃油费、维修费下降。截至2016年12月31日，公务用车保有量6辆。
与上年相比，“三公”经费支出增加6.15万元，增长17.51%，主要原因是更新购置1辆执法执勤用车（原车辆已使用近15年）。其中：公务接待费比上年减少1.23万元，下降13.55%；公务用车购置费比上年增加8.36万元，增长64.31%；公务用车运行维护费比上年减少0.98万元，下降7.52%。
八、机关运行经费支出情况说明
2016年度机关运行经费支出86.45万元，比上年增加4.20万元，增长5.11%，主要是新增农村公路养护站点办公费用。
九、其他说明
2017年“三公”经费预算安排45.00万元，其中公务接待费8.00万元。（依据藏财预〔2016〕82号）"""
ex = [
    L("three_public_budget", "48.60", "万元", "合计", "“三公”经费财政拨款预算为48.60万元"),
    L("three_public_total", "41.27", "万元", None, "支出决算为41.27万元"),
    L("three_public_completion_pct", "84.92", "%", "合计", "支出决算为41.27万元，完成预算的84.92%"),
    L("three_public_budget", "0", "万元", "因公出国（境）费", "因公出国（境）费预算0万元"),
    L("three_public_item", "0", "万元", "因公出国（境）费", "决算0万元，本年度未安排"),
    L("three_public_budget", "9.60", "万元", "公务接待费", "公务接待费预算9.60万元"),
    L("three_public_item", "7.85", "万元", "公务接待费", "决算7.85万元"),
    L("three_public_completion_pct", "81.77", "%", "公务接待费", "决算7.85万元，完成预算的81.77%"),
    L("reception_batches", "52", "批次", "国内", "国内公务接待52批次"),
    L("reception_persons", "486", "人次", "国内", "国内公务接待52批次，486人次"),
    L("three_public_budget", "39.00", "万元", "公务用车购置及运行维护费", "公务用车购置及运行维护费预算39.00万元"),
    L("three_public_item", "33.42", "万元", "公务用车购置及运行维护费", "决算33.42万元"),
    L("three_public_completion_pct", "85.69", "%", "公务用车购置及运行维护费", "决算33.42万元，完成预算的85.69%"),
    L("three_public_budget", "22.00", "万元", "公务用车购置费", "公务用车购置费预算22.00万元"),
    L("three_public_item", "21.36", "万元", "公务用车购置费", "决算21.36万元"),
    L("three_public_completion_pct", "97.09", "%", "公务用车购置费", "决算21.36万元，完成预算的97.09%"),
    L("vehicle_purchase_count", "1", "辆", "执法执勤用车", "购置执法执勤用车1辆"),
    L("three_public_budget", "17.00", "万元", "公务用车运行维护费", "公务用车运行维护费预算17.00万元"),
    L("three_public_item", "12.06", "万元", "公务用车运行维护费", "决算12.06万元"),
    L("three_public_completion_pct", "70.94", "%", "公务用车运行维护费", "决算12.06万元，完成预算的70.94%"),
    L("vehicle_count", "6", "辆", None, "公务用车保有量6辆"),
    L("prior_year_change_abs", "6.15", "万元", "三公经费", "“三公”经费支出增加6.15万元", "increase"),
    L("prior_year_change_pct", "17.51", "%", "三公经费", "“三公”经费支出增加6.15万元，增长17.51%", "increase"),
    L("prior_year_change_abs", "1.23", "万元", "公务接待费", "公务接待费比上年减少1.23万元", "decrease"),
    L("prior_year_change_pct", "13.55", "%", "公务接待费", "公务接待费比上年减少1.23万元，下降13.55%", "decrease"),
    L("prior_year_change_abs", "8.36", "万元", "公务用车购置费", "公务用车购置费比上年增加8.36万元", "increase"),
    L("prior_year_change_pct", "64.31", "%", "公务用车购置费", "公务用车购置费比上年增加8.36万元，增长64.31%", "increase"),
    L("prior_year_change_abs", "0.98", "万元", "公务用车运行维护费", "公务用车运行维护费比上年减少0.98万元", "decrease"),
    L("prior_year_change_pct", "7.52", "%", "公务用车运行维护费", "公务用车运行维护费比上年减少0.98万元，下降7.52%", "decrease"),
    L("office_running_cost", "86.45", "万元", None, "机关运行经费支出86.45万元"),
    L("prior_year_change_abs", "4.20", "万元", "机关运行经费", "比上年增加4.20万元", "increase"),
    L("prior_year_change_pct", "5.11", "%", "机关运行经费", "比上年增加4.20万元，增长5.11%", "increase"),
]
n404 = ("Tibet, Nyingchi, Bayi district, a 县级局 (2016). 三公 narrative where each component gives 预算 then 决算 "
        "('预算9.60万元，决算7.85万元，完成预算的81.77%') with a reason sentence after each, and 公务用车购置及运行维护费 "
        "SPLIT into 购置费 and 运行维护费 each with its own budget/final/completion; the bare '决算X万元' must be tied to "
        "the component named before its 预算. Prior-year changes per component with 比上年 in mixed directions. "
        "因公出国（境）费 budget and final printed 0 (labelled). NOT labelled (traps): '单车价格不超过18万元' "
        "(price cap), '近15年' (approximate age), the dates, the 2017 budget (next year), 藏财预〔2016〕82号. "
        "No outbound group count is printed (未安排 = nothing to label). The change explanation '更新购置1辆执法执勤用车' "
        "repeats the purchase (labelled once, at 购置执法执勤用车1辆).")
write("c404", "林芝市巴宜区交通运输局", 2016, t404, n404, ex)

# ---------------- c405: 安徽 市级部门, 一般公共预算财政拨款收入支出决算表, wide two-level header, codes in own column
rows = [  # code, name, begin, income, exp, basic, project, end
    ("", "合计", "35.60", "2,164.82", "2,158.37", "1,126.45", "1,031.92", "42.05"),
    ("211", "节能环保支出", "35.60", "1,918.40", "1,911.95", "880.03", "1,031.92", "42.05"),
    ("21101", "环境保护管理事务", "12.30", "1,208.73", "1,215.08", "880.03", "335.05", "5.95"),
    ("2110101", "行政运行", "", "880.03", "880.03", "880.03", "", ""),
    ("2110104", "生态环境保护宣传", "12.30", "68.40", "76.70", "", "76.70", "4.00"),
    ("2110199", "其他环境保护管理事务支出", "", "260.30", "258.35", "", "258.35", "1.95"),
    ("21103", "污染防治", "23.30", "709.67", "696.87", "", "696.87", "36.10"),
    ("2110302", "水体", "23.30", "709.67", "696.87", "", "696.87", "36.10"),
    ("208", "社会保障和就业支出", "", "146.42", "146.42", "146.42", "", ""),
    ("2080505", "机关事业单位基本养老保险缴费支出", "", "146.42", "146.42", "146.42", "", ""),
    ("210", "医疗卫生与计划生育支出", "", "40.18", "40.18", "40.18", "", ""),
    ("2101101", "行政单位医疗", "", "40.18", "40.18", "40.18", "", ""),
    ("221", "住房保障支出", "", "59.82", "59.82", "59.82", "", ""),
    ("2210201", "住房公积金", "", "59.82", "59.82", "59.82", "", ""),
]
W = (8, 9, 9, 9, 9, 8)
def fmt(r):
    s = pad(r[0], 8) + pad(r[1], 30)
    for c, w in zip(r[2:], W):
        s += pad(c, w, True) if c else " " * w
    return s.rstrip()
hd = ["芜湖市环境保护局2017年度部门决算",
      "一般公共预算财政拨款收入支出决算表",
      pad("", 60) + "公开06表",
      "部门：芜湖市环境保护局" + pad("", 40) + "单位：万元",
      pad("", 38) + pad("年初结转", 8, True) + pad("本年", 9, True) + pad("本年支出", 18, True) + pad("", 9) + pad("年末结转", 8, True),
      pad("科目编码", 8) + pad("科目名称", 30) + pad("和结余", 8, True) + pad("收入", 9, True) + pad("小计", 9, True) + pad("基本支出", 9, True) + pad("项目支出", 9, True) + pad("和结余", 8, True)]
t405 = "\n".join(hd + [fmt(r) for r in rows] + [
    "",
    "2017年度一般公共预算财政拨款支出2,158.37万元，比上年增加186.24万元，增长9.44%，主要是新增水体污染防治专项资金。"])
ex = []
tot = line_with(t405, "合计")
ex += [L("gpb_carryover_begin", "35.60", "万元", None, tot), L("gpb_expense_total", "2,158.37", "万元", None, tot),
       L("gpb_expense_basic", "1,126.45", "万元", None, tot), L("gpb_expense_project", "1,031.92", "万元", None, tot),
       L("gpb_carryover_end", "42.05", "万元", None, tot)]
for code, name, beg, inc, exp, basic, proj, end in rows[1:]:
    ev = line_with(t405, code + " ")
    if len(code) == 3:
        ex.append(L("gpb_expense_by_function", exp, "万元", name, ev, code=code))
        if beg:
            ex.append(L("gpb_carryover_begin", beg, "万元", name, ev, code=code))
        if end:
            ex.append(L("gpb_carryover_end", end, "万元", name, ev, code=code))
        continue
    ex.append(L("gpb_expense_item", exp, "万元", name, ev, code=code))
    if basic:
        ex.append(L("gpb_expense_item_basic", basic, "万元", name, ev, code=code))
    if proj:
        ex.append(L("gpb_expense_item_project", proj, "万元", name, ev, code=code))
ex += [L("gpb_expense_total", "2,158.37", "万元", None, "一般公共预算财政拨款支出2,158.37万元"),
       L("prior_year_change_abs", "186.24", "万元", "一般公共预算财政拨款支出", "比上年增加186.24万元", "increase"),
       L("prior_year_change_pct", "9.44", "%", "一般公共预算财政拨款支出", "比上年增加186.24万元，增长9.44%", "increase")]
n405 = ("Anhui, Wuhu, a 市级部门 (2017, before the 生态环境 reform; 类 210 still 医疗卫生与计划生育支出). "
        "一般公共预算财政拨款收入支出决算表 as space-separated text with a wide TWO-LEVEL header whose words are split over "
        "two lines ('年初结转'/'和结余', '本年'/'收入', '本年支出' over 小计/基本支出/项目支出); columns: 年初结转和结余, "
        "本年收入, 本年支出 小计/基本/项目, 年末结转和结余. Codes in their own column, unspaced (2110101). Labelled: 合计 row "
        "(gpb_carryover_begin, gpb_expense_total = 本年支出小计, gpb_expense_basic, gpb_expense_project, "
        "gpb_carryover_end); 类 rows → gpb_expense_by_function (+ carry-overs where printed); 款/项 rows → "
        "gpb_expense_item (小计) with _basic/_project where printed. Each row satisfies begin + income − expense = end. "
        "NOT labelled: the 本年收入 column of rows (no gpb income-by-subject metric) and 款/项 carry-over cells; blank "
        "cells (missing: 行政运行's carry-overs are blank, not 0); codes; 公开06表.")
write("c405", "芜湖市环境保护局", 2017, t405, n405, ex)

# ---------------- c406: 江苏 医院, 情况说明 in 元 with 同比/较上年/比上年/持平, 三公 table with unit in a cell
t406 = """南通市通州区人民医院2024年度单位决算
一、收入支出决算总体情况说明
2024年度收入总计486,325,418.62元，支出总计486,325,418.62元，同比增加21,647,305.18元，增长4.66%。主要原因是门急诊及住院业务量回升。
二、收入决算情况说明
本年收入合计472,118,906.40元，较上年增加16,915,029.24元，增长3.72%。其中：财政拨款收入38,615,200.00元，占8.18%，比上年减少2,000,000.00元，下降4.92%，主要是公立医院改革补助资金减少；事业收入429,862,514.36元，占91.05%，同比增加18,406,322.19元，增长4.47%；其他收入3,641,192.04元，占0.77%，较上年增加508,707.05元，增长16.24%；经营收入、附属单位上缴收入均为0元，与上年持平。年初结转和结余14,206,512.22元。
三、支出决算情况说明
本年支出合计470,552,037.95元，其中：基本支出451,903,116.27元，占96.04%；项目支出18,648,921.68元，占3.96%。年末结转和结余15,773,380.67元。
四、人员及床位情况
年末在职职工1,386人（其中在编862人），离退休人员412人；编制床位800张，实际开放床位约960张。
五、“三公”经费支出决算表
项目（单位：元）            预算数         决算数
合计                    180,000.00     146,328.50
因公出国（境）费              0.00           0.00
公务接待费               60,000.00      41,208.50
公务用车购置及运行维护费 120,000.00     105,120.00
注：2023年度“三公”经费决算为152,604.30元。"""
def tr(k):
    return line_with(t406, k)
ex = [
    L("total_income_expense", "486,325,418.62", "元", "收入总计", "收入总计486,325,418.62元"),
    L("total_income_expense", "486,325,418.62", "元", "支出总计", "支出总计486,325,418.62元"),
    L("prior_year_change_abs", "21,647,305.18", "元", "收支总计", "同比增加21,647,305.18元", "increase"),
    L("prior_year_change_pct", "4.66", "%", "收支总计", "同比增加21,647,305.18元，增长4.66%", "increase"),
    L("total_income", "472,118,906.40", "元", None, "本年收入合计472,118,906.40元"),
    L("prior_year_change_abs", "16,915,029.24", "元", "本年收入合计", "较上年增加16,915,029.24元", "increase"),
    L("prior_year_change_pct", "3.72", "%", "本年收入合计", "较上年增加16,915,029.24元，增长3.72%", "increase"),
    L("income_by_source", "38,615,200.00", "元", "财政拨款收入", "财政拨款收入38,615,200.00元"),
    L("share_pct", "8.18", "%", "财政拨款收入", "财政拨款收入38,615,200.00元，占8.18%"),
    L("prior_year_change_abs", "2,000,000.00", "元", "财政拨款收入", "比上年减少2,000,000.00元", "decrease"),
    L("prior_year_change_pct", "4.92", "%", "财政拨款收入", "比上年减少2,000,000.00元，下降4.92%", "decrease"),
    L("income_by_source", "429,862,514.36", "元", "事业收入", "事业收入429,862,514.36元"),
    L("share_pct", "91.05", "%", "事业收入", "事业收入429,862,514.36元，占91.05%"),
    L("prior_year_change_abs", "18,406,322.19", "元", "事业收入", "同比增加18,406,322.19元", "increase"),
    L("prior_year_change_pct", "4.47", "%", "事业收入", "同比增加18,406,322.19元，增长4.47%", "increase"),
    L("income_by_source", "3,641,192.04", "元", "其他收入", "其他收入3,641,192.04元"),
    L("share_pct", "0.77", "%", "其他收入", "其他收入3,641,192.04元，占0.77%"),
    L("prior_year_change_abs", "508,707.05", "元", "其他收入", "较上年增加508,707.05元", "increase"),
    L("prior_year_change_pct", "16.24", "%", "其他收入", "较上年增加508,707.05元，增长16.24%", "increase"),
    L("income_by_source", "0", "元", "经营收入", "经营收入、附属单位上缴收入均为0元"),
    L("income_by_source", "0", "元", "附属单位上缴收入", "经营收入、附属单位上缴收入均为0元"),
    L("carryover_begin", "14,206,512.22", "元", "年初结转和结余", "年初结转和结余14,206,512.22元"),
    L("total_expense", "470,552,037.95", "元", None, "本年支出合计470,552,037.95元"),
    L("expense_basic", "451,903,116.27", "元", None, "基本支出451,903,116.27元"),
    L("share_pct", "96.04", "%", "基本支出", "基本支出451,903,116.27元，占96.04%"),
    L("expense_project", "18,648,921.68", "元", None, "项目支出18,648,921.68元"),
    L("share_pct", "3.96", "%", "项目支出", "项目支出18,648,921.68元，占3.96%"),
    L("carryover_end", "15,773,380.67", "元", "年末结转和结余", "年末结转和结余15,773,380.67元"),
    L("headcount", "1,386", "人", "在职职工", "年末在职职工1,386人"),
    L("headcount", "862", "人", "在编", "其中在编862人"),
    L("headcount", "412", "人", "离退休人员", "离退休人员412人"),
    L("three_public_budget", "180,000.00", "元", "合计", tr("180,000.00")),
    L("three_public_total", "146,328.50", "元", None, tr("180,000.00")),
    L("three_public_budget", "0.00", "元", "因公出国（境）费", tr("因公出国（境）费 ")),
    L("three_public_item", "0.00", "元", "因公出国（境）费", tr("因公出国（境）费 ")),
    L("three_public_budget", "60,000.00", "元", "公务接待费", tr("公务接待费 ")),
    L("three_public_item", "41,208.50", "元", "公务接待费", tr("公务接待费 ")),
    L("three_public_budget", "120,000.00", "元", "公务用车购置及运行维护费", tr("公务用车购置及运行维护费 ")),
    L("three_public_item", "105,120.00", "元", "公务用车购置及运行维护费", tr("公务用车购置及运行维护费 ")),
]
n406 = ("Jiangsu, Nantong, Tongzhou district, a 医院 (差额拨款事业单位), 2024. 情况说明 with every amount in 元 "
        "(nine-digit amounts with separators) and year-on-year changes in four phrasings: 同比增加, 较上年增加, "
        "比上年减少…下降, and '均为0元，与上年持平' (the 0 levels are labelled; 持平 prints no change number, so no "
        "change label). Income = expense side: 472,118,906.40 + 14,206,512.22 = 470,552,037.95 + 15,773,380.67. "
        "三公 table with the unit INSIDE the header cell '项目（单位：元）' (no separate unit line), columns 预算数/决算数, "
        "0.00 cells are printed zeros. NOT labelled (traps): beds 800张 / 约960张 (not staff, approximate), the "
        "2023 三公 total in the 注 (prior-year level, not this year's fact and no change stated), 2024年度 as a number.")
write("c406", "南通市通州区人民医院", 2024, t406, n406, ex)
