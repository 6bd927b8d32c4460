"""Incremental `juesuan build`: after new documents, a correction and a withdrawal, the marts equal,
row for row, a full rebuild of the same warehouse (EXCEPT ALL both ways, every table dbt builds).

Set A: four bench documents (each its own unit) and the 米易 2023 sample. Set B: two more bench
documents, the 米易 2022 document (same unit, the year before: it changes the 2023 document's
prior-year checks, so the unit's other documents must be rebuilt too), a correction of the 米易
2023 document (supersedes the A version) and `juesuan remove` of one A document.

The first build of each test (set A's; the 米易 sample's) is made ahead (tests/aheadkit.py: the
same load_paths and build calls, in a process of their own while other tests run); each test
asserts what that build said and goes on from the warehouse it left.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from aheadkit import ahead, in_subprocess, made_ahead

from loaders.bench.corpus import make_corpus
from loaders.config import SAMPLES_DIR
from loaders.store.build import build
from loaders.store.increment import BUILT, DELTA
from loaders.store.load import Limits, load_paths
from loaders.store.withdraw import withdraw

MIYI = "miyi-2023-land-expropriation-center.txt"
FAST = Limits(timeout_s=120)
BUILT_SCHEMAS = ("intermediate", "marts", "quality")


def _year_before(text: str) -> str:
    return re.sub(r"20(1\d|2\d)(?=年)", lambda m: str(int(m.group(0)) - 1), text)


def _snapshot(db: Path, out: Path) -> set[str]:
    """Every table dbt built, copied into the database file ``out``; their names."""
    mem = duckdb.connect(str(out))
    mem.execute(f"ATTACH '{db}' AS wh (READ_ONLY)")
    tables = mem.execute("SELECT table_schema, table_name FROM information_schema.tables WHERE table_catalog = 'wh' "
                         f"AND table_schema IN {BUILT_SCHEMAS} AND table_type = 'BASE TABLE' "
                         # the build's own bookkeeping (scope, delta) differs by construction
                         "AND table_name NOT LIKE 'int\\_build\\_%' ESCAPE '\\' ORDER BY 1, 2").fetchall()
    for schema, table in tables:
        mem.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
        mem.execute(f"CREATE TABLE {schema}.{table} AS SELECT * FROM wh.{schema}.{table}")
    mem.execute("DETACH wh")
    mem.close()
    return {f"{s}.{t}" for s, t in tables}


def _inputs(root: Path) -> tuple[Path, Path, str]:
    miyi = (SAMPLES_DIR / MIYI).read_text(encoding="utf-8")
    a, b = root / "set-a", root / "set-b"
    a.mkdir()
    b.mkdir()
    bench = make_corpus(root / "bench", 6)
    for f in bench[:4]:
        (a / f.name).write_bytes(f.read_bytes())
    for f in bench[4:]:
        (b / f.name).write_bytes(f.read_bytes())
    (a / "miyi-2023.txt").write_text(miyi, encoding="utf-8")
    (b / "miyi-2022.txt").write_text(_year_before(miyi), encoding="utf-8")
    (b / "miyi-2023-corrected.txt").write_text(
        miyi + "\n更正说明：第三部分一般公共预算财政拨款支出表数据有误，已更正。\n", encoding="utf-8")
    return a, b, bench[0].name


def load_and_build_set_a(root: Path) -> tuple[Path, Path, str, bool, list[str]]:
    """The inputs, set A loaded and built: (warehouse, set B, the A document to withdraw, what
    build returned, what it said). Run in a process of its own (tests/aheadkit.py)."""
    set_a, set_b, removed_name = _inputs(root)
    db = root / "wh" / "juesuan.duckdb"
    said: list[str] = []
    load_paths([set_a], db, limits=FAST, on_wait=None)
    built = build(db, docs=False, on_wait=None, echo=said.append)
    return db, set_b, removed_name, built, said


@ahead("set_a_built")
def _set_a_built(out: Path):
    return in_subprocess("test_incremental_build:load_and_build_set_a", out, out=out)


@pytest.fixture(scope="module")
def set_a_built(tmp_path_factory):
    return made_ahead(tmp_path_factory, _set_a_built)


def test_an_incremental_build_equals_a_full_rebuild(tmp_path, set_a_built, warehouse_query):
    db, set_b, removed_name, built, said = set_a_built
    assert built
    assert said[-1].startswith("full build")

    load_paths([set_b], db, limits=FAST, on_wait=None)
    removed = warehouse_query(db, "SELECT document_id FROM raw.documents WHERE file_name = ?", [removed_name])[0][0]
    withdraw(db, [removed], reason="test", on_wait=None)
    said.clear()
    assert build(db, docs=False, on_wait=None, echo=said.append)
    # the new documents, the correction, the superseded A version and the withdrawn document
    assert said[-1] == "incremental build: 6 document(s) changed since the last build", said
    scope = {r[0] for r in warehouse_query(db, "SELECT document_id FROM intermediate.int_build_scope")}
    current = {r[0] for r in warehouse_query(db, "SELECT document_id FROM raw.current_documents")}
    assert removed in scope and len(scope & current) < len(current)  # not everything was rebuilt
    assert removed not in {r[0] for r in warehouse_query(db, "SELECT document_id FROM marts.dim_document")}
    assert warehouse_query(db, "SELECT count(*) FROM marts.fct_budget_totals WHERE document_id = ?", [removed]) == [(0,)]
    incremental = _snapshot(db, tmp_path / "incremental.duckdb")

    said.clear()
    assert build(db, docs=False, on_wait=None, echo=said.append, full_refresh=True)
    assert said[-1] == "full build (--full-refresh)"
    full = _snapshot(db, tmp_path / "full.duckdb")
    assert incremental == full and len(full) > 40
    con = duckdb.connect()
    con.execute(f"ATTACH '{tmp_path / 'incremental.duckdb'}' AS inc (READ_ONLY)")
    con.execute(f"ATTACH '{tmp_path / 'full.duckdb'}' AS f (READ_ONLY)")
    differ = {}
    for name in sorted(full):
        extra = con.execute(f"SELECT count(*) FROM (FROM inc.{name} EXCEPT ALL FROM f.{name})").fetchone()[0]
        missing = con.execute(f"SELECT count(*) FROM (FROM f.{name} EXCEPT ALL FROM inc.{name})").fetchone()[0]
        if (extra, missing) != (0, 0):
            differ[name] = (extra, missing)
    assert differ == {}, f"(rows only in the incremental build, only in the full one): {differ}"
    # and neither build keeps rows of the withdrawn document
    assert con.execute("SELECT count(*) FROM f.marts.fct_budget_totals WHERE document_id = ?",
                       [removed]).fetchone()[0] == 0


def load_and_build_the_sample(root: Path) -> tuple[Path, bool]:
    """The 米易 sample loaded and built: (warehouse, what build returned). Run in a process of its
    own (tests/aheadkit.py)."""
    db = root / "wh" / "juesuan.duckdb"
    load_paths([SAMPLES_DIR / MIYI], db, limits=FAST, on_wait=None)
    return db, build(db, docs=False, on_wait=None, echo=lambda s: None)


@ahead("sample_built")
def _sample_built(out: Path):
    return in_subprocess("test_incremental_build:load_and_build_the_sample", out, out=out)


@pytest.fixture(scope="module")
def sample_built(tmp_path_factory):
    return made_ahead(tmp_path_factory, _sample_built)


def test_changed_models_rebuild_everything_and_nothing_changed_is_a_no_op(sample_built):
    db, built = sample_built
    said: list[str] = []
    assert built
    assert not build(db, docs=False, on_wait=None, echo=said.append)  # nothing changed: no dbt at all
    con = duckdb.connect(str(db))
    try:
        con.execute("UPDATE _juesuan.state SET value = 'another project' WHERE key = 'built_project'")
        con.execute("UPDATE _juesuan.state SET value = 'another stamp' WHERE key = 'built_from'")
        assert con.execute(f"SELECT count(*) FROM {BUILT}").fetchone()[0] == 1
        assert con.execute(f"SELECT count(*) FROM {DELTA}").fetchone()[0] == 1  # the first build's delta: the sample
    finally:
        con.close()
    said.clear()
    assert build(db, docs=False, on_wait=None, echo=said.append)
    assert said[-1] == "full build (models, seeds or macros changed since the last build)"
