"""Shared fixtures: a throw-away warehouse path and the sample corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# test helper modules shared across folders (prosekit, tablekit, the format-invariance builders)
# import by name whichever folder pytest collects first
TESTS = Path(__file__).resolve().parent
for _helpers in (TESTS, TESTS / "extract" / "prose", TESTS / "extract" / "tables"):
    if str(_helpers) not in sys.path:
        sys.path.append(str(_helpers))

from loaders.config import SAMPLES_DIR


@pytest.fixture
def tmp_warehouse(tmp_path: Path) -> Path:
    """Path of a warehouse file that does not exist yet, in its own folder under tmp_path."""
    folder = tmp_path / "warehouse"
    folder.mkdir()
    return folder / "juesuan.duckdb"


@pytest.fixture
def samples_dir() -> Path:
    return SAMPLES_DIR


@pytest.fixture
def warehouse_query():
    """warehouse_query(db_path, sql, params=None) -> rows, on a read-only connection closed right after."""
    from loaders.store.warehouse import connect_readonly

    def run(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
        con = connect_readonly(db_path, retries=0)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    return run


# ---------------------------------------------------------------------------------------------
# Shared sample warehouse (owned by the warehouse/notebooks work: tests/test_dbt_build.py,
# tests/test_notebooks.py, tests/test_report.py). The two samples are loaded and built ONCE per
# test session by the real pipeline (`juesuan load data/samples` + `juesuan build --no-docs
# --publish-on-failure`); each module asserts what it needs of the result (the dbt suite: a
# clean build; the notebooks: the marts they read). Read it read-only; never write to it.

import subprocess as _subprocess
import sys as _sys
from dataclasses import dataclass as _dataclass


@_dataclass(frozen=True)
class BuiltWarehouse:
    path: Path
    build_returncode: int
    build_output: str  # stdout of `juesuan build` (dbt's log lines and its Done. PASS=… summary)


@pytest.fixture(scope="session")
def sample_warehouse_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    repo = Path(__file__).resolve().parent.parent
    script = Path(_sys.executable).with_name("juesuan")
    cli = [str(script)] if script.exists() else [_sys.executable, "-m", "loaders.cli"]
    db = tmp_path_factory.mktemp("samples-warehouse") / "juesuan.duckdb"
    load = _subprocess.run(
        [*cli, "load", "-q", str(SAMPLES_DIR), "--db", str(db)],
        cwd=repo, capture_output=True, text=True, timeout=900,
    )
    assert load.returncode == 0, load.stdout[-4000:] + load.stderr[-2000:]
    build = _subprocess.run(
        [*cli, "build", "--no-docs", "--publish-on-failure", "--db", str(db)],
        cwd=repo, capture_output=True, text=True, timeout=900,
    )
    assert db.exists(), build.stdout[-4000:] + build.stderr[-2000:]
    return BuiltWarehouse(db, build.returncode, build.stdout + build.stderr)
