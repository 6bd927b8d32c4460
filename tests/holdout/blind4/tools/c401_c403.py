from common import L, line_with, pad, write

# ---------------- c401: 湖北 街道 支出决算表, space-separated, two-level header, no codes
rows = [  # name, indent, total, basic, personnel, public, project
    ("合计", 0, "2,817.92", "1,371.21", "1,190.09", "181.12", "1,446.71"),
    ("一般公共服务支出", 0, "1,402.18", "1,102.45", "921.33", "181.12", "299.73"),
    ("政府办公厅（室）及相关机构事务", 1, "1,402.18", "1,102.45", "921.33", "181.12", "299.73"),
    ("行政运行", 2, "1,102.45", "1,102.45", "921.33", "181.12", ""),
    ("一般行政管理事务", 2, "299.73", "", "", "", "299.73"),
    ("社会保障和就业支出", 0, "160.84", "160.84", "160.84", "", ""),
    ("行政事业单位养老支出", 1, "160.84", "160.84", "160.84", "", ""),
    ("行政单位离退休", 2, "48.20", "48.20", "48.20", "", ""),
    ("机关事业单位基本养老保险缴费支出", 2, "112.64", "112.64", "112.64", "", ""),
    ("卫生健康支出", 0, "38.05", "38.05", "38.05", "", ""),
    ("行政单位医疗", 2, "38.05", "38.05", "38.05", "", ""),
    ("城乡社区支出", 0, "836.58", "", "", "", "836.58"),
    ("其他城乡社区管理事务支出", 2, "836.58", "", "", "", "836.58"),
    ("农林水支出", 0, "310.40", "", "", "", "310.40"),
    ("对村民委员会和村党支部的补助", 2, "310.40", "", "", "", "310.40"),
    ("住房保障支出", 0, "69.87", "69.87", "69.87", "", ""),
    ("住房公积金", 2, "69.87", "69.87", "69.87", "", ""),
]
def fmt(r):
    name, ind, *cells = r
    s = pad("  " * ind + name, 34)
    for c, w in zip(cells, (9, 10, 10, 9, 10)):
        s += pad(c, w, right=True) if c else " " * w
    return s.rstrip()
head = [
    "宜昌市夷陵区小溪塔街道办事处2021年度部门决算",
    "支出决算表",
    pad("", 58) + "公开03表",
    "编制单位：宜昌市夷陵区小溪塔街道办事处" + pad("", 8) + "单位：万元",
    pad("项目", 34) + pad("本年支出", 9, True) + pad("基本支出", 20, True) + pad("项目支出", 19, True),
    pad("科目名称", 34) + pad("合计", 9, True) + pad("小计", 10, True) + pad("人员经费", 10, True) + pad("公用经费", 9, True),
    pad("栏次", 34) + "".join(pad(str(i), w, True) for i, w in zip(range(1, 6), (9, 10, 10, 9, 10))),
]
foot = ["注：本表反映部门本年度各项支出情况。", "", "— 9 —", "联系电话：0717-7821356"]
t401 = "\n".join(head + [fmt(r) for r in rows] + foot)
ex = []
tot = line_with(t401, "合计    ")  # the 合计 row (header 合计 has no amount)
tot = [ln.strip() for ln in t401.split("\n") if ln.startswith("合计")][0]
ex += [L("total_expense", "2,817.92", "万元", None, tot), L("expense_basic", "1,371.21", "万元", None, tot),
       L("basic_personnel", "1,190.09", "万元", None, tot), L("basic_public", "181.12", "万元", None, tot),
       L("expense_project", "1,446.71", "万元", None, tot)]
for name, ind, total, basic, pers, pub, proj in rows[1:]:
    ev = line_with(t401, name)
    if ind == 0:
        ex.append(L("expense_by_function", total, "万元", name, ev))
        continue
    ex.append(L("expense_item", total, "万元", name, ev))
    if basic:
        ex.append(L("expense_item_basic", basic, "万元", name, ev))
    if proj:
        ex.append(L("expense_item_project", proj, "万元", name, ev))
