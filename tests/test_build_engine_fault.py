"""A build that hits an assertion of DuckDB itself (``INTERNAL Error``: an engine bug, seen once in
a 10,000-document build) is run again once, in full, and published when that succeeds; a model's
own error is reported as it is, never retried (loaders/store/build.py)."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from loaders.config import PROJECT_ROOT, SAMPLES_DIR
from loaders.store import build as build_mod
from loaders.store.build import BuildFailed, build, engine_fault, results_stamp
from loadkit import juesuan

INTERNAL = ("Runtime Error in model int_units_canonicalised (models/intermediate/int_units_canonicalised.sql)\n"
            "  INTERNAL Error: dict-surviving cache: global dictionary column 2 changed identity after being "
            "seeded for dictionary caching")
BINDER = "Runtime Error in model fct_x (models/marts/fct_x.sql)\n  Binder Error: column \"y\" not found"


def _write_results(target: Path, message: str, status: str = "error") -> None:
    target.mkdir(parents=True, exist_ok=True)
    results = [{"unique_id": "model.juesuan.stg_juesuan__facts", "status": "success", "message": "OK"},
               {"unique_id": "model.juesuan.int_units_canonicalised", "status": status, "message": message}]
    (target / "run_results.json").write_text(json.dumps({"results": results}), encoding="utf-8")


def test_engine_fault_reads_the_runs_own_results(tmp_path, monkeypatch):
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    assert results_stamp(PROJECT_ROOT) is None
    assert engine_fault(PROJECT_ROOT, None) is None  # no results file
    _write_results(tmp_path / "target", INTERNAL)
    assert engine_fault(PROJECT_ROOT, None) == (
        "model.juesuan.int_units_canonicalised: INTERNAL Error: dict-surviving cache: global dictionary "
        "column 2 changed identity after being seeded for dictionary caching")
    before = results_stamp(PROJECT_ROOT)
    assert engine_fault(PROJECT_ROOT, before) is None  # still the file seen before the run
    _write_results(tmp_path / "target", BINDER)
    assert engine_fault(PROJECT_ROOT, None) is None  # a model's error is not the engine's
    _write_results(tmp_path / "target", INTERNAL, status="success")
    assert engine_fault(PROJECT_ROOT, None) is None
    (tmp_path / "target" / "run_results.json").write_text("{not json", encoding="utf-8")
    assert engine_fault(PROJECT_ROOT, None) is None


def test_results_written_by_the_run_count_even_when_their_mtime_reads_before_its_start(tmp_path, monkeypatch):
    """File times come from the kernel's coarse clock: a file written just after ``time.time()``
    can carry an earlier mtime. The run's own results are told by the file changing, not by clocks."""
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    _write_results(tmp_path / "target", BINDER)
    before = results_stamp(PROJECT_ROOT)
    started = time.time()
    _write_results(tmp_path / "target", INTERNAL + " and a longer message")
    path = tmp_path / "target" / "run_results.json"
    os.utime(path, (started - 0.004, started - 0.004))  # what a coarse file clock can give
    assert engine_fault(PROJECT_ROOT, before) is not None
    # a run that died before writing leaves the old file exactly as it was
    before = results_stamp(PROJECT_ROOT)
    assert engine_fault(PROJECT_ROOT, before) is None


@pytest.fixture
def loaded(tmp_warehouse, tmp_path, monkeypatch):
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "logs"))
    done = juesuan("load", "-q", str(SAMPLES_DIR / "miyi-2023-land-expropriation-center.txt"), "--db", str(tmp_warehouse))
    assert done.returncode == 0, done.stderr[-2000:]
    return tmp_warehouse, tmp_path / "target"


def _faking(first_message: str, target: Path, calls: list):
    real = build_mod.run_dbt

    def run_dbt(args, db_path, project_dir, flags=()):
        calls.append((list(args), tuple(flags)))
        if args[:1] == ["build"] and len(calls) == 1:  # the first dbt build "fails"
            _write_results(target, first_message)
            return 1
        return real(args, db_path, project_dir, flags)

    return run_dbt


@pytest.mark.slow
def test_an_engine_fault_is_built_again_in_full_and_published(loaded, monkeypatch, warehouse_query):
    db, target = loaded
    calls: list = []
    said: list[str] = []
    monkeypatch.setattr(build_mod, "run_dbt", _faking(INTERNAL, target, calls))
    assert build(db, docs=False, echo=said.append) is True
    assert [c for c in calls if c[0] == ["build"]][1][1] == ("--full-refresh",)
    assert any("internal assertion" in s and "int_units_canonicalised" in s for s in said), said
    assert any(s.startswith("full build (again") for s in said), said
    assert warehouse_query(db, "SELECT count(*) FROM marts.fct_spending_by_function")[0][0] > 0


def test_a_models_own_error_is_not_retried(loaded, monkeypatch, warehouse_query):
    db, target = loaded
    calls: list = []
    monkeypatch.setattr(build_mod, "run_dbt", _faking(BINDER, target, calls))
    with pytest.raises(BuildFailed, match="dbt build failed"):
        build(db, docs=False, echo=lambda s: None)
    assert [c[0] for c in calls] == [["build"]]
    tables = warehouse_query(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'marts'")
    assert tables[0][0] == 0  # nothing was published
