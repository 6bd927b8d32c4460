"""The `juesuan` command line: help, load/status, extract, sql (read-only), build, report."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
import textwrap

import pytest
from typer.testing import CliRunner
from pathlib import Path

from loaders.cli import app
from loaders.store import query as query_mod

runner = CliRunner()
REPO = Path(__file__).resolve().parent.parent
COMMANDS = ("load", "status", "extract", "sql", "build", "report", "export")


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def loaded_template(tmp_path_factory):
    from loaders.config import SAMPLES_DIR

    db = tmp_path_factory.mktemp("template") / "juesuan.duckdb"
    r = invoke("load", SAMPLES_DIR, "--db", db, "--quiet")
    assert r.exit_code == 0, r.output
    return db


@pytest.fixture
def loaded(loaded_template, tmp_warehouse):
    """A warehouse holding the two samples (a copy of one loaded once per module: the catalog
    file and its raw shards folder)."""
    from loaders.store.shards import data_dir

    shutil.copyfile(loaded_template, tmp_warehouse)
    shutil.copytree(data_dir(loaded_template), data_dir(tmp_warehouse))
    assert invoke("repair", "--db", tmp_warehouse).exit_code == 0  # a copied folder points its views at itself
    return tmp_warehouse


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_db(command):
    r = invoke(command, "--help")
    assert r.exit_code == 0
    assert "--db" in r.output


def test_status_before_any_load(tmp_warehouse):
    r = invoke("status", "--db", tmp_warehouse)
    assert r.exit_code == 1
    assert "no warehouse yet" in r.stderr and "juesuan load" in r.stderr


def test_db_from_environment(tmp_warehouse, samples_dir, monkeypatch, warehouse_query):
    monkeypatch.setenv("JUESUAN_DB", str(tmp_warehouse))
    r = invoke("load", samples_dir / "miyi-2023-land-expropriation-center.txt")
    assert r.exit_code == 0, r.output
    assert warehouse_query(tmp_warehouse, "SELECT count(*) FROM raw.documents") == [(1,)]


def test_load_summary_and_status(loaded, samples_dir, tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    r = invoke("load", samples_dir, bad, "--db", loaded, "--quiet")
    assert r.exit_code == 0
    assert "3 inputs: 0 loaded, 2 duplicate, 1 quarantined" in r.output
    assert "bad.pdf" in r.output

    r = invoke("status", "--db", loaded)
    assert r.exit_code == 0
    assert "2 documents" in r.output and "quarantined" in r.output and "duplicate" in r.output

    r = invoke("status", "--summary", "--db", loaded)
    assert r.exit_code == 0
    assert "documents: 2" in r.output and "facts:" in r.output


def test_extract_prints_json_lines(samples_dir):
    f = samples_dir / "miyi-2023-land-expropriation-center.txt"
    r = invoke("extract", f)
    assert r.exit_code == 0
    text = f.read_text(encoding="utf-8")
    lines = r.stdout.splitlines()
    for line in lines:
        fact = json.loads(line)
        assert {"metric", "unit", "evidence", "location"} <= fact.keys()
        assert fact["evidence"] in text
    assert "\\u" not in r.stdout  # ensure_ascii=False


def test_extract_table_format(samples_dir):
    r = invoke("extract", samples_dir / "miyi-2023-land-expropriation-center.txt", "--format", "table")
    assert r.exit_code == 0


def test_extract_without_facts_prints_no_facts_and_says_why(tmp_path):
    f = tmp_path / "none.txt"
    f.write_text("某单位2023年度部门决算\n本单位本年度无收支。\n", encoding="utf-8")
    r = invoke("extract", f)
    assert r.stdout == ""
    assert "no facts" in r.stderr or "0 facts" in r.stderr


def test_extract_on_a_non_disclosure_says_so(tmp_path):
    f = tmp_path / "menu.txt"
    f.write_text("今日菜单：米饭、青菜、豆腐汤。\n", encoding="utf-8")
    r = invoke("extract", f)
    assert r.exit_code == 1 and r.stdout == ""
    assert "not a 决算/预算 disclosure" in r.stderr


def test_help_short_option_and_version():
    from loaders import __version__

    assert invoke("-h").exit_code == 0 and "Usage" in invoke("-h").output
    assert invoke("sql", "-h").exit_code == 0
    r = invoke("--version")
    assert r.exit_code == 0 and r.output.strip() == f"juesuan {__version__}"


def test_wrong_paths_and_empty_folders_exit_non_zero_without_a_ledger_row(tmp_path, loaded, warehouse_query):
    before = warehouse_query(loaded, "SELECT count(*) FROM raw.load_ledger")
    r = invoke("load", tmp_path / "no-such-folder", "--db", loaded)
    assert r.exit_code == 2 and "no such file or folder" in r.stderr
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    (empty / ".hidden" / "x.txt").write_text("x")
    r = invoke("load", empty, "--db", loaded)
    assert r.exit_code == 1 and "no files to load" in r.stderr
    assert warehouse_query(loaded, "SELECT count(*) FROM raw.load_ledger") == before
    fresh = tmp_path / "fresh.duckdb"
    assert invoke("load", empty, "--db", fresh).exit_code == 1 and not fresh.exists()


def test_extract_unreadable_input_fails_with_one_line(tmp_path):
    f = tmp_path / "x.pdf"
    f.write_bytes(os.urandom(2048).replace(b"%PDF", b"xxxx"))
    r = invoke("extract", f)
    assert r.exit_code != 0
    assert r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and "x.pdf" in r.stderr
    r = invoke("extract", tmp_path / "missing.txt")
    assert r.exit_code != 0 and len(r.stderr.strip().splitlines()) == 1


def test_sql_outputs(loaded):
    q = "SELECT file_name, bytes FROM raw.documents ORDER BY file_name"
    r = invoke("sql", q, "--db", loaded)
    assert r.exit_code == 0 and "miyi-2023" in r.output and "2 rows" in r.output
    r = invoke("sql", q, "--csv", "--db", loaded)
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["file_name", "bytes"] and len(rows) == 3
    r = invoke("sql", "SELECT sum(amount_wan) AS s, count(*) AS n FROM raw.facts", "--json", "--db", loaded)
    obj = json.loads(r.stdout)
    assert isinstance(obj["s"], (str, type(None))) and obj["n"] > 0  # decimals stay exact (strings)
    for q in ("WITH x AS (SELECT 1 AS a) SELECT * FROM x", "DESCRIBE raw.facts", "SHOW TABLES",
              "PRAGMA table_info('raw.documents')", "SUMMARIZE raw.documents", "EXPLAIN SELECT 1"):
        r = invoke("sql", q, "--db", loaded)
        assert r.exit_code == 0, (q, r.output)


WRITES = [
    "INSERT INTO raw.documents SELECT * FROM raw.documents",
    "DELETE FROM raw.facts",
    "UPDATE raw.documents SET unit_name = 'x'",
    "DROP TABLE raw.facts",
    "CREATE TABLE raw.evil AS SELECT 1",
    "ALTER TABLE raw.facts ADD COLUMN x INT",
    "ATTACH '{tmp}/other.duckdb' AS other",
    "COPY raw.documents TO '{tmp}/out.csv'",
    "EXPORT DATABASE '{tmp}/dump'",
    "SET enable_external_access = true",
    "CHECKPOINT",
    "INSTALL httpfs",
    "LOAD httpfs",
    "PRAGMA enable_profiling",
    "SELECT 1; DROP TABLE raw.facts",
    "EXPLAIN ANALYZE DELETE FROM raw.facts",
    "SELECT * FROM read_csv('{tmp}/secret.csv')",
    "CALL pragma_table_info('raw.facts')",
]


@pytest.mark.parametrize("statement", WRITES)
def test_sql_refuses_to_write(loaded, tmp_path, statement, warehouse_query):
    (tmp_path / "secret.csv").write_text("a\n1\n")
    before = warehouse_query(loaded, "SELECT count(*) FROM raw.facts")
    r = invoke("sql", statement.format(tmp=tmp_path), "--db", loaded)
    assert r.exit_code != 0
    assert r.stderr.startswith("error:")
    assert warehouse_query(loaded, "SELECT count(*) FROM raw.facts") == before
    assert not (tmp_path / "out.csv").exists() and not (tmp_path / "other.duckdb").exists()
    assert not (tmp_path / "dump").exists()


@pytest.mark.parametrize("statement", ["INSERT INTO raw.facts SELECT * FROM raw.facts",
                                       "ATTACH '{tmp}/other.duckdb' AS o", "COPY raw.documents TO '{tmp}/o.csv'"])
def test_sql_connection_refuses_writes_even_without_the_statement_check(loaded, tmp_path, statement, monkeypatch):
    monkeypatch.setattr(query_mod, "check_read_only", lambda sql: sql)
    r = invoke("sql", statement.format(tmp=tmp_path), "--db", loaded)
    assert r.exit_code != 0
    assert not (tmp_path / "other.duckdb").exists() and not (tmp_path / "o.csv").exists()


def _fake_dbt(tmp_path, body: str) -> list[str]:
    script = tmp_path / "fake_dbt.py"
    script.write_text(textwrap.dedent(body))
    return [sys.executable, str(script)]


def test_build_publishes_only_a_successful_dbt_run(loaded, tmp_path, monkeypatch, warehouse_query):
    from loaders.store import build as build_mod

    project = tmp_path / "project"
    project.mkdir()
    (project / "dbt_project.yml").write_text("name: fake\n")
    monkeypatch.setattr(build_mod, "PROJECT_ROOT", project)
    calls = tmp_path / "calls.txt"
    ok = _fake_dbt(tmp_path, f"""
        import os, sys, duckdb
        db = os.environ["JUESUAN_DB"]
        assert ".wip-" in db, db  # dbt works on the private copy, never on the published file
        with open({str(calls)!r}, "a") as fh:
            fh.write(" ".join(sys.argv[1:3]) + "\\n")
        if sys.argv[1] == "build":
            con = duckdb.connect(db)
            con.execute("CREATE SCHEMA marts; CREATE TABLE marts.fct_dq_findings AS SELECT 'fail' AS status, 'error' AS severity")
            con.close()
    """)
    monkeypatch.setattr(build_mod, "dbt_command", lambda: ok)
    r = runner.invoke(app, ["build", "--db", str(loaded)])
    assert r.exit_code == 0, r.output
    assert calls.read_text().split("\n")[:2] == ["build --project-dir", "docs generate"]
    assert warehouse_query(loaded, "SELECT count(*) FROM marts.fct_dq_findings") == [(1,)]
    r = invoke("status", "--summary", "--db", loaded)
    assert "data-quality checks (document × rule): 1 (fail 1)" in r.output and "fct_dq_findings" in r.output

    failing = _fake_dbt(tmp_path, """
        import os, sys, duckdb
        con = duckdb.connect(os.environ["JUESUAN_DB"])
        con.execute("DROP TABLE marts.fct_dq_findings")
        con.close()
        sys.exit(2)
    """)
    monkeypatch.setattr(build_mod, "dbt_command", lambda: failing)
    r = runner.invoke(app, ["build", "--db", str(loaded)])
    assert r.exit_code == 0 and "up to date" in r.output  # same documents, same models: dbt does not run
    r = runner.invoke(app, ["build", "--force", "--db", str(loaded)])
    assert r.exit_code == 1 and "dbt build failed" in r.stderr
    assert warehouse_query(loaded, "SELECT count(*) FROM marts.fct_dq_findings") == [(1,)]  # unchanged
    assert not [p for p in loaded.parent.iterdir() if ".wip-" in p.name]

    r = runner.invoke(app, ["build", "--force", "--publish-on-failure", "--db", str(loaded)])
    assert r.exit_code == 1 and "published anyway" in r.stderr
    assert warehouse_query(loaded, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'fct_dq_findings'") \
        == [(0,)]


# ------------------------------------------------------------------ report: units by name


def test_report_units_by_name_and_years(sample_warehouse_build, tmp_path):
    out = tmp_path / "report"
    r = invoke("report", "--db", sample_warehouse_build.path, "--out", out,
               "--units", "米易县集体土地征收补偿安置中心,资阳市土地开发整理中心", "--years", "2020-2023")
    assert r.exit_code == 0, r.output
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "指定单位：米易县集体土地征收补偿安置中心、资阳市土地开发整理中心；指定年度：2020、2021、2022、2023。" in html
    assert "共对比 <strong>2</strong> 个单位" in html


def test_report_reports_ambiguous_and_unknown_units(sample_warehouse_build, tmp_path):
    r = invoke("report", "--db", sample_warehouse_build.path, "--out", tmp_path, "--units", "中心,成都")
    assert r.exit_code == 2
    assert "'中心' matches 2 units" in r.stderr and "no unit matches '成都'" in r.stderr
    assert not (tmp_path / "index.html").exists(), "nothing runs before the units are resolved"


def test_report_units_need_built_marts(loaded, tmp_path):
    r = invoke("report", "--db", loaded, "--out", tmp_path, "--units", "米易")
    assert r.exit_code == 2 and "juesuan build" in r.stderr


# ------------------------------------------------------------------ test and docs through the lock


def test_juesuan_test_runs_dbt_test_on_a_copy_and_publishes_nothing(loaded, tmp_path, monkeypatch, warehouse_query):
    from loaders.store import build as build_mod

    calls = tmp_path / "calls.txt"
    fake = _fake_dbt(tmp_path, f"""
        import os, sys, duckdb
        with open({str(calls)!r}, "a") as fh:
            fh.write(" ".join(sys.argv[1:4]) + " " + os.environ["JUESUAN_DB"] + "\\n")
        con = duckdb.connect(os.environ["JUESUAN_DB"])
        # whatever dbt does to its copy stays there (raw.* are views over shards: empty this one)
        con.execute("CREATE OR REPLACE VIEW raw.facts AS SELECT * FROM _juesuan.facts")
        con.close()
        sys.exit(1 if "--select" in sys.argv and "failing" in sys.argv else 0)
    """)
    monkeypatch.setattr(build_mod, "dbt_command", lambda: fake)
    before = warehouse_query(loaded, "SELECT count(*) FROM raw.facts")
    r = invoke("test", "--db", loaded)
    assert r.exit_code == 0, r.output
    line = calls.read_text().splitlines()[0]
    assert line.startswith("test --project-dir") and str(loaded) not in line.split()[-1:], line
    assert warehouse_query(loaded, "SELECT count(*) FROM raw.facts") == before, "the copy is discarded"
    r = invoke("test", "--db", loaded, "--select", "failing")
    assert r.exit_code == 1 and "dbt test failed" in r.stderr
    assert not [p for p in loaded.parent.iterdir() if ".wip-" in p.name]


def test_juesuan_docs_serve_binds_to_localhost(loaded, tmp_path, monkeypatch):
    from loaders.store import build as build_mod

    calls = tmp_path / "calls.txt"
    fake = _fake_dbt(tmp_path, f"""
        import sys
        with open({str(calls)!r}, "a") as fh:
            fh.write(" ".join(sys.argv[1:]) + "\\n")
    """)
    monkeypatch.setattr(build_mod, "dbt_command", lambda: fake)
    r = invoke("docs", "--db", loaded, "--serve", "--port", "8123")
    assert r.exit_code == 0, r.output
    generate, serve = calls.read_text().splitlines()
    assert generate.startswith("docs generate")
    assert serve.startswith("docs serve --host 127.0.0.1 --port 8123 --no-browser")


def test_make_lab_allows_root_and_takes_lab_args():
    import os
    import subprocess

    r = subprocess.run(["make", "-n", "lab", "LAB_ARGS=--no-browser --port 8899"], cwd=REPO,
                       capture_output=True, text=True, timeout=60)
    line = [ln for ln in r.stdout.splitlines() if "jupyter lab" in ln][-1]
    assert line.endswith("--no-browser --port 8899")
    assert ("--allow-root" in line) == (os.geteuid() == 0)


def test_make_test_fast_and_docs_do_something():
    import subprocess

    r = subprocess.run(["make", "-n", "test-fast", "docs"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert 'pytest -q -m "not slow and not browser and not realdocs"' in r.stdout
    assert "loaders.present.codebook --write" in r.stdout and "juesuan docs" in r.stdout


def test_the_report_stamp_covers_the_report_code():
    """`juesuan report` skips the notebooks when its stamp is unchanged: the stamp must cover the
    code that makes the report (it once hashed a loaders/report.py that had moved away)."""
    from loaders.cli.building import report_inputs

    names = {p.relative_to(REPO).as_posix() for p in report_inputs()}
    assert "loaders/present/report.py" in names
    assert any(n.startswith("notebooks/") for n in names)
