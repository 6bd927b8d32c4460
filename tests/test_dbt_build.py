"""dbt project: build the marts on the two samples and check the golden figures.

Two warehouses, both in tmp dirs:
  * real   - the samples loaded by the real loader and built by `juesuan build`, shared with the
    notebook and report tests (conftest.py: sample_warehouse_build);
  * fixture - tests/dbt_fixtures/raw_fixture.py (samples' facts by hand + a synthetic 米易 2022
    决算 and 2023 预算, for prior-year agreement and budget-vs-final).
Each runs `dbt build` (seeds, models, unit tests, data tests) and must finish without errors;
warnings are allowed only for the accounting-identity tests (a published document may be wrong).
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from aheadkit import ahead, environment, made_ahead

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "tests" / "dbt_fixtures"))


def _dbt_build(db: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **environment(tmp),  # the session's environment (made ahead: a test in front may set its own)
        "JUESUAN_DB": str(db),
        "DBT_TARGET_PATH": str(tmp / "target"),
        "DBT_LOG_PATH": str(tmp / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    return subprocess.run(
        [str(BIN / "dbt"), "build", "--project-dir", str(ROOT), "--profiles-dir", str(ROOT)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )


def _summary(out: str) -> dict[str, int]:
    line = [ln for ln in out.splitlines() if "Done. PASS=" in ln][-1]
    return {k: int(v) for k, v in (p.split("=") for p in line.split("Done. ")[1].split())}


@pytest.fixture(scope="module")
def real_db(sample_warehouse_build) -> Path:
    """The samples loaded by the real loader and built by `juesuan build` (shared, conftest.py)."""
    out = sample_warehouse_build.build_output
    assert sample_warehouse_build.build_returncode == 0, out[-5000:]
    summary = _summary(out)
    assert summary["ERROR"] == 0 and summary["PASS"] > 100, summary
    return sample_warehouse_build.path


@ahead("fixture_db")
def _fixture_warehouse(tmp: Path) -> Path:
    from raw_fixture import build_fixture

    db = tmp / "warehouse.duckdb"
    build_fixture(db)
    build = _dbt_build(db, tmp)
    assert build.returncode == 0, build.stdout[-5000:]
    assert _summary(build.stdout)["ERROR"] == 0
    return db


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_ahead(tmp_path_factory, _fixture_warehouse)


def _q(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(sql).fetchall()
    finally:
        con.close()


def _unit(db: Path, name: str) -> str:
    rows = _q(db, f"select unit_id from marts.dim_unit where unit_name = '{name}'")
    assert len(rows) == 1, rows
    return rows[0][0]


MIYI = "米易县集体土地征收补偿安置中心"
ZIYANG = "资阳市土地开发整理中心"


def test_money_units_seed_matches_number_parser() -> None:
    from loaders.numbers import MONEY_UNITS_TO_WAN

    lines = (ROOT / "seeds" / "money_units.csv").read_text(encoding="utf-8").split()[1:]
    seed = {u: Decimal(f) for u, f in (ln.split(",") for ln in lines)}
    assert seed == dict(MONEY_UNITS_TO_WAN)


@pytest.mark.parametrize("db_name", ["real_db", "fixture_db"])
def test_golden_figures(db_name: str, request: pytest.FixtureRequest) -> None:
    db = request.getfixturevalue(db_name)
    miyi, ziyang = _unit(db, MIYI), _unit(db, ZIYANG)
    totals = dict(
        ((u, y, m), a)
        for u, y, m, a in _q(db, """
            select unit_id, fiscal_year, metric, max(amount_wan) from marts.fct_budget_totals
            where measure = '决算' group by all""")
    )
    assert totals[(miyi, 2023, "total_income_expense")] == Decimal("421.54")
    assert totals[(miyi, 2022, "total_income_expense")] == Decimal("188.98")  # 421.54 − 232.56
    assert totals[(miyi, 2022, "office_running_cost")] == Decimal("8.73")  # 14.03 − 5.3
    assert totals[(ziyang, 2021, "expense_project")] == Decimal("411.49")
    assert totals[(ziyang, 2020, "total_income_expense")] == Decimal("644.69")  # 622.34 + 22.35
    assert totals[(ziyang, 2020, "gpb_expense_total")] == Decimal("243.85")  # 210.85 + 33

    classes = dict(
        ((u, c), a)
        for u, c, a in _q(db, """
            select unit_id, class_code, amount_wan from marts.fct_spending_by_class
            where fund_scope = '一般公共预算财政拨款' and measure = '决算'
              and fiscal_year in (2021, 2023)""")
    )
    assert classes[(miyi, "220")] == Decimal("366.24")
    assert classes[(miyi, "221")] == Decimal("14.82")
    assert classes[(ziyang, "220")] == Decimal("168.74")
    assert sum(classes[(ziyang, c)] for c in ("208", "210", "220", "221")) == Decimal("210.86")

    # the in-document spelling variant of 米易's name is one unit
    variants = _q(db, f"select name_variants from marts.dim_unit where unit_id = '{miyi}'")[0][0]
    assert "县集体土地征收安置补偿中心" in variants

    # 资阳: the ten projects (百元 tables) add to 项目支出 411.49 — no filter: 部门整体 and the
    # nameless row never reach the project mart; 米易 holds its one real project
    projects = _q(db, f"""
        select count(*), round(sum(executed_wan_exact), 2) from marts.fct_project_execution
        where unit_id = '{ziyang}'""")
    assert projects == [(10, Decimal("411.49"))]
    projects = _q(db, f"""
        select project_name, executed_wan, execution_rate, is_rate_computed from marts.fct_project_execution
        where unit_id = '{miyi}' and project_name = '米易县集体土地征收智能信息系统建设'""")
    assert projects == [("米易县集体土地征收智能信息系统建设", Decimal("151.53"), Decimal("95.0000"), False)]
    if db_name == "real_db":
        # the extractor finds one project for 米易 (the hand-made fixture also lists the 项目支出
        # allocations 下达…, which the extractor does not emit as projects)
        total = _q(db, f"select count(*), sum(executed_wan) from marts.fct_project_execution where unit_id = '{miyi}'")
        assert total == [(1, Decimal("151.53"))]


@pytest.mark.parametrize("db_name", ["real_db", "fixture_db"])
def test_dq_findings(db_name: str, request: pytest.FixtureRequest) -> None:
    db = request.getfixturevalue(db_name)
    rows = _q(db, """
        select u.unit_name, f.rule_id, f.status, f.expected, f.actual
        from marts.fct_dq_findings f
        join marts.dim_document d using (document_id)
        join marts.dim_unit u on u.unit_id = d.unit_id
        where d.doc_kind = '决算' and d.fiscal_year in (2021, 2023)""")
    status = {(u, r): s for u, r, s, _, _ in rows}
    n_docs = _q(db, "select count(*) from marts.dim_document where document_id <> '-1'")[0][0]
    n_rules = _q(db, "select count(*) from reference.dq_rules")[0][0]
    assert _q(db, "select count(*) from marts.fct_dq_findings")[0][0] == n_docs * n_rules
    # every finding names a rule of the seed, and every not_applicable says why
    assert _q(db, """select count(*) from marts.fct_dq_findings f
                     where f.rule_id not in (select rule_id from reference.dq_rules)
                        or (f.status = 'not_applicable' and f.reason is null)""")[0][0] == 0
    # 米易: 住房保障支出 14.82 (类) vs 住房公积金 14.83 (its only 项) must surface
    assert status[(MIYI, "R02")] == "fail"
    housing = [(e, a) for u, r, s, e, a in rows if u == MIYI and r == "R02"]
    assert housing == [(Decimal("14.82"), Decimal("14.83"))]
    for rule in ("R03", "R05", "R06", "R08", "R09", "R10"):
        assert status[(MIYI, rule)] == "pass", rule
        assert status[(ZIYANG, rule)] == "pass", rule
    # 资阳: ten projects = 411.49; template residue 增加/减少; a 2020 年度 table title in a 2021 document
    assert status[(ZIYANG, "R16")] == "pass"
    assert status[(ZIYANG, "R19")] == "fail"
    assert status[(ZIYANG, "R20")] == "fail"
    assert status[(MIYI, "R19")] == "pass"
    # no prior-year document for 资阳: the year-on-year cross-check has no data
    assert status[(ZIYANG, "R11")] == "insufficient_data"


def test_prior_year_and_budget_vs_final_on_fixture(fixture_db: Path) -> None:
    miyi = _unit(fixture_db, MIYI)
    # the synthetic 2022 决算 states 188.98; the 2023 change statement derives the same
    r11 = _q(fixture_db, f"""
        select f.status from marts.fct_dq_findings f join marts.dim_document d using (document_id)
        where d.unit_id = '{miyi}' and d.fiscal_year = 2023 and d.doc_kind = '决算' and f.rule_id = 'R11'""")
    assert r11 == [("pass",)]
    joined = _q(fixture_db, f"""
        select subject_key, budget_wan, final_wan from intermediate.int_budget_vs_final_joined
        where unit_id = '{miyi}' and fiscal_year = 2023 and metric = 'gpb_expense_by_function' order by 1""")
    assert joined == [
        ("208", Decimal("17.40"), Decimal("24.06")),
        ("210", Decimal("15.35"), Decimal("16.42")),
        ("220", Decimal("313.18"), Decimal("366.24")),
        ("221", Decimal("14.85"), Decimal("14.82")),
    ]
    # table beats prose: the 2022 gpb total kept is the table statement, the prose stays as evidence
    kept = _q(fixture_db, f"""
        select fact_source, statement_count from intermediate.int_facts_deduplicated
        where unit_id = '{miyi}' and fiscal_year = 2022 and metric = 'gpb_expense_total'""")
    assert kept == [("table", 2)]


def test_headcount_and_per_head_basis(real_db: Path) -> None:
    miyi, ziyang = _unit(real_db, MIYI), _unit(real_db, ZIYANG)
    rows = {
        (u, kind): (persons, basis)
        for u, kind, persons, basis in _q(real_db, """
            select unit_id, headcount_kind, persons, is_per_head_basis
            from marts.fct_headcount where measure = '决算'""")
    }
    # 米易 2023: 年末实有在职人数 12 is the denominator, 年初正式在编人员 12 is not
    assert rows[(miyi, "年末实有")] == (12, True)
    assert rows[(miyi, "在编")] == (12, False)
    # 资阳 2021: 15 posts (事业编制) are not persons; the 11 在职 are
    assert rows[(ziyang, "编制")] == (15, False)
    assert rows[(ziyang, "在职")] == (11, True)


def test_rename_sentence_adds_the_former_name(real_db: Path) -> None:
    variants = _q(real_db, f"select name_variants from marts.dim_unit where unit_id = '{_unit(real_db, MIYI)}'")[0][0]
    assert "米易县集体土地征收服务中心" in variants  # “…服务中心”更名为“…补偿安置中心”


def test_dq_findings_carry_rule_text_and_unit_from_the_seed(real_db: Path) -> None:
    rows = dict(
        (r, (d, m))
        for r, d, m in _q(real_db, "select distinct rule_id, rule_description, measure_unit from marts.fct_dq_findings")
    )
    assert rows["R06"] == ("人员经费 + 公用经费 = 基本支出", "万元")
    assert rows["R04"][1] == "pp" and rows["R19"][1] == "个"
    assert all(d and any("\u4e00" <= ch <= "\u9fff" for ch in d) for d, _ in rows.values())


def test_every_metric_lands_in_a_mart_or_the_unmapped_list(real_db: Path) -> None:
    raw = {m for (m,) in _q(real_db, "select distinct metric from raw.facts")}
    routed = {m for (m,) in _q(real_db, "select distinct metric from reference.metrics")}
    unmapped = {m for (m,) in _q(real_db, "select metric from intermediate.int_facts_unmapped")}
    assert raw - routed == unmapped
    assert not routed & unmapped


def test_economic_items_keep_budget_and_final_apart(real_db: Path) -> None:
    # every 经济分类 row is labelled; 米易 2023's 决算 人员经费 items are the 决算 figures
    # (基本工资 48.11), never the 年初预算 ones printed in the same document (46.34)
    miyi = _unit(real_db, MIYI)
    rows = _q(real_db, f"""
        select measure, amount_wan from marts.fct_spending_by_economic
        where unit_id = '{miyi}' and item_name_printed = '基本工资'""")
    assert ("决算", Decimal("48.11")) in rows
    assert ("决算", Decimal("46.34")) not in rows
    assert _q(real_db, "select count(*) from marts.fct_spending_by_economic where measure is null")[0][0] == 0
