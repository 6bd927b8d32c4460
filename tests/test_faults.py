"""Fault injection: SIGINT, SIGKILL and a full disk at every named fault point of load and build,
and a truncated warehouse. After each, the published warehouse opens, holds every document of
the last completed publish whole (no partial document) and a rerun completes with exactly the
rows of an uninterrupted load."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from loaders.config import PROJECT_ROOT
from loaders.store.faults import FAULT_ENV, POINTS
from loaders.store.load import Limits, load_paths

from loadkit import load_command, make_sample_variants
from test_interrupt import KEYS, per_document_counts

N_DOCS = 3
pytestmark = pytest.mark.slow
covered: set[str] = set()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("faults") / "batch"
    make_sample_variants(folder, N_DOCS)
    ref = folder.parent / "ref" / "juesuan.duckdb"
    load_paths([folder], ref, limits=Limits(timeout_s=60))
    return folder, ref


def run(cmd: list[str], fault: str | None = None, **kw) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
    if fault:
        env[FAULT_ENV] = fault
    return subprocess.run(cmd, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300, env=env,
                          start_new_session=True, **kw)


def assert_consistent(warehouse_query, db: Path, expected: dict) -> int:
    """Opens; every published document is whole and has its loaded ledger row; returns how many."""
    published = per_document_counts(warehouse_query, db)
    for doc_id, counts in published.items():
        assert counts == expected[doc_id]
    loaded = {r[0] for r in warehouse_query(db, "SELECT document_id FROM raw.load_ledger WHERE status = 'loaded'")}
    assert loaded == set(published)
    return len(published)


def assert_rerun_completes(warehouse_query, folder: Path, db: Path, expected: dict) -> None:
    rerun = run(load_command(folder, db))
    assert rerun.returncode == 0, rerun.stderr
    assert per_document_counts(warehouse_query, db) == expected
    for t, key in KEYS.items():
        total, distinct = warehouse_query(db, f"SELECT count(*), count(DISTINCT ({key})) FROM raw.{t}")[0]
        assert total == distinct
    assert not [p for p in db.parent.iterdir() if ".wip-" in p.name]
    assert not list((db.parent / "juesuan.shards").rglob(".tmp-*"))


# (fault, exit code, documents published at least, at most)
LOAD_FAULTS = [
    ("load.staged@2:INT", 130, 2, 2),      # Ctrl-C after document 2 committed: it is kept
    ("load.staged@2:KILL", -9, 1, 1),      # killed: document 2 was never published
    ("publish.shards@2:INT", 130, 2, 2),   # Ctrl-C while publishing: the publish finishes first
    ("publish.shards@2:KILL", -9, 1, 1),   # shards written, manifest not: invisible orphans
    ("publish.shards@2:ENOSPC", 1, 1, 2),  # disk full: one line, nothing half-published
    ("publish.manifest@2:KILL", -9, 1, 1), # manifest committed, catalog not: readers see the old one
    ("publish.manifest@2:INT", 130, 2, 2),
    ("publish.catalog@2:KILL", -9, 1, 1),
    ("publish.catalog@2:ENOSPC", 1, 1, 2),
]


@pytest.mark.parametrize("fault,code,low,high", LOAD_FAULTS)
def test_load_fault(corpus, tmp_path, warehouse_query, fault, code, low, high):
    folder, ref = corpus
    expected = per_document_counts(warehouse_query, ref)
    db = tmp_path / "wh" / "juesuan.duckdb"
    r = run(load_command(folder, db), fault)
    assert r.returncode == code, (r.stdout, r.stderr)
    if code in (130, 1):
        lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
        assert len(lines) == 1, r.stderr
        assert ("run the same command again" in lines[0]) if code == 130 else ("disk full" in lines[0])
    n = assert_consistent(warehouse_query, db, expected)
    assert low <= n <= high
    if code == 130:  # a stopped batch still gives every input its ledger row
        statuses = warehouse_query(db, "SELECT status FROM raw.load_ledger ORDER BY seq")
        assert len(statuses) == N_DOCS and statuses[-1] == ("skipped",), statuses
    covered.add(fault.split("@")[0])
    assert_rerun_completes(warehouse_query, folder, db, expected)


FAKE_DBT = textwrap.dedent("""
    import os, signal, sys, time, duckdb
    signal.signal(signal.SIGINT, lambda *a: sys.exit(130))  # like dbt: stops on Ctrl-C
    if sys.argv[1] == "build":
        time.sleep(float(os.environ.get("FAKE_DBT_SLEEP", "0")))
        con = duckdb.connect(os.environ["JUESUAN_DB"])
        con.execute("CREATE SCHEMA IF NOT EXISTS marts")
        con.execute("CREATE OR REPLACE TABLE marts.fct_documents AS SELECT document_id FROM raw.documents")
        con.close()