n401 = ("Hubei, Yichang, Yiling district, a 街道. 支出决算表 as a pdftotext -layout export: space-separated columns "
        "with a TWO-LEVEL header (本年支出合计 | 基本支出 split into 小计/人员经费/公用经费 | 项目支出) and the header words "
        "broken over two lines ('本年支出' / '合计'); subject names WITHOUT codes, hierarchy shown only by indentation "
        "(类 rows flush left → expense_by_function; 款/项 rows indented → expense_item, expense_item_basic = the 小计 "
        "column, expense_item_project); some 款 rows are omitted (项 directly under 类). Blank cells are missing, not 0, "
        "so a row's numbers must be assigned by column position, not by order (行政运行 has 4 numbers, 一般行政管理事务 "
        "has 2, the second being 项目支出). 合计 row: total_expense, expense_basic, basic_personnel (人员经费), "
        "basic_public (公用经费), expense_project. NOT labelled: per-row 人员经费/公用经费 cells (no row-level metric), "
        "栏次 1-5, 公开03表, page footer '— 9 —', phone number 0717-7821356.")
write("c401", "宜昌市夷陵区小溪塔街道办事处", 2021, t401, n401, ex)

# ---------------- c402: 广东 市级部门, amounts in 亿元 + one 项 in 万元, 同比/较上年
t402 = """东莞市教育局2019年度部门决算公开
第二部分 2019年度部门决算情况说明
一、收入支出决算总体情况说明
2019年度收入总计21.36亿元，支出总计21.36亿元。与上年相比，收、支总计各增加2.08亿元，增长10.79%，主要原因是新建公办中小学校陆续投入使用，学位供给增加。
二、收入决算情况说明
本年收入合计20.47亿元，其中：财政拨款收入17.92亿元，占87.54%；事业收入2.31亿元，占11.28%；其他收入0.24亿元，占1.17%。年初结转和结余0.89亿元。
三、支出决算情况说明
本年支出合计20.85亿元，其中：基本支出6.73亿元，占32.28%；项目支出14.12亿元，占67.72%。年末结转和结余0.51亿元。
四、财政拨款收入支出决算总体情况说明
2019年度财政拨款收入总计18.15亿元、支出总计18.15亿元。
五、一般公共预算财政拨款支出决算情况说明
2019年度一般公共预算财政拨款支出17.68亿元，占本年支出合计的84.80%，同比增加1.52亿元，增长9.41%。主要用于：教育支出16.95亿元，占95.87%；社会保障和就业支出0.38亿元，占2.15%；住房保障支出0.35亿元，占1.98%。
其中：教育支出（类）普通教育（款）高中教育（项）支出52,836.47万元，较上年减少1,206.30万元，下降2.23%，主要原因是部分市属高中基建项目完工。
（注：全市在校学生约68万人，市财政教育投入增幅高于经常性收入增幅2.1个百分点；生均公用经费标准为每生每年1,450元，依据东府办〔2019〕36号文件执行。）"""
E = lambda s: s  # evidence helper for readability
ex = [
    L("total_income_expense", "21.36", "亿元", "收入总计", "2019年度收入总计21.36亿元"),
    L("total_income_expense", "21.36", "亿元", "支出总计", "支出总计21.36亿元"),
    L("prior_year_change_abs", "2.08", "亿元", "收入总计", "收、支总计各增加2.08亿元", "increase"),
    L("prior_year_change_abs", "2.08", "亿元", "支出总计", "收、支总计各增加2.08亿元", "increase"),
    L("prior_year_change_pct", "10.79", "%", "收入总计", "收、支总计各增加2.08亿元，增长10.79%", "increase"),
    L("prior_year_change_pct", "10.79", "%", "支出总计", "收、支总计各增加2.08亿元，增长10.79%", "increase"),
    L("total_income", "20.47", "亿元", None, "本年收入合计20.47亿元"),
    L("income_by_source", "17.92", "亿元", "财政拨款收入", "财政拨款收入17.92亿元"),
    L("share_pct", "87.54", "%", "财政拨款收入", "财政拨款收入17.92亿元，占87.54%"),
    L("income_by_source", "2.31", "亿元", "事业收入", "事业收入2.31亿元"),
    L("share_pct", "11.28", "%", "事业收入", "事业收入2.31亿元，占11.28%"),
    L("income_by_source", "0.24", "亿元", "其他收入", "其他收入0.24亿元"),
    L("share_pct", "1.17", "%", "其他收入", "其他收入0.24亿元，占1.17%"),
    L("carryover_begin", "0.89", "亿元", "年初结转和结余", "年初结转和结余0.89亿元"),
    L("total_expense", "20.85", "亿元", None, "本年支出合计20.85亿元"),
    L("expense_basic", "6.73", "亿元", None, "基本支出6.73亿元"),
    L("share_pct", "32.28", "%", "基本支出", "基本支出6.73亿元，占32.28%"),
    L("expense_project", "14.12", "亿元", None, "项目支出14.12亿元"),
    L("share_pct", "67.72", "%", "项目支出", "项目支出14.12亿元，占67.72%"),
    L("carryover_end", "0.51", "亿元", "年末结转和结余", "年末结转和结余0.51亿元"),
    L("fin_approp_total", "18.15", "亿元", "财政拨款收入总计", "财政拨款收入总计18.15亿元"),
    L("fin_approp_total", "18.15", "亿元", "财政拨款支出总计", "、支出总计18.15亿元"),
    L("gpb_expense_total", "17.68", "亿元", None, "一般公共预算财政拨款支出17.68亿元"),
    L("share_pct", "84.80", "%", "一般公共预算财政拨款支出", "一般公共预算财政拨款支出17.68亿元，占本年支出合计的84.80%"),
    L("prior_year_change_abs", "1.52", "亿元", "一般公共预算财政拨款支出", "同比增加1.52亿元", "increase"),
    L("prior_year_change_pct", "9.41", "%", "一般公共预算财政拨款支出", "同比增加1.52亿元，增长9.41%", "increase"),
    L("gpb_expense_by_function", "16.95", "亿元", "教育支出", "教育支出16.95亿元"),
    L("share_pct", "95.87", "%", "教育支出", "教育支出16.95亿元，占95.87%"),
    L("gpb_expense_by_function", "0.38", "亿元", "社会保障和就业支出", "社会保障和就业支出0.38亿元"),
    L("share_pct", "2.15", "%", "社会保障和就业支出", "社会保障和就业支出0.38亿元，占2.15%"),
    L("gpb_expense_by_function", "0.35", "亿元", "住房保障支出", "住房保障支出0.35亿元"),
    L("share_pct", "1.98", "%", "住房保障支出", "住房保障支出0.35亿元，占1.98%"),
    L("gpb_expense_item", "52,836.47", "万元", "教育支出/普通教育/高中教育", "高中教育（项）支出52,836.47万元"),
    L("prior_year_change_abs", "1,206.30", "万元", "高中教育", "较上年减少1,206.30万元", "decrease"),
    L("prior_year_change_pct", "2.23", "%", "高中教育", "较上年减少1,206.30万元，下降2.23%", "decrease"),
]
n402 = ("Guangdong, Dongguan, a 市级部门 (教育局). Narrative 情况说明 with amounts in 亿元 (unit '亿元' as printed) and "
        "one 项 in 万元 in the same section; year-on-year changes phrased 与上年相比…各增加 (shared by both totals), "
        "同比增加…增长, 较上年减少…下降. Income side = expense side (20.47 + 0.89 = 20.85 + 0.51 = 21.36); shares "
        "recompute (income shares sum to 99.99% by rounding). 财政拨款收入总计、支出总计 → fin_approp_total (both). "
        "NOT labelled (traps): 约68万人 (approximate, and students), '2.1个百分点' (a difference of growth rates of "
        "the city budget, not this unit's fact), 生均公用经费标准 1,450元 (a rate/standard, not spending), "
        "东府办〔2019〕36号.")
