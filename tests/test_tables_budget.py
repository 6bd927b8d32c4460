"""预算 tables by behaviour (generated documents): the 三公 table whose first 合计 includes 会议费 and
培训费, the side-by-side 收支预算总表 with collapsed cells, 功能分类 codes split or with dropped
digits, a 合计 row alone after its table, and the unit from a tables-only file's headers."""

from __future__ import annotations

from decimal import Decimal

from loaders.formats.builder import CellSpec, DocBuilder
from loaders.extract import extract_facts
from loaders.extract.metadata import document_metadata
from loaders.extract.tables.budget_codes import CONTEXT, PRINTED, read_code


def _doc(*parts):
    b = DocBuilder(format="pdf")
    for kind, payload in parts:
        if kind == "table":
            b.add_table([[CellSpec(t) for t in row] for row in payload])
        else:
            b.add_text("heading" if kind == "title" else "paragraph", payload)
    return b.build()


BUDGET = ("title", "某单位2024年部门预算")


def _facts(*parts):
    return extract_facts(_doc(BUDGET, *parts))


def _by(facts, metric):
    return {(f.qualifier, f.subject_code): f.value for f in facts if f.metric == metric and f.source == "table"}


def test_three_public_total_is_the_subtotal_never_the_first_total_with_meetings_and_training():
    rows = [
        ["合计", "“三公”经费", "", "", "", "", "会议费", "培训费"],
        ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "公务接待费", "", ""],
        ["", "", "", "小计", "公务用车运行维护费", "", "", ""],
        ["2,599.37", "670.12", "180.00", "304.40", "304.40", "185.72", "228.00", "1,701.25"],
    ]
    facts = _facts(("title", "2024年一般公共预算“三公”经费、会议费、培训费支出预算表"), ("p", "单位：万元"), ("table", rows))
    totals = [f.value for f in facts if f.metric == "three_public_total" and f.source == "table"]
    assert totals == [Decimal("670.12")]
    items = _by(facts, "three_public_item")
    assert items[("因公出国（境）费", None)] == Decimal("180.00")
    assert items[("公务接待费", None)] == Decimal("185.72")
    assert Decimal("228.00") not in items.values() and Decimal("1701.25") not in items.values()