""")

BUILD_FAULTS = [
    ("build.dbt:INT", 130),      # Ctrl-C while dbt runs: the copy is discarded
    ("build.dbt:KILL", -9),
    ("build.verify:INT", 130),   # dbt succeeded, Ctrl-C before the publish
    ("build.verify:KILL", -9),
    ("build.verify:ENOSPC", 1),
]


@pytest.mark.parametrize("fault,code", BUILD_FAULTS)
def test_build_fault(corpus, tmp_path, warehouse_query, fault, code):
    folder, ref = corpus
    expected = per_document_counts(warehouse_query, ref)
    db = tmp_path / "wh" / "juesuan.duckdb"
    assert run(load_command(folder, db)).returncode == 0
    script = tmp_path / "fake_dbt.py"
    script.write_text(FAKE_DBT)
    build = [sys.executable, "-m", "loaders.cli", "build", "--no-docs", "--db", str(db)]
    env_dbt = {"JUESUAN_DBT": f"{sys.executable} {script}", "FAKE_DBT_SLEEP": "6" if "dbt" in fault else "0"}
    os.environ.update(env_dbt)
    try:
        t0 = time.monotonic()
        r = run(build, fault)
        assert r.returncode == code, (r.stdout, r.stderr)
        if "dbt" in fault:
            assert time.monotonic() - t0 < 6, "the fault should stop dbt, not wait for it"
        if code in (130, 1):
            assert len([ln for ln in r.stderr.splitlines() if ln.strip()]) == 1, r.stderr
        assert assert_consistent(warehouse_query, db, expected) == N_DOCS
        assert warehouse_query(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'marts'") \
            == [(0,)]  # nothing of the interrupted build was published
        covered.add(fault.split(":")[0])
        again = run(build)
        assert again.returncode == 0, again.stderr
        assert warehouse_query(db, "SELECT count(*) FROM marts.fct_documents") == [(N_DOCS,)]
        assert not [p for p in db.parent.iterdir() if ".wip-" in p.name]
    finally:
        for k in env_dbt:
            os.environ.pop(k, None)


def test_every_fault_point_was_exercised():
    if len(covered) < len(POINTS):
        pytest.skip("run with the whole module")  # pragma: no cover - only when run alone
    assert covered == set(POINTS)


def test_truncated_warehouse_gives_a_hint_and_is_rebuilt_from_the_shards(corpus, tmp_path, warehouse_query):
    folder, ref = corpus
    expected = per_document_counts(warehouse_query, ref)
    db = tmp_path / "wh" / "juesuan.duckdb"
    assert run(load_command(folder, db)).returncode == 0
    with open(db, "r+b") as fh:
        fh.truncate(db.stat().st_size // 3)
    status = run([sys.executable, "-m", "loaders.cli", "status", "--db", str(db)])
    assert status.returncode == 1
    lines = status.stderr.strip().splitlines()
    assert len(lines) == 1 and "damaged" in lines[0] and "juesuan repair" in lines[0], status.stderr
    repair = run([sys.executable, "-m", "loaders.cli", "repair", "--db", str(db)])
    assert repair.returncode == 0 and "repaired" in repair.stdout, repair.stderr
    assert per_document_counts(warehouse_query, db) == expected
    with open(db, "r+b") as fh:  # a writer repairs by itself too
        fh.truncate(4096)
    assert_rerun_completes(warehouse_query, folder, db, expected)


def test_sql_timeout_and_ctrl_c_cancel_the_query(corpus, tmp_path):
    folder, ref = corpus
    slow = "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b"
    base = [sys.executable, "-m", "loaders.cli", "sql", slow, "--db", str(ref)]
    t0 = time.monotonic()
    r = run([*base, "--timeout", "1"])
    assert r.returncode == 1 and "cancelled" in r.stderr and time.monotonic() - t0 < 20, r.stderr
    proc = subprocess.Popen(base, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    time.sleep(4)
    t1 = time.monotonic()
    os.kill(proc.pid, signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130 and "cancelled" in err, err
    assert time.monotonic() - t1 < 10
