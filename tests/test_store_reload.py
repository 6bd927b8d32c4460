"""`juesuan reload --stale`: documents loaded by an older extractor are re-extracted in place,
their facts replaced (never duplicated), one document atomically at a time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from loaders.config import PROJECT_ROOT, SAMPLES_DIR
from loaders.extract import EXTRACTOR_VERSION
from loaders.store import reload as reload_mod
from loaders.store import writer
from loaders.store.load import load_paths

MIYI = "miyi-2023-land-expropriation-center.txt"
OLD = "2000.1-test"


def _load(tmp_path: Path) -> tuple[Path, Path]:
    src = tmp_path / "in" / MIYI
    src.parent.mkdir()
    shutil.copyfile(SAMPLES_DIR / MIYI, src)
    db = tmp_path / "w.duckdb"
    summary = load_paths([src], db, on_wait=None)
    assert summary.counts["loaded"] == 1
    return db, src


def _fake_old_extractor(db: Path) -> None:
    """What an older extractor left: fewer facts, one of them wrong, and its version."""
    with writer(db, on_wait=None) as con:
        con.execute("UPDATE raw.documents SET extractor_version = ?", [OLD])
        con.execute("DELETE FROM raw.facts WHERE fact_no >= 20")
        con.execute("UPDATE raw.facts SET metric = 'old_wrong_metric', extractor_version = ? WHERE fact_no = 0", [OLD])


def _q(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _facts(db: Path) -> list[tuple]:
    return _q(db, "SELECT fact_no, metric, value, qualifier, evidence, extractor_version FROM raw.facts ORDER BY fact_no")


def test_load_records_the_extractor_version_per_document(tmp_path: Path) -> None:
    db, _ = _load(tmp_path)
    assert _q(db, "SELECT extractor_version FROM raw.documents") == [(EXTRACTOR_VERSION,)]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert reload_mod.stale_documents(con) == []
    finally:
        con.close()


def test_reload_stale_replaces_the_old_facts_without_duplicates(tmp_path: Path) -> None:
    db, _ = _load(tmp_path)
    fresh = _facts(db)
    _fake_old_extractor(db)
    assert len(_facts(db)) == 20 and _facts(db) != fresh[:20]

    results = reload_mod.reload_stale(db, on_wait=None)

    assert [(r.ok, r.source, r.facts_before, r.facts_after) for r in results] == [
        (True, reload_mod.FROM_FILE, 20, len(fresh))]
    assert _facts(db) == fresh  # same facts as a fresh load: old ones gone, none twice
    assert _q(db, "SELECT count(*), count(DISTINCT fact_no) FROM raw.facts") == [(len(fresh), len(fresh))]
    assert _q(db, "SELECT count(*) FROM raw.facts WHERE metric = 'old_wrong_metric'") == [(0,)]
    assert _q(db, "SELECT count(*), min(extractor_version) FROM raw.documents") == [(1, EXTRACTOR_VERSION)]
    assert _q(db, "SELECT count(*) FROM raw.document_texts") == [(1,)]
    # nothing is stale any more: a second run does nothing
    assert reload_mod.reload_stale(db, on_wait=None) == []


def test_a_text_document_whose_file_is_gone_is_re_extracted_from_its_stored_text(tmp_path: Path) -> None:
    db, src = _load(tmp_path)
    fresh = _facts(db)
    _fake_old_extractor(db)
    src.unlink()
    [r] = reload_mod.reload_stale(db, on_wait=None)
    assert (r.ok, r.source) == (True, reload_mod.FROM_TEXT)
    assert [f[:5] for f in _facts(db)] == [f[:5] for f in fresh]
    assert _q(db, "SELECT file_name, format FROM raw.documents") == [(MIYI, "txt")]


def test_a_pdf_whose_file_is_gone_is_not_re_extracted_from_text_unless_asked(tmp_path: Path) -> None:
    db, src = _load(tmp_path)
    _fake_old_extractor(db)
    with writer(db, on_wait=None) as con:
        con.execute("UPDATE raw.documents SET format = 'pdf'")
    src.unlink()
    old = _facts(db)
    [r] = reload_mod.reload_stale(db, on_wait=None)
    assert not r.ok and "--from-text" in r.reason
    assert _facts(db) == old  # untouched
    [r] = reload_mod.reload_stale(db, allow_text=True, on_wait=None)
    assert r.ok and r.source == reload_mod.FROM_TEXT
    assert _q(db, "SELECT format FROM raw.documents") == [("pdf",)]


def test_a_failure_while_replacing_leaves_the_old_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, _ = _load(tmp_path)
    _fake_old_extractor(db)
    old = _facts(db)
    real_insert = reload_mod.insert_rows

    def failing_insert(con, table, rows):
        if table == "raw.facts":
            raise RuntimeError("disk full")
        real_insert(con, table, rows)

    monkeypatch.setattr(reload_mod, "insert_rows", failing_insert)
    [r] = reload_mod.reload_stale(db, on_wait=None)
    assert not r.ok and "disk full" in r.reason
    assert _facts(db) == old
    assert _q(db, "SELECT extractor_version FROM raw.documents") == [(OLD,)]
    assert _q(db, "SELECT count(*) FROM raw.blocks") != [(0,)]


def test_cli_reload_stale(tmp_path: Path) -> None:
    db, _ = _load(tmp_path)
    _fake_old_extractor(db)
    cli = [sys.executable, "-m", "loaders.cli", "reload"]
    bare = subprocess.run([*cli, "--db", str(db)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert bare.returncode == 2 and "--stale" in bare.stderr
    run = subprocess.run([*cli, "--stale", "--db", str(db)], cwd=PROJECT_ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "1 of 1 stale document re-extracted" in run.stdout
    assert _q(db, "SELECT extractor_version FROM raw.documents") == [(EXTRACTOR_VERSION,)]
