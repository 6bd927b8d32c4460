"""Headcounts: kinds, subsets after 其中, people who are not staff; scores."""

from __future__ import annotations

from prosekit import facts, find


def test_headcount_and_score():
    fs = facts("招商服务中心内有事业编制25名。现单位实有在职在编人员16名，退休职工6名。项目自评总得分为 99 分。")
    assert find(fs, "headcount", 25, "事业编制") and find(fs, "headcount", 16, "在职")
    assert find(fs, "headcount", 6, "退休")
    assert find(fs, "self_eval_score", 99)


def test_headcount_subset_after_qizhong():
    fs = facts("本院核定事业编制120名，年末实有在编职工110人，其中执业医师64人、注册护士38人；退休人员25人。"
               "全年门诊量8,300人次。")
    assert find(fs, "headcount", 64, "执业医师") and find(fs, "headcount", 38, "注册护士")
    assert find(fs, "headcount", 25, "退休")
    assert not find(fs, "headcount", 8300)


def test_students_are_not_staff():
    fs = facts("学校编制教师50名，年末在职教师48人。在校学生900人，其中寄宿生300人。")
    assert find(fs, "headcount", 48) and not find(fs, "headcount", 900) and not find(fs, "headcount", 300)