def test_three_public_first_total_without_a_subtotal_is_kept_only_when_it_adds_up():
    header = [["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "机关运行经费"]]
    ok = _facts(("title", "2024年部门“三公”经费和机关运行经费预算表"), ("p", "单位：万元"),
                ("table", header + [["22.91", "0", "1.35", "21.56", "786.09"]]))
    assert [f.value for f in ok if f.metric == "three_public_total"] == [Decimal("22.91")]
    assert [f.value for f in ok if f.metric == "office_running_cost"] == [Decimal("786.09")]
    off = _facts(("title", "2024年部门“三公”经费和机关运行经费预算表"), ("p", "单位：万元"),
                 ("table", header + [["40.00", "0", "1.35", "21.56", "786.09"]]))
    assert [f for f in off if f.metric == "three_public_total"] == []


def test_side_by_side_total_table_pairs_each_label_with_its_own_number():
    rows = [
        ["收入", "", "支出", "", "", ""],
        ["项目名称", "金额", "功能科目名称", "金额", "项目名称", "金额"],
        ["一、财政拨款", "20,702.25", "一、一般公共服务支出", "16,992.37", "一、基本支出", "9,964.07"],
        ["二、财政专户管理资金", "147.20", "四、公共安全支出", "", "", ""],
        ["", "", "八、社会保障和就业支出", "2,000.39", "", ""],
        ["收入合计", "20,849.45", "支出合计", "", "", "20,849.45"],
    ]
    facts = _facts(("title", "2024年收支预算总表"), ("p", "单位：万元"), ("table", rows))
    assert _by(facts, "income_by_source") == {("财政拨款收入", None): Decimal("20702.25"),
                                              ("财政专户管理资金收入", None): Decimal("147.20")}
    functions = {q: v for (q, _), v in _by(facts, "expense_by_function").items()}
    assert functions == {"一般公共服务支出": Decimal("16992.37"), "社会保障和就业支出": Decimal("2000.39")}
    assert _by(facts, "expense_basic") == {("基本支出", None): Decimal("9964.07")}
    assert set(_by(facts, "total_income_expense").values()) == {Decimal("20849.45")}


def test_codes_split_into_columns_and_a_dropped_class_digit_is_rebuilt_from_the_rows_above():
    rows = [
        ["功能分类科目编码", "", "", "功能分类科目名称", "合计", "基本支出", "项目支出"],
        ["类", "款", "项", "", "", "", ""],
        ["210", "", "", "卫生健康支出", "3,095,732", "3,095,732", "0"],
        ["210", "11", "", "行政事业单位医疗", "2,895,732", "2,895,732", "0"],
        ["7", "11", "02", "事业单位医疗", "1,450,237", "1,450,237", "0"],
    ]
    facts = _facts(("title", "2024年部门支出预算总表"), ("p", "编制部门：某单位 单位：元"), ("table", rows))
    items = _by(facts, "expense_item")
    assert items[("行政事业单位医疗", "21011")] == Decimal("2895732")
    assert items[("事业单位医疗", "2101102")] == Decimal("1450237")
    assert all(f.unit == "元" for f in facts if f.source == "table")


def test_code_reading_says_how_the_code_was_obtained():
    state: dict = {}
    assert read_code(["201 06 01"], "行政运行", state).how == PRINTED
    assert read_code(["210"], "卫生健康支出", state).code == "210"
    r = read_code(["7", "11", "02"], "事业单位医疗", state)
    assert (r.code, r.how) == ("2101102", CONTEXT)


def test_total_row_alone_after_its_table_is_read_only_when_it_adds_up():
    rows = [["功能分类科目编码", "功能分类科目名称", "合计", "基本支出", "项目支出"],
            ["201", "一般公共服务支出", "300", "100", "200"]]
    good = _facts(("title", "2024年部门支出预算总表"), ("p", "单位：元"), ("table", rows), ("p", "合计 300 100 200"))
    assert _by(good, "expense_basic") == {("基本支出", None): Decimal("100")}
    bad = _facts(("title", "2024年部门支出预算总表"), ("p", "单位：元"), ("table", rows), ("p", "合计 300 120 200"))
    assert _by(bad, "expense_basic") == {}


def test_tables_only_file_takes_its_unit_from_the_table_header_in_its_canonical_form():
    doc = _doc(("p", "收支预算总表部门：中国共产党江苏省委员会办公厅 单位：万元"),
               ("table", [["项目名称", "金额"], ["一、财政拨款", "20,702.25"], ["二、财政专户管理资金", "147.20"],
                          ["收入合计", "20,849.45"]]),
               ("p", "2017年政府采购预算表部门：中国共产党江苏省委员会办公厅 单位：万元"))
    meta = document_metadata(doc)
    assert (meta.kind, meta.unit_name, meta.fiscal_year, meta.part) == ("预算", "中共江苏省委办公厅", 2017, "tables")


def test_budget_narrative_wordings_without_the_word_expense_after_the_budget():
    """A 预算's own wordings: 一般公共预算拨款支出预算 X 万元, 机关运行经费预算 X 万元 and 政府采购预算
    X 万元 (seeds/lexicon/budget_sentences.csv) give the budget document's figures."""
    from loaders.evaluation import extract_text

    text = ("惠州市惠阳区民政局2024年部门预算公开说明\n三、一般公共预算拨款支出预算情况\n"
            "2024年一般公共预算拨款支出预算6,138.50万元（上年预算数5,671.42万元）。\n五、其他重要事项\n"
            "（一）机关运行经费预算148.30万元，比上年预算减少6.20万元。\n（二）政府采购预算326.00万元。\n")
    _, facts = extract_text(text)
    got = {(f.metric, f.value) for f in facts}
    assert ("gpb_expense_total", Decimal("6138.50")) in got
    assert ("office_running_cost", Decimal("148.30")) in got and ("procurement_total", Decimal("326.00")) in got
    assert not any(f.value == Decimal("5671.42") for f in facts)  # last year's budget
    assert not any(f.metric.startswith("prior_year_change") for f in facts)  # a change of budgets


def test_a_budgets_list_after_its_budget_total_states_the_budgets_items():
    """In a 决算, '基本支出预算X万元，其中：…' frames budget figures to pass over; in a 预算 every figure
    is a budget, so the items of the list are read."""
    from loaders.evaluation import extract_text

    body = "四、基本支出预算情况\n{y}年基本支出预算1,862.48万元，其中：人员经费1,646.28万元，主要包括基本工资等；公用经费216.20万元。\n"
    _, facts = extract_text("遂平县人力资源和社会保障局2025年部门预算公开\n" + body.format(y=2025))
    got = {(f.metric, f.value) for f in facts}
    assert ("basic_personnel", Decimal("1646.28")) in got and ("basic_public", Decimal("216.20")) in got
    _, final = extract_text("遂平县人力资源和社会保障局2024年度部门决算公开\n" + body.format(y=2024))
    assert not any(f.metric in ("basic_personnel", "basic_public") for f in final)
