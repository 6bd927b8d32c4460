"""Prose readings of 绩效自评 paragraphs and of paired shares: an indicator printed target first
("X指标值≥A单位，实际完成值B单位"), a project named where its paragraph opens ("X项目年初预算…，项目
自评得分…分", also after an enumerator), a short numbered heading that ends its line, shares listed
after the amounts they are of ("A、B分别为a、b，分别占本年收入合计的x%、y%" / "，占x%、y%"), and a
headline total that ends a 经济分类 list."""

from prosekit import facts, find, find_exact


def test_an_indicator_printed_target_first_gives_its_target_and_actual_value():
    fs = facts("全年维修养护农村供水工程指标值≥36处，实际完成值38处；农村自来水普及率年度指标值≥98%，全年实际值98.7%；"
               "(1)天然林管护面积：指标值≥12.5万亩，实际完成值12.86万亩；新增恢复灌溉面积指标值≥1200亩，实际完成值1,180亩，"
               "主要是水库蓄水推迟。")
    assert find_exact(fs, "perf_indicator_target", 36, "维修养护农村供水工程", unit="处")
    assert find_exact(fs, "perf_indicator_actual", 38, "维修养护农村供水工程", unit="处")
    assert find_exact(fs, "perf_indicator_target", 98, "农村自来水普及率", unit="%")
    assert find_exact(fs, "perf_indicator_actual", 98.7, "农村自来水普及率", unit="%")
    assert find_exact(fs, "perf_indicator_target", 12.5, "天然林管护面积", unit="万亩")
    assert find_exact(fs, "perf_indicator_actual", 1180, "新增恢复灌溉面积", unit="亩")
    # the percentages are the indicator's, no share or rate
    assert not [f for f in fs if f.metric not in ("perf_indicator_target", "perf_indicator_actual")]


def test_target_and_actual_in_different_units_are_not_one_indicator():
    fs = facts("培训人员指标值≥100人，实际完成值95%。")
    assert not find(fs, "perf_indicator_target") and not find(fs, "perf_indicator_actual")


def test_the_project_a_paragraph_opens_with_names_its_figures_and_score():
    fs = facts("（二）项目绩效自评结果\n农村饮水安全工程维修养护项目年初预算420.00万元，全年预算数458.00万元，"
               "全年执行数441.26万元，预算执行率96.34%，项目自评得分95.2分。\n"
               "1.小型水库除险加固项目年初预算610.00万元，执行率100%，自评得分91分。")
    p1, p2 = "农村饮水安全工程维修养护", "小型水库除险加固"
    assert find(fs, "project_budget", 420, q=p1) and find(fs, "project_executed", 441.26, q=p1)
    assert find(fs, "self_eval_score", 95.2, q=p1)
    assert find(fs, "project_budget", 610, q=p2) and find(fs, "self_eval_score", 91, q=p2)
    # the heading is its own line, not the first words of the project's name
    assert all("结果" not in (f.qualifier or "") for f in fs)


def test_shares_listed_after_their_amounts_pair_with_the_names():
    fs = facts("一般公共预算财政拨款收入、其他收入分别为6,710.25万元、132.12万元，分别占本年收入合计的98.07%、1.93%。"
               "基本支出和项目支出分别为1,286.40万元、5,619.21万元，占18.63%、81.37%。")
    assert find_exact(fs, "share_pct", 98.07, "一般公共预算财政拨款收入")
    assert find_exact(fs, "share_pct", 1.93, "其他收入")
    assert find(fs, "expense_basic", 1286.40) and find(fs, "expense_project", 5619.21)
    assert not find(fs, "expense_project", 1286.40)
    assert find_exact(fs, "share_pct", 18.63, "基本支出") and find_exact(fs, "share_pct", 81.37, "项目支出")


def test_one_share_after_one_amount_is_not_a_list():
    fs = facts("社会保障和就业支出（类）6,045.82万元，占89.26%；其他支出（类）329.00万元，占4.86%。")
    assert find_exact(fs, "share_pct", 89.26, "社会保障和就业支出")
    assert find_exact(fs, "share_pct", 4.86, "其他支出")


def test_a_headline_total_ends_the_economic_list():
    fs = facts("支出预算中：基本支出3,702.45万元，其中人员经费3,216.15万元、公用经费486.30万元；项目支出665.75万元。")
    assert find(fs, "expense_project", 665.75)
    assert not find(fs, "econ_item")