write("c402", "东莞市教育局", 2019, t402, n402, ex)

# ---------------- c403: 海南 学校, 基本支出决算表 in 元, two sides on one line (人员经费 | 公用经费)
left = [("301", "工资福利支出", "8,717,902.56"), ("30101", "基本工资", "3,215,640.00"), ("30102", "津贴补贴", "1,086,300.00"),
        ("30107", "绩效工资", "2,431,880.00"), ("30108", "机关事业单位基本养老保险缴费", "912,466.56"),
        ("30110", "职工基本医疗保险缴费", "387,204.00"), ("30113", "住房公积金", "684,412.00"),
        ("303", "对个人和家庭的补助", "126,000.00"), ("30302", "退休费", "126,000.00")]
right = [("302", "商品和服务支出", "781,200.00"), ("30201", "办公费", "186,420.50"), ("30205", "水费", "52,318.00"),
         ("30206", "电费", "214,906.30"), ("30211", "差旅费", "38,650.00"), ("30213", "维修（护）费", "96,200.00"),
         ("30216", "培训费", "12,800.00"), ("30228", "工会经费", "108,540.00"), ("30299", "其他商品和服务支出", "71,365.20")]
def side(c):
    return pad(c[0], 7) + pad(c[1], 28) + pad(c[2], 13, True)
