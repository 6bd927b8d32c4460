"""Parse + extract on every core, and on a Dask cluster: exactly the rows of a serial load."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.store.load import Limits, load_paths

from loadkit import make_sample_variants

FAST = Limits(timeout_s=120)
TABLE_ROWS = {
    "documents": "SELECT document_id, path, unit_name, fiscal_year, text_chars, is_current, superseded_by "
                 "FROM raw.documents ORDER BY 1",
    "facts": "SELECT document_id, fact_no, metric, value, amount_wan, evidence, char_start FROM raw.facts ORDER BY 1, 2",
    "blocks": "SELECT document_id, block_no, kind, text FROM raw.blocks ORDER BY 1, 2",
    "table_cells": "SELECT document_id, table_no, row_no, col_no, text FROM raw.table_cells ORDER BY 1, 2, 3, 4",
    "ledger": "SELECT seq, input_path, document_id, status, reason, facts FROM raw.load_ledger ORDER BY seq",
}


def snapshot(warehouse_query, db: Path) -> dict[str, list[tuple]]:
    return {name: warehouse_query(db, sql) for name, sql in TABLE_ROWS.items()}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    from loaders.config import SAMPLES_DIR

    folder = tmp_path_factory.mktemp("parallel") / "in"
    make_sample_variants(folder, 4)
    for f in SAMPLES_DIR.iterdir():
        (folder / f.name).write_bytes(f.read_bytes())
    (folder / "dup.txt").write_bytes((folder / "doc-001.txt").read_bytes())  # a duplicate inside the batch
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return folder


@pytest.fixture(scope="module")
def serial(batch, tmp_path_factory):
    db = tmp_path_factory.mktemp("serial") / "juesuan.duckdb"
    s = load_paths([batch], db, limits=FAST, workers=1, publish_every=3)
    assert s.counts["loaded"] == 6 and s.counts["duplicate"] == 1 and s.counts["quarantined"] == 1
    return db


def test_all_cores_give_exactly_the_serial_rows(batch, serial, tmp_path, warehouse_query):
    db = tmp_path / "wh" / "juesuan.duckdb"
    s = load_paths([batch], db, limits=FAST, workers=3, publish_every=2)
    assert [e.status for e in s.entries].count("loaded") == 6
    assert snapshot(warehouse_query, db) == snapshot(warehouse_query, serial)


@pytest.mark.slow
def test_a_two_worker_dask_cluster_gives_exactly_the_serial_rows(batch, serial, tmp_path, warehouse_query):
    from loaders.store.distributed import dask_client

    db = tmp_path / "wh" / "juesuan.duckdb"
    with dask_client("local", workers=2) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        s = load_paths([batch], db, limits=FAST, executor=client, workers=2)
    assert [e.status for e in s.entries].count("loaded") == 6
    assert snapshot(warehouse_query, db) == snapshot(warehouse_query, serial)
