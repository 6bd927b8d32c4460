"""A load killed with SIGKILL mid-batch keeps what it published; the next run completes the
batch with no partial document and no duplicated rows."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loaders.config import PROJECT_ROOT
from loaders.store.load import Limits, load_paths

from loadkit import load_command, make_sample_variants, published_documents

N_DOCS = 10
TABLES = ("documents", "document_texts", "blocks", "table_cells", "facts")
KEYS = {
    "documents": "document_id",
    "document_texts": "document_id",
    "blocks": "document_id, block_no",
    "table_cells": "document_id, table_no, row_no, col_no",
    "facts": "document_id, fact_no",
}


def per_document_counts(warehouse_query, db: Path) -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {}
    for i, t in enumerate(TABLES):
        for doc_id, n in warehouse_query(db, f"SELECT document_id, count(*) FROM raw.{t} GROUP BY 1"):
            out.setdefault(doc_id, [0] * len(TABLES))[i] = n
    return {k: tuple(v) for k, v in out.items()}


def committed_documents(db: Path) -> int:
    """Documents listed by the committed manifest (what the next writer starts from)."""
    import duckdb

    from loaders.store.shards import read_manifest

    files = read_manifest(db).files(db, "documents")
    if not files:
        return 0
    return duckdb.connect().execute("SELECT count(*) FROM read_parquet(?)", [files]).fetchone()[0]


@pytest.mark.slow
def test_sigkill_mid_batch_then_rerun(tmp_path, warehouse_query):
    folder = tmp_path / "batch"
    make_sample_variants(folder, N_DOCS)
    reference_db = tmp_path / "ref" / "juesuan.duckdb"
    load_paths([folder], reference_db, limits=Limits(timeout_s=60))
    expected = per_document_counts(warehouse_query, reference_db)
    assert len(expected) == N_DOCS

    db = tmp_path / "wh" / "juesuan.duckdb"
    proc = subprocess.Popen(load_command(folder, db), cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    published = 0
    while time.monotonic() < deadline and proc.poll() is None:
        published = published_documents(db)
        if published >= 1:
            break
        time.sleep(0.01)
    still_running = proc.poll() is None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert still_running, "the load finished before it could be killed: make the batch bigger"
    at_kill = published_documents(db)
    assert 1 <= at_kill < N_DOCS

    # what the killed run published is complete: every document with all its rows
    partial = per_document_counts(warehouse_query, db)
    assert len(partial) == at_kill
    for doc_id, counts in partial.items():
        assert counts == expected[doc_id]
    ledger_ids = {r[0] for r in warehouse_query(db, "SELECT document_id FROM raw.load_ledger WHERE status = 'loaded'")}
    assert ledger_ids == set(partial)

    leftovers = [p for p in db.parent.iterdir() if ".wip-" in p.name]
    assert leftovers, "the killed writer's working copy should still be there"

    # the kill may land between the manifest commit and the catalog rename: the rerun then
    # publishes the committed manifest first, so its duplicates are the manifest's documents
    committed = committed_documents(db)
    assert at_kill <= committed <= at_kill + 1
    rerun = subprocess.run(load_command(folder, db), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{N_DOCS} inputs: {N_DOCS - committed} loaded, {committed} duplicate, 0 quarantined" in rerun.stdout

    assert per_document_counts(warehouse_query, db) == expected
    for t, key in KEYS.items():
        total, distinct = warehouse_query(db, f"SELECT count(*), count(DISTINCT ({key})) FROM raw.{t}")[0]
        assert total == distinct
    loaded_rows = warehouse_query(db, "SELECT document_id, count(*) FROM raw.load_ledger WHERE status = 'loaded' GROUP BY 1")
    assert len(loaded_rows) == N_DOCS and all(n == 1 for _, n in loaded_rows)
    assert not [p for p in db.parent.iterdir() if ".wip-" in p.name]
