"""The prose facts of the two embedded sample documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from prosekit import find
from loaders.extract.prose import extract_prose

SAMPLES = Path(__file__).resolve().parents[3] / "data" / "samples"


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples absent")
def test_sample_miyi_prose_facts():
    from loaders.formats import parse_file

    fs = extract_prose(parse_file(SAMPLES / "miyi-2023-land-expropriation-center.txt"))
    assert find(fs, "total_income_expense", 421.54)
    assert find(fs, "prior_year_change_abs", 232.56) and find(fs, "prior_year_change_pct", 123.06)
    assert find(fs, "expense_basic", 250.27) and find(fs, "expense_project", 171.27)
    for v in (24.06, 16.42, 366.24, 14.82):
        assert find(fs, "gpb_expense_by_function", v), v
    for v in (24.06, 9.43, 6.99, 170.18, 194.96, 1.1, 14.83):
        assert find(fs, "gpb_expense_item", v), v
    assert find(fs, "basic_personnel", 236.24) and find(fs, "basic_public", 14.03)
    for q, v in (("基本工资", 48.11), ("津贴补贴", 7.37), ("办公费", 1.99), ("劳务费", 3.69)):
        assert find(fs, "econ_item", v, q), q
    assert find(fs, "three_public_total", 0)
    assert find(fs, "office_running_cost", 14.03)
    assert find(fs, "prior_year_change_abs", 5.3, "机关运行经费") and find(fs, "prior_year_change_pct", 60.71)
    assert find(fs, "headcount", 12, "在职")
    assert find(fs, "project_budget", 159.5) and find(fs, "project_executed", 151.53)
    assert find(fs, "project_execution_rate", 95)


@pytest.mark.skipif(not SAMPLES.exists(), reason="samples absent")
def test_sample_ziyang_prose_facts():
    from loaders.formats import parse_file

    fs = extract_prose(parse_file(SAMPLES / "ziyang-2021-land-development-center.md"))
    assert find(fs, "total_income_expense", 622.34)
    [a] = [f for f in find(fs, "prior_year_change_abs", 22.35) if f.qualifier == "收、支总计"]
    assert a.direction == "decrease"
    assert find(fs, "income_by_source", 210.85) and find(fs, "share_pct", 33.9, "一般公共预算财政拨款收入")
    assert find(fs, "income_by_source", 411.49) and find(fs, "share_pct", 66.1, "政府性基金")
    for v in (12.95, 10.76, 168.74, 18.41):
        assert find(fs, "gpb_expense_by_function", v), v
    assert find(fs, "basic_personnel", 184.73) and find(fs, "basic_public", 26.12)
    assert find(fs, "headcount", 15, "编制") and find(fs, "headcount", 11, "在职")
    assert find(fs, "self_eval_score", 99)
    assert not find(fs, "expense_project", 155.28)  # named in an explanation of a change
