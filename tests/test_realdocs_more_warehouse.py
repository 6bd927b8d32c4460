"""`juesuan load ../shared/realdocs` (recursive) then `juesuan build`: the 普陀 决算 and the twelve
预算 PDFs of more/ are loaded, both README.md files and the official template are quarantined with
their reasons; the three units of more/ appear once each with their three years; the two-part
江苏省委办公厅 years are one unit-year; the budget-vs-final mart has 普陀财政局 2024 rows from the
budget figures its own 决算 prints. Runs when ../shared/realdocs/more exists (~4 min)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from aheadkit import ahead, environment, made_ahead
from loadkit import load_and_build

from loaders.config import PROJECT_ROOT
from loaders.store.warehouse import connect_readonly

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"

pytestmark = [pytest.mark.realdocs, pytest.mark.slow,
              pytest.mark.skipif(not (REALDOCS / "more").is_dir(), reason="../shared/realdocs/more not present")]


@ahead("db")
def _realdocs_warehouse(out: Path) -> Path:
    return load_and_build([REALDOCS], out / "juesuan.duckdb", env=environment(out)).path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_ahead(tmp_path_factory, _realdocs_warehouse)


def q(db: Path, sql: str) -> list[tuple]:
    con = connect_readonly(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_every_disclosure_loaded_and_every_other_file_quarantined_with_its_reason(db: Path) -> None:
    rows = q(db, "SELECT input_path, status, reason FROM raw.load_ledger")
    by = {Path(p).relative_to(REALDOCS).as_posix(): (s, r) for p, s, r in rows}
    assert by["README.md"] == ("quarantined", "not a 决算/预算 disclosure")
    assert by["more/README.md"] == ("quarantined", "not a 决算/预算 disclosure")
    assert by["shanghai-2024-department-final-accounts-template.pdf"] == ("quarantined", "template with placeholder values")
    loaded = sorted(p for p, (s, _) in by.items() if s == "loaded")
    assert loaded == sorted(["shanghai-putuo-finance-bureau-2024-final-accounts.pdf",
                             *(f"more/{p.name}" for p in (REALDOCS / "more").glob("*.pdf"))])


def test_three_units_of_more_each_with_three_budget_years(db: Path) -> None:
    rows = q(db, """
        SELECT u.unit_name, u.fiscal_years, count(DISTINCT d.fiscal_year), count(*)
        FROM marts.dim_document d JOIN marts.dim_unit u USING (unit_id)
        WHERE d.doc_kind = '预算' GROUP BY ALL ORDER BY 1""")
    assert rows == [
        ("上海市普陀区人民政府万里街道办事处", [2023, 2024, 2025], 3, 3),
        ("中共江苏省委办公厅", [2017, 2018, 2019], 3, 6),  # narrative + tables each year
        ("江苏省高级人民法院", [2017, 2018, 2019], 3, 3),
    ]


def test_two_part_disclosure_is_one_unit_year_with_facts_from_both_parts(db: Path) -> None:
    parts = q(db, """
        SELECT d.fiscal_year, list(DISTINCT d.doc_part ORDER BY d.doc_part)
        FROM marts.dim_document d JOIN marts.dim_unit u USING (unit_id)
        WHERE u.unit_name = '中共江苏省委办公厅' GROUP BY 1 ORDER BY 1""")
    assert parts == [(y, ["narrative", "tables"]) for y in (2017, 2018, 2019)]
    # one 基本支出 per unit-year in the marts, and figures from both files reach them
    totals = q(db, """
        SELECT t.fiscal_year, count(*) FROM marts.fct_budget_totals t JOIN marts.dim_unit u USING (unit_id)
        WHERE u.unit_name = '中共江苏省委办公厅' AND t.metric = 'expense_basic' AND NOT t.is_derived
        GROUP BY 1 ORDER BY 1""")
    assert totals == [(2017, 1), (2018, 1), (2019, 1)]
    sources = q(db, """
        SELECT DISTINCT d.doc_part FROM raw.facts f JOIN marts.dim_document d USING (document_id)
        JOIN marts.dim_unit u USING (unit_id) WHERE u.unit_name = '中共江苏省委办公厅' ORDER BY 1""")
    assert sources == [("narrative",), ("tables",)]


def test_budget_vs_final_has_putuo_2024_from_its_own_printed_budget(db: Path) -> None:
    rows = q(db, """
        SELECT b.metric, b.subject_code, b.budget_wan, b.final_wan, b.execution_pct
        FROM marts.fct_budget_vs_final b JOIN marts.dim_unit u USING (unit_id)
        WHERE u.unit_name = '上海市普陀区财政局' AND b.fiscal_year = 2024 AND b.budget_source = 'final_printed'
        ORDER BY 1, 2""")
    assert rows, "no budget-vs-final rows for 普陀财政局 2024"
    by = {(m, c): (bw, fw) for m, c, bw, fw, _ in rows}
    # 行政运行: 年初预算为1560.05万元，支出决算为1511.89万元
    assert by[("gpb_expense_item", "2010601")] == (Decimal("1560.05"), Decimal("1511.89"))
