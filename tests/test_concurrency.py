"""Readers and writers in separate processes: no lock errors, no partial states."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from loaders.config import PROJECT_ROOT
from loaders.store.load import Limits, load_paths

from loadkit import load_command, make_sample_variants, published_documents

READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    from loaders.store.warehouse import connect_readonly
    db, stop = Path(sys.argv[1]), Path(sys.argv[2])
    errors, counts, iterations = [], [], 0
    held = connect_readonly(db, retries=0)          # one connection held for the whole run
    print("ready", flush=True)
    while not stop.exists():
        try:
            held.execute("SELECT count(*), sum(value) FROM raw.facts").fetchone()
            fresh = connect_readonly(db, retries=0)   # and a fresh one per iteration: newest snapshot
            try:
                docs, texts, ledger = fresh.execute(
                    "SELECT (SELECT count(*) FROM raw.documents), (SELECT count(*) FROM raw.document_texts),"
                    " (SELECT count(*) FROM raw.load_ledger WHERE status = 'loaded')").fetchone()
            finally:
                fresh.close()
            counts.append(docs)
            if not (docs == texts == ledger):
                errors.append(f"partial state: {docs} documents, {texts} texts, {ledger} loaded ledger rows")
        except Exception as e:
            errors.append(f"{type(e).__name__}: {e}")
        iterations += 1
        time.sleep(0.005)
    held.close()
    print(json.dumps({"iterations": iterations, "counts": counts, "errors": errors[:5]}))
""")


@pytest.mark.slow
def test_reader_process_never_sees_a_lock_error_while_loading(tmp_path):
    db = tmp_path / "wh" / "juesuan.duckdb"
    seed = tmp_path / "seed"
    make_sample_variants(seed, 1, "seed")
    load_paths([seed], db, limits=Limits(timeout_s=60))
    batch = tmp_path / "batch"
    make_sample_variants(batch, 8, "batch")
    stop = tmp_path / "stop"

    reader = subprocess.Popen([sys.executable, "-c", READER, str(db), str(stop)], cwd=PROJECT_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert reader.stdout.readline().strip() == "ready"
        load = subprocess.run(load_command(batch, db), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
        time.sleep(0.2)
    finally:
        stop.touch()
        out, err = reader.communicate(timeout=60)
    assert load.returncode == 0, load.stderr
    assert "8 inputs: 8 loaded" in load.stdout
    assert reader.returncode == 0, err
    result = json.loads(out.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["iterations"] >= 20
    counts = result["counts"]
    assert counts == sorted(counts)  # snapshots only move forward
    assert counts[-1] == 9 and len(set(counts)) > 2  # the reader saw intermediate publishes


@pytest.mark.slow
def test_second_writer_waits_for_the_first(tmp_path):
    db = tmp_path / "wh" / "juesuan.duckdb"
    a, b = tmp_path / "a", tmp_path / "b"
    # enough documents (each published on its own) that the first load still holds the lock when
    # the second has started and warmed up (loaders/store/prepare.py warm_up, before the lock)
    make_sample_variants(a, 20, "a")
    make_sample_variants(b, 2, "b")
    first = subprocess.Popen(load_command(a, db), cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    deadline = time.monotonic() + 120
    while published_documents(db) < 1 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.01)
    assert first.poll() is None, "the first load finished too early to test waiting"
    second = subprocess.run(load_command(b, db), cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300)
    out1, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 0, second.stderr
    assert f"waiting for pid {first.pid}:" in second.stderr
    assert published_documents(db) == 22