def test_a_project_name_line_opens_the_projects_figures():
    fs = facts("（一）项目名称：洱海流域天然林保护修复项目\n（二）资金投入及使用情况\n"
               "1.预算安排：项目年初预算486.00万元，全年预算数522.40万元。\n"
               "三、自评结论\n经自评，该项目综合得分94.5分，等级为“优”。\n")
    name = "洱海流域天然林保护修复项目"
    assert find_exact(fs, "project_budget", 486, name) and find_exact(fs, "project_adjusted_budget", 522.4, name)
    assert find_exact(fs, "self_eval_score", 94.5, name)


def test_an_indicator_of_a_form_printed_one_field_per_line():
    text = ("绩效指标\n一级指标：产出指标\n三级指标：新建改造供水管网长度\n年度指标值：≥185公里\n实际完成值：192.6公里\n"
            "分值：15\n得分：15\n三级指标：项目完工及时率\n年度指标值：≥95%\n实际完成值：91%\n分值：10\n")
    fs = facts(text)
    assert find_exact(fs, "perf_indicator_target", 185, "新建改造供水管网长度", unit="公里")
    assert find_exact(fs, "perf_indicator_actual", 192.6, "新建改造供水管网长度", unit="公里")
    assert find_exact(fs, "perf_indicator_target", 95, "项目完工及时率", unit="%")
    assert find_exact(fs, "perf_indicator_actual", 91, "项目完工及时率", unit="%")
    assert len(fs) == 4  # 分值 / 得分 are no indicator values


def test_a_share_after_a_bracketed_breakdown_is_the_amounts_before_it():
    fs = facts("事业收入17,108.42万元中：医疗收入16,874.15万元（其中门诊收入6,213.40万元、住院收入10,660.75万元），"
               "占事业收入的98.63%；科教收入234.27万元。")
    [s] = find(fs, "share_pct", 98.63)
    assert s.qualifier == "医疗收入"


def test_a_unit_printed_once_after_a_list_holds_for_each_number():
    fs = facts("其中：一般公共预算财政拨款收入、政府性基金预算财政拨款收入和其他收入分别为2,356.18、312.00和44.12万元，"
               "分别占86.87%、11.50%和1.63%。第1、2和3项共计50.00万元。")
    got = {(f.qualifier, str(f.value)) for f in find(fs, "income_by_source")}
    assert got == {("一般公共预算财政拨款收入", "2356.18"), ("政府性基金预算财政拨款收入", "312.00"), ("其他收入", "44.12")}
    assert [f.unit for f in find(fs, "income_by_source")] == ["万元"] * 3
    assert {f.qualifier for f in find(fs, "share_pct")} == {"一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "其他收入"}
    assert not any(f.value in (1, 2, 3) for f in fs)  # list enumerators before a count word are no amounts


def test_an_indicator_target_then_its_actual_worded_shi_ji_wan_cheng():
    fs = facts("（1）高标准农田建设项目：年初预算1,200.00万元，自评得分92.40分。绩效指标完成情况：新建高标准农田面积"
               "指标值≥2.5万亩，实际完成2.62万亩；新建田间道路指标值≥18公里，实际完成16.8公里。")
    assert find(fs, "perf_indicator_target", 2.5) and find(fs, "perf_indicator_actual", 2.62)
    [t] = find(fs, "perf_indicator_target", 18)
    [a] = find(fs, "perf_indicator_actual", 16.8)
    assert t.unit == a.unit == "公里" and "新建田间道路" in t.qualifier and "新建田间道路" in a.qualifier


def test_a_share_in_brackets_after_its_amount():
    fs = facts("其中：文化旅游体育与传媒支出1,486.52万元（占79.65%），社会保障和就业支出186.24万元（占9.98%）。")
    assert find(fs, "share_pct", 79.65, "文化旅游体育与传媒支出") and find(fs, "share_pct", 9.98, "社会保障和就业支出")


def test_listed_names_whose_own_words_hold_he():
    # "社会保障和就业支出" holds 和: the list is split at "、", and only its last piece at 和
    fs = facts("按功能分类，一般公共服务支出、社会保障和就业支出、城乡社区支出和农林水支出分别为812.46万元、236.18万元、"
               "384.52万元和79.20万元。")
    got = {(f.qualifier, str(f.value)) for f in find(fs, "expense_by_function")}
    assert got == {("一般公共服务支出", "812.46"), ("社会保障和就业支出", "236.18"), ("城乡社区支出", "384.52"),
                   ("农林水支出", "79.20")}
