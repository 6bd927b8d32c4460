"""Excel and open data out: `juesuan sql --xlsx / --csv --bom`, `juesuan export UNIT`,
`juesuan export --all DIR` — read back with openpyxl / duckdb, same numbers and row counts; and
README.zh-CN.md equals the codebook generated from the model YAML."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import duckdb
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from loaders.cli import app
from loaders.present import codebook

runner = CliRunner()
QUERY = ("SELECT u.unit_name, t.fiscal_year, t.metric, t.qualifier, t.amount_wan FROM marts.fct_budget_totals t "
         "JOIN marts.dim_unit u USING (unit_id) ORDER BY ALL")


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def db(sample_warehouse_build):
    return sample_warehouse_build.path


def _expected(db, query=QUERY):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_sql_xlsx_reads_back_with_the_same_numbers(db, tmp_path):
    target = tmp_path / "结果.xlsx"
    r = invoke("sql", QUERY, "--xlsx", target, "--db", db)
    assert r.exit_code == 0, r.output
    ws = load_workbook(target).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("unit_name", "fiscal_year", "metric", "qualifier", "amount_wan")
    expected = _expected(db)
    assert len(rows) - 1 == len(expected) > 10
    for got, want in zip(rows[1:], expected):
        assert got[:4] == tuple("" if v == "" else v for v in want[:4]) or got[3] in (None, "")
        assert Decimal(str(got[4])) == want[4]


def test_sql_csv_with_and_without_bom(db):
    plain = invoke("sql", QUERY, "--csv", "--db", db)
    bommed = invoke("sql", QUERY, "--csv", "--bom", "--db", db)
    assert plain.exit_code == bommed.exit_code == 0
    assert not plain.stdout.startswith("\ufeff") and bommed.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(bommed.stdout.lstrip("\ufeff"))))
    assert rows[0][0] == "unit_name" and len(rows) - 1 == len(_expected(db))
    assert invoke("sql", QUERY, "--bom", "--db", db).exit_code == 2


def test_sql_on_unbuilt_marts_hints_at_build(tmp_path, samples_dir):
    db = tmp_path / "w.duckdb"
    assert invoke("load", "-q", samples_dir / "miyi-2023-land-expropriation-center.txt", "--db", db).exit_code == 0
    r = invoke("sql", "SELECT * FROM marts.fct_budget_totals", "--db", db)
    assert r.exit_code == 1 and "juesuan build" in r.stderr


def test_export_unit_workbook_has_each_table_per_year_with_evidence(db, tmp_path):
    target = tmp_path / "米易.xlsx"
    r = invoke("export", "米易", "--out", target, "--db", db)
    assert r.exit_code == 0, r.output
    wb = load_workbook(target)
    assert "2023年收支总计" in wb.sheetnames and "2022年收支总计" in wb.sheetnames
    ws = wb["2023年收支总计"]
    header = [c.value for c in ws[1]]
    assert {"金额万元", "原文依据", "文件编号", "文件"} <= set(header)
    body = [dict(zip(header, row)) for row in ws.iter_rows(min_row=2, values_only=True)]
    want = _expected(db, "SELECT count(*) FROM marts.fct_budget_totals t JOIN marts.dim_unit u USING (unit_id) "
                         "WHERE u.unit_name LIKE '米易%' AND t.fiscal_year = 2023")[0][0]
    assert len(body) == want
    total = [b for b in body if b["指标"] == "total_income_expense"]
    assert total and all(Decimal(str(b["金额万元"])) == Decimal("421.54") for b in total)
    assert all(b["原文依据"] and b["文件"].startswith("miyi-2023") for b in total)


def test_export_unit_reports_ambiguity(db, tmp_path):
    r = invoke("export", "中心", "--out", tmp_path / "x.xlsx", "--db", db)
    assert r.exit_code == 2 and "matches 2 units" in r.stderr


def test_export_all_round_trips_through_duckdb(db, tmp_path):
    r = invoke("export", "--all", tmp_path, "--db", db)
    assert r.exit_code == 0, r.output
    (dump,) = tmp_path.glob("juesuan-marts-*")
    manifest = json.loads((dump / "manifest.json").read_text(encoding="utf-8"))
    marts = {t for (t,) in duckdb.connect(str(db), read_only=True).execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'").fetchall()}
    assert set(manifest["row_counts"]) == marts
    con = duckdb.connect()
    for mart, n in manifest["row_counts"].items():
        assert con.execute(f"SELECT count(*) FROM '{dump}/parquet/{mart}.parquet'").fetchall()[0][0] == n
        assert con.execute(f"SELECT count(*) FROM read_csv('{dump}/csv/{mart}.csv', header=true)").fetchall()[0][0] == n
    assert n == _expected(db, f"SELECT count(*) FROM marts.{mart}")[0][0]
    amounts = con.execute(f"SELECT sum(amount_wan) FROM '{dump}/parquet/fct_budget_totals.parquet'").fetchall()[0][0]
    assert amounts == _expected(db, "SELECT sum(amount_wan) FROM marts.fct_budget_totals")[0][0]
    assert "marts.fct_year_on_year" in (dump / "CODEBOOK.md").read_text(encoding="utf-8")


def test_chinese_readme_is_generated_from_the_model_yaml():
    assert codebook.ZH_README.read_text(encoding="utf-8") == codebook.readme_zh(), \
        "README.zh-CN.md is stale: run python -m loaders.present.codebook --write"
    text = codebook.codebook_markdown()
    for name in ("marts.fct_budget_totals", "marts.fct_cost_per_head", "raw.facts", "fund_scopes"):
        assert f"`{name}`" in text
    assert "{{" not in text, "doc() blocks are resolved"
