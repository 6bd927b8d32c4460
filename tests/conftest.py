"""Shared fixtures: a throw-away warehouse path and the sample corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

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
