from __future__ import annotations

from decimal import Decimal

from loaders.extract.subjects import apply_subjects, economic_index, is_class_name, parse_path, resolve
from loaders.model import Fact, Location


def test_paths_resolve_to_item_codes():
    assert resolve("社会保障和就业（类）行政事业单位养老（款）机关事业单位基本养老保险（项）") == "2080505"
    assert resolve("卫生健康（类）行政事业单位医疗（款）：（1）事业单位医疗（项）") == "2101102"
    assert resolve("自然资源海洋气候气象等支出（类）自然资源事务（款）事业运行（项）") == "2200150"
    assert resolve("住房保障支出（类）住房改革支出（款）住房公积金") == "2210201"


def test_bare_names_and_renames():
    assert resolve("土地资源储备") == "2200112"
    assert resolve("其他自然资源事务") == "2200199"
    assert resolve("公务员医疗补助") == "2101103"
    assert resolve("医疗卫生与计划生育支出") == "210"
    assert resolve("自然资源海洋气候气象等支出") == "220"


def test_ambiguous_names_stay_null():
    assert resolve("行政运行") is None
    assert resolve("事业运行") is None
    assert resolve("一般公共服务支出（类）财政事务（款）行政运行（项）") == "2010601"
    assert resolve("完全不存在的科目") is None


def test_learned_codes_from_the_documents_tables_win():
    loc = Location(char_start=0, char_end=1)
    table = Fact("expense_item", Decimal(1), "万元", "1", loc, qualifier="事业运行", subject_code="2200150", source="table")
    prose = Fact("gpb_expense_item", Decimal(1), "万元", "1", loc, qualifier="事业运行（项）")
    econ = Fact("econ_item", Decimal(1), "万元", "1", loc, qualifier="津贴补贴")
    apply_subjects([table, prose, econ])
    assert prose.subject_code == "2200150"
    assert econ.subject_code == "30102"


def test_helpers():
    assert is_class_name("卫生健康支出") and not is_class_name("行政运行")
    assert [lvl for _, lvl in parse_path("A（类）B（款）C")] == ["类", "款", "项"]
    assert resolve("城镇职工基本医疗保险缴费", None, economic_index()) == "30110"


def _fact(metric: str, qualifier: str, code: str | None = None) -> Fact:
    return Fact(metric, Decimal(1), "万元", "1", Location(char_start=0, char_end=1), qualifier=qualifier,
                subject_code=code, source="table" if code else "prose")


def test_one_resolver_records_where_each_code_comes_from():
    facts = [
        _fact("gpb_expense_by_function", "自然资源海洋气象等支出"),
        _fact("gpb_expense_item", "土地资源储备（项）"),
        _fact("gpb_expense_item", "事业运行（项）"),
        _fact("gpb_expense_item", "住房保障支出（类）住房改革支出（款）住房公积金"),
        _fact("gpb_expense_item", "不存在的科目（项）"),
        _fact("expense_item", "一般公共服务支出", "201"),
        _fact("share_pct", "事业收入"),
    ]
    apply_subjects(facts)
    got = [(f.qualifier, f.subject_code, f.subject_code_origin) for f in facts]
    assert got == [
        ("自然资源海洋气象等支出", "220", "name"),
        ("土地资源储备（项）", "2200112", "name"),
        ("事业运行（项）", "2200150", "document"),  # 事业运行 of the 款 22001 the document spends on
        ("住房保障支出（类）住房改革支出（款）住房公积金", "2210201", "path"),
        ("不存在的科目（项）", None, None),
        ("一般公共服务支出", "201", "printed"),
        ("事业收入", None, None),  # not a subject metric
    ]


def test_a_bare_name_shared_by_two_kuan_of_the_document_stays_unresolved():
    facts = [_fact("gpb_expense_item", "事业运行（项）"), _fact("gpb_expense_item", "土地资源储备（项）"),
             _fact("expense_item", "一般公共服务支出（类）人大事务（款）", "20101")]
    apply_subjects(facts)
    assert facts[0].subject_code is None
