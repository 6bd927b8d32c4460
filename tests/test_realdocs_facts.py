"""The real 上海普陀区财政局 2024 PDF (../shared/realdocs, never committed): table facts."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pytest

from loaders.config import PROJECT_ROOT
from loaders.extract.tables import extract_tables
from loaders.extract.subjects import apply_subjects

PDF = PROJECT_ROOT.parent / "shared" / "realdocs" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
pytestmark = pytest.mark.skipif(not PDF.is_file(), reason="../shared/realdocs not present")


@lru_cache(maxsize=1)
def _facts():
    from loaders.formats import parse_file

    doc = parse_file(PDF)
    facts = extract_tables(doc)
    apply_subjects(facts)
    return doc, facts


def _get(metric, code=None, qualifier=None):
    _, facts = _facts()
    return [f for f in facts if f.metric == metric and (code is None or f.subject_code == code) and (qualifier is None or f.qualifier == qualifier)]


SUBJECT_ROWS = ["201", "20106", "2010601", "2010602", "2010607", "2010608", "208", "20805", "2080501", "2080505",
                "2080506", "2080599", "210", "21011", "2101101", "221", "22102", "2210201", "2210203"]


@pytest.mark.parametrize("metric", ["income_item", "gpb_expense_by_function|gpb_expense_item", "expense_by_function|expense_item"])
def test_every_subject_row_of_the_three_tables(metric):
    metrics = metric.split("|")
    codes = {f.subject_code for m in metrics for f in _get(m)}
    assert codes == set(SUBJECT_ROWS)


@pytest.mark.parametrize(
    "metric,code,value",
    [
        ("expense_item", "2010601", "1511.89"),
        ("income_item", "2010601", "1511.90"),
        ("expense_item_basic", "2010601", "1503.52"),
        ("expense_item_project", "2010601", "8.37"),
        ("gpb_expense_item", "2080505", "160.75"),
        ("expense_item", "2210203", "258.50"),
        ("gpb_expense_by_function", "221", "445.69"),
        ("econ_item", "30102", "1238.58"),
        ("econ_item", "30229", "42.77"),
    ],
)
def test_values_checked_by_eye(metric, code, value):
    facts = _get(metric, code)  # a 类 total can be printed in two tables (财政拨款总表 and its own)
    assert facts and {(f.value, f.unit) for f in facts} == {(Decimal(value), "万元")}
    assert len({f.location.char_start for f in facts}) == len(facts)


def test_totals_and_both_lanes():
    assert _get("total_income_expense", qualifier="收入总计")[0].value == Decimal("2995.39")
    assert _get("total_income")[0].value == Decimal("2946.25")
    assert _get("carryover_begin")[0].value == Decimal("49.14")
    assert _get("basic_personnel")[0].value == Decimal("2152.26")
    assert _get("basic_public")[0].value == Decimal("184.65")
    econ = {f.subject_code for f in _get("econ_item")}
    assert {"30101", "30302", "30201", "31002"} <= econ  # lane 1 (301/303) and lane 2 (302/310)
    assert _get("three_public_budget", qualifier="公务接待费")[0].value == Decimal("0.95")
    assert not _get("three_public_total")  # 决算数 cell is blank: no fact, never 0