tl = ["海口市第十四中学2020年度单位决算", "一般公共预算财政拨款基本支出决算表", "金额单位：元",
      "公开07表  编制单位：海口市第十四中学",
      pad("人员经费", 48) + "   公用经费",
      pad("科目编码", 7) + pad("科目名称", 28) + pad("决算数", 13, True) + "   " + pad("科目编码", 7) + pad("科目名称", 28) + pad("决算数", 13, True)]
for a, b in zip(left, right):
    tl.append(side(a) + "   " + side(b))
tl.append(pad("人员经费合计", 35) + pad("8,843,902.56", 13, True) + "   " + pad("公用经费合计", 35) + pad("781,200.00", 13, True))
tl.append(pad("合计", 83) + pad("9,625,102.56", 13, True))
tl += ["",
       "2020年度一般公共预算财政拨款基本支出9,625,102.56元，其中：人员经费8,843,902.56元，占91.88%，主要包括基本工资、津贴补贴、绩效工资、社会保障缴费、住房公积金、退休费；公用经费781,200.00元，占8.12%，主要包括办公费、水费、电费、差旅费、维修（护）费、培训费、工会经费。",
       "学校在职教职工128人，现有教学班36个、在校学生1,712人。联系电话：0898-65881234。"]
t403 = "\n".join(tl)
ex = []
for c in left + right:
    ev = line_with(t403, c[0] + " ")
    ex.append(L("econ_item", c[2], "元", c[1], ev, code=c[0]))
ev = line_with(t403, "人员经费合计")
ex += [L("basic_personnel", "8,843,902.56", "元", None, ev), L("basic_public", "781,200.00", "元", None, ev),
       L("gpb_expense_basic", "9,625,102.56", "元", None, line_with(t403, "9,625,102.56")),
       L("gpb_expense_basic", "9,625,102.56", "元", None, "基本支出9,625,102.56元"),
       L("basic_personnel", "8,843,902.56", "元", None, "人员经费8,843,902.56元"),
       L("share_pct", "91.88", "%", "人员经费", "人员经费8,843,902.56元，占91.88%"),
       L("basic_public", "781,200.00", "元", None, "公用经费781,200.00元"),
       L("share_pct", "8.12", "%", "公用经费", "公用经费781,200.00元，占8.12%"),
       L("headcount", "128", "人", "在职教职工", "在职教职工128人")]
n403 = ("Hainan, Haikou, a 中学. 一般公共预算财政拨款基本支出决算表 in 元: the unit line '金额单位：元' sits on its own "
        "line right after the title (before 公开07表/编制单位), and the table prints its TWO SIDES on one line "
        "(人员经费: 科目编码 科目名称 决算数 | 公用经费: 科目编码 科目名称 决算数), so every line holds two unrelated "
        "经济分类 items; 类 (301/302/303) and 款 (30101…) rows both labelled econ_item with subject_code. Totals row "
        "'人员经费合计 … 公用经费合计 …' and a final 合计 (gpb_expense_basic: 基本支出 of the 一般公共预算财政拨款 table). "
        "Narrative repeats the totals with shares (labelled again). NOT labelled: codes 301/30101… as amounts, "
        "公开07表, 教学班36个 and 在校学生1,712人 (not staff), phone 0898-65881234.")
write("c403", "海口市第十四中学", 2020, t403, n403, ex)
