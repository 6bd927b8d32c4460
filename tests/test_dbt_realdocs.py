"""The real 普陀区财政局 2024 PDF through the whole pipeline: load, dbt build, reconciliation.

Runs when ../shared/realdocs exists. A published document must never fail the build; its
own inconsistencies (社会保障和就业支出 printed as 326.71 in the 总表 and 326.72 in the detail
tables) must surface as failed rules in marts.fct_dq_findings, while identities it keeps
(基本 = 人员 + 公用 with 310 资本性支出 counted in 公用经费; 收入合计 = Σ sources without
counting 财政拨款收入 twice) must pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from aheadkit import ahead, environment, made_ahead
from loadkit import load_and_build

from loaders.config import PROJECT_ROOT
from loaders.store.warehouse import connect_readonly

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"
PUTUO = REALDOCS / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"

pytestmark = [pytest.mark.realdocs, pytest.mark.skipif(not PUTUO.exists(), reason="../shared/realdocs absent")]


@ahead("putuo_db")
def _putuo_warehouse(out: Path) -> Path:
    return load_and_build([PUTUO], out / "juesuan.duckdb", env=environment(out)).path


@pytest.fixture(scope="module")
def putuo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_ahead(tmp_path_factory, _putuo_warehouse)


def findings(db: Path) -> dict[str, str]:
    con = connect_readonly(db)
    try:
        rows = con.execute("SELECT rule_id, status FROM marts.fct_dq_findings").fetchall()
    finally:
        con.close()
    return dict(rows)


def test_identities_the_document_keeps_pass(putuo_db: Path) -> None:
    status = findings(putuo_db)
    for rule in ("R05", "R06", "R07", "R08", "R09"):
        assert status[rule] == "pass", (rule, status)


def test_the_documents_own_inconsistency_surfaces(putuo_db: Path) -> None:
    status = findings(putuo_db)
    assert status["R01"] == "fail"  # 326.71 (类) vs 326.72 (Σ 款)
    assert status["R25"] == "fail"  # 类 208 printed 326.71 in the 总表 and 326.72 in the 支出决算表
    # 情况说明: "2024年度财政拨款收入支出总计0.3万元" vs 2,961.68 in the 财政拨款收入支出决算总表
    con = connect_readonly(putuo_db)
    try:
        row = con.execute("SELECT expected, actual, evidence FROM marts.fct_dq_findings WHERE rule_id = 'R34'").fetchone()
    finally:
        con.close()
    assert status["R34"] == "fail" and status["R36"] == "fail"
    assert (float(row[0]), float(row[1])) == (2961.68, 0.3) and "财政拨款收入支出总计0.3万元" in row[2]
    # only those: the prior-year sentence "与2023年度相比…" is no foreign year
    assert status["R20"] == "pass"
    assert sorted(r for r, s in status.items() if s == "fail") == ["R01", "R25", "R34", "R36"]


def test_spending_marts_hold_the_tables(putuo_db: Path) -> None:
    con = connect_readonly(putuo_db)
    try:
        (n_items,) = con.execute(
            "SELECT count(*) FROM marts.fct_spending_by_function WHERE subject_code = '2010601'").fetchone()
        (public,) = con.execute(
            "SELECT sum(amount_wan) FROM marts.fct_spending_by_economic WHERE basic_expense_group = '公用经费'"
            " AND measure = '决算' AND expense_nature = '基本支出' AND econ_subject_level = '款'").fetchone()
    finally:
        con.close()
    assert n_items >= 1
    assert abs(float(public) - 184.65) <= 0.1


def test_every_mart_row_of_the_pdf_reaches_its_page(putuo_db: Path) -> None:
    from test_marts_lineage import FACT_MARTS, lineage_problems

    for name in FACT_MARTS:
        assert lineage_problems(putuo_db, name) == [], name
    con = connect_readonly(putuo_db)
    try:
        pageless = {name: con.execute(f"SELECT count(*) FROM marts.{name} WHERE page IS NULL").fetchone()[0]
                    for name in FACT_MARTS}
        (basic,) = con.execute(
            "SELECT count(*) FROM marts.fct_budget_totals WHERE metric = 'expense_basic' AND fund_scope = '全部资金'"
        ).fetchall()
    finally:
        con.close()
    assert pageless == dict.fromkeys(FACT_MARTS, 0)
    assert basic == (1,)  # the 总表's 基本支出 and the prose's are one row
