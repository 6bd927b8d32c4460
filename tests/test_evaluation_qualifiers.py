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
