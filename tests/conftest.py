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

import aheadkit  # noqa: E402 - after the sys.path lines above
from loadkit import BuiltWarehouse, load_and_build  # noqa: E402


@aheadkit.ahead("sample_warehouse_build", anywhere=True)
def _sample_warehouse(out: Path) -> BuiltWarehouse:
    return load_and_build([SAMPLES_DIR], out / "juesuan.duckdb", publish_on_failure=True,
                          env=aheadkit.environment(out))


@pytest.fixture(scope="session")
def sample_warehouse_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltWarehouse:
    return aheadkit.made_ahead(tmp_path_factory, _sample_warehouse)


# ---------------------------------------------------------------------------------------------
# Warehouses made ahead (tests/aheadkit.py): once collected, the setup of the fixtures registered
# with aheadkit.ahead runs in a background thread, in the order the tests first need it.

def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    # the modules that wait for a job run last (in their order): their jobs are made meanwhile
    if aheadkit.enabled():
        aheadkit.modules_last(items)


def pytest_collection_finish(session: pytest.Session) -> None:
    aheadkit.start(session)


def pytest_sessionfinish(session: pytest.Session) -> None:
    aheadkit.stop()


def pytest_terminal_summary(terminalreporter) -> None:
    aheadkit.summary(terminalreporter.write_line)
