"""Marts are safe to sum and reach the page: every fct_ model declares its grain (tested unique
by dbt), and every fact row of every mart carries its document, its raw fact ids, a page or a
line, and evidence that is text of that document. The README's worked example runs as printed."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb
import pytest
import yaml

from loaders.config import PROJECT_ROOT

MARTS = PROJECT_ROOT / "models" / "marts"
LEDGER_MARTS = {"fct_dq_findings", "fct_dq_coverage"}  # one row per document × rule / per document, not facts
FACT_MARTS = sorted(p.stem for p in MARTS.glob("fct_*.sql") if p.stem not in LEDGER_MARTS)


def _model_yaml(name: str) -> dict:
    doc = yaml.safe_load((MARTS / f"{name}.yml").read_text(encoding="utf-8"))
    [model] = [m for m in doc["models"] if m["name"] == name]
    return model


@pytest.mark.parametrize("name", FACT_MARTS)
def test_every_fact_mart_declares_its_grain_and_tests_it(name: str) -> None:
    model = _model_yaml(name)
    grain = model["config"]["meta"]["grain"]
    tests = [t["unique_combination_of_columns"]["arguments"]["combination_of_columns"]
             for t in model.get("data_tests", []) if isinstance(t, dict) and "unique_combination_of_columns" in t]
    assert tests == [grain], (name, tests, grain)
    documented = {c["name"] for c in model["columns"]}
    assert set(grain) <= documented
    assert {"document_id", "evidence"} <= documented
    assert documented & {"page", "line_no"} == {"page", "line_no"}


@pytest.fixture(scope="module")
def marts_db(sample_warehouse_build) -> Path:
    assert sample_warehouse_build.build_returncode == 0, sample_warehouse_build.build_output[-4000:]
    return sample_warehouse_build.path


def lineage_problems(db: Path, name: str) -> list[tuple]:
    """Rows of a mart whose lineage does not reach a raw fact on a page or line of its document."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        cols = {r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_schema = 'marts' and table_name = ?",
            [name]).fetchall()}
        ids = " || ".join(p for p in (
            "coalesce([fact_id], [])" if "fact_id" in cols else "",
            "coalesce(source_fact_ids, [])" if "source_fact_ids" in cols else "") if p)
        ids = f"list_filter({ids}, lambda x: x is not null)" if ids else "[]"
        return con.execute(f"""
            with m as (select *, {ids} as lineage_ids, row_number() over () as rn from marts.{name}),
            refs as (select rn, unnest(lineage_ids) as fid from m)
            select m.rn, m.document_id, m.page, m.line_no, m.evidence, m.lineage_ids
            from m
            where m.document_id is null or m.evidence is null or (m.page is null and m.line_no is null)
               or len(m.lineage_ids) = 0
               or exists (select 1 from refs r where r.rn = m.rn
                          and not exists (select 1 from raw.facts f
                                          where f.document_id || ':' || f.fact_no = r.fid))
               or not exists (select 1 from raw.document_texts t where t.document_id = m.document_id
                              and position(split_part(m.evidence, ' | ', 1) in t.text) > 0)
            """).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("name", FACT_MARTS)
def test_every_mart_row_reaches_a_raw_fact_on_a_page_or_line(marts_db: Path, name: str) -> None:
    assert lineage_problems(marts_db, name) == []


def test_the_lineage_check_catches_a_row_without_location(marts_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "w.duckdb"
    copy.write_bytes(marts_db.read_bytes())
    con = duckdb.connect(str(copy))
    con.execute("update marts.fct_stated_shares set page = null, line_no = null where share_name = '基本支出'")
    con.close()
    assert len(lineage_problems(copy, "fct_stated_shares")) == 2  # 米易 and 资阳


def _readme_example() -> list[tuple[str, str]]:
    """(sql, printed csv) pairs of the README section 'From a mart row to the sentence on the page'."""
    text = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### From a mart row to the sentence on the page", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\njuesuan sql --csv \"(.*?)\"\n```\n```\n(.*?)```", section, re.S)
    return [(" ".join(q.split()), out) for q, out in blocks]


def test_readme_worked_example_matches_the_data(marts_db: Path) -> None:
    from loaders.store.query import run_query

    examples = _readme_example()
    assert len(examples) == 3
    for sql, printed in examples:
        res = run_query(marts_db, sql)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(res.columns)
        w.writerows([[("" if v is None else v) for v in r] for r in res.rows])
        assert buf.getvalue() == printed, sql


def test_no_fund_scope_is_a_literal_in_sql() -> None:
    """Fund scopes come from seeds (metrics.csv, lexicon/fund_scopes.csv), never from SQL literals."""
    with open(PROJECT_ROOT / "seeds" / "lexicon" / "fund_scopes.csv", encoding="utf-8") as fh:
        scopes = [r["fund_scope"] for r in csv.DictReader(fh)]
    assert len(scopes) >= 5
    offenders = [
        (str(p.relative_to(PROJECT_ROOT)), scope)
        for folder in ("models", "macros")
        for p in (PROJECT_ROOT / folder).rglob("*.sql")
        for scope in scopes
        if f"'{scope}'" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
