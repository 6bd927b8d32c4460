"""The scorer's qualifier comparison (loaders.evaluation.qualifier_match): how a label's
qualifier and an emitted one are judged to name the same thing."""

from __future__ import annotations

import pytest

from loaders.evaluation import qualifier_match


@pytest.mark.parametrize(
    "label, emitted",
    [
        ("一般公共服务支出/人大事务/行政运行", "一般公共服务支出(类)人大事务(款)行政运行(项)"),
        ("一般公共服务支出/人大事务/行政运行", "一般公共服务支出（类）人大事务（款）行政运行（项）"),
        ("行政运行", "一般公共服务支出(类)人大事务(款)行政运行(项)"),
        ("因公出国（境）费", "因公出国(境)费"),
    ],
)
def test_same_subject_path_or_item(label, emitted):
    assert qualifier_match(label, emitted)


@pytest.mark.parametrize(
    "label, emitted",
    [
        ("一般公共服务支出/人大事务/行政运行", "一般公共服务支出(类)人大事务(款)机关服务(项)"),
        ("农林水支出/农业农村/行政运行", "一般公共服务支出(类)人大事务(款)行政运行(项)"),
        ("公务接待费", "公务用车运行维护费"),
    ],
)
def test_other_subject_or_item(label, emitted):
    assert not qualifier_match(label, emitted)


def _fact(metric: str, qualifier: str | None):
    from decimal import Decimal

    from loaders.model import Fact, Location

    return Fact(metric=metric, value=Decimal("612.48"), unit="万元", evidence="本年收入合计612.48万元",
                location=Location(line=1), qualifier=qualifier)


@pytest.mark.parametrize("metric, label_q", [
    ("total_income", "本年收入合计"),  # FACTS.md: qualifier optional
    ("gpb_expense_total", "一般公共预算财政拨款支出"),  # FACTS.md: no qualifier
    ("office_running_cost", "机关运行经费"),
])
def test_a_metric_without_qualifier_ignores_the_labels_wording(metric, label_q):
    from loaders.evaluation import fact_matches, takes_qualifier

    assert not takes_qualifier(metric)
    assert fact_matches({"metric": metric, "value": 612.48, "unit": "万元", "qualifier": label_q}, _fact(metric, None))


@pytest.mark.parametrize("metric, label_q, emitted", [
    ("three_public_item", "公务接待费", "公务用车运行维护费"),
    ("income_by_source", "事业收入", "上级补助收入"),
    ("total_income_expense", "收入总计", "支出总计"),
])
def test_a_metric_with_a_qualifier_still_compares_it(metric, label_q, emitted):
    from loaders.evaluation import fact_matches, takes_qualifier

    assert takes_qualifier(metric)
    assert not fact_matches({"metric": metric, "value": 612.48, "unit": "万元", "qualifier": label_q}, _fact(metric, emitted))
