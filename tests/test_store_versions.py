"""Corrections and withdrawals: one current version per unit, year, kind and part, whatever the
order of loading; `juesuan remove` withdraws; a warehouse of the first storage version migrates."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from aheadkit import ahead, environment, made_ahead
from typer.testing import CliRunner

from loaders.cli import app
from loaders.store.load import Limits, load_paths
from loaders.store.schema import RAW_DDL
from loaders.store.shards import data_dir

FAST = Limits(timeout_s=60)
MIYI = "miyi-2023-land-expropriation-center.txt"
runner = CliRunner()


def versions(warehouse_query, db: Path) -> dict[str, tuple]:
    return {r[0]: r[1:] for r in warehouse_query(
        db, "SELECT file_name, superseded_by IS NOT NULL, is_current, withdrawn_reason FROM raw.documents")}


@pytest.fixture
def original_and_correction(tmp_path, samples_dir):
    folder = tmp_path / "in"
    folder.mkdir()
    src = (samples_dir / MIYI).read_text(encoding="utf-8")
    (folder / "a-original.txt").write_text(src, encoding="utf-8")
    (folder / "b-corrected.txt").write_text(src + "\n更正说明：第三部分一般公共预算财政拨款支出表数据有误，已更正。\n",
                                            encoding="utf-8")
    return folder


@pytest.mark.parametrize("order", ["original first", "correction first"])
def test_the_correction_is_current_whatever_the_order_of_loading(tmp_path, original_and_correction, warehouse_query,
                                                                 order):
    files = sorted(original_and_correction.iterdir())
    db = tmp_path / "wh" / "juesuan.duckdb"
    for f in (files if order == "original first" else files[::-1]):
        load_paths([f], db, limits=FAST)
    v = versions(warehouse_query, db)
    assert v["b-corrected.txt"] == (False, True, None)
    assert v["a-original.txt"][:2] == (True, False)  # kept in raw, superseded
    corrected_id = warehouse_query(db, "SELECT document_id FROM raw.documents WHERE file_name = 'b-corrected.txt'")[0][0]
    assert warehouse_query(db, "SELECT superseded_by FROM raw.documents WHERE file_name = 'a-original.txt'") == \
        [(corrected_id,)]
    # both versions' rows stay in raw; the current_* views the dbt sources read hold one
    assert warehouse_query(db, "SELECT count(DISTINCT document_id) FROM raw.facts") == [(2,)]
    assert warehouse_query(db, "SELECT DISTINCT document_id FROM raw.current_facts") == [(corrected_id,)]


def test_distinct_units_and_parts_are_never_superseded(tmp_path, samples_dir, warehouse_query, monkeypatch):
    from loaders.extract import metadata as metadata_mod

    src = (samples_dir / MIYI).read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    # a DQ mutant keeps its own unit identity: another unit name, same year and kind
    (folder / "mutant.txt").write_text(src.replace("米易县集体土地征收补偿安置中心", "米易县集体土地征收补偿安置中心变异一"),
                                       encoding="utf-8")
    (folder / "narrative.txt").write_text(src + "\n（说明）\n", encoding="utf-8")
    (folder / "tables.txt").write_text(src + "\n（表格）\n", encoding="utf-8")
    real = metadata_mod.document_metadata

    def with_part(doc):
        meta = real(doc)
        meta.part = "tables" if "（表格）" in doc.text else "narrative" if "（说明）" in doc.text else None
        return meta

    monkeypatch.setattr(metadata_mod, "document_metadata", with_part)
    db = tmp_path / "wh" / "juesuan.duckdb"
    load_paths([folder], db, limits=FAST)
    rows = warehouse_query(db, "SELECT file_name, unit_name, part, is_current FROM raw.documents ORDER BY 1")
    assert [r[0] for r in rows] == ["mutant.txt", "narrative.txt", "tables.txt"]
    assert rows[0][1] != rows[1][1]
    assert [r[2] for r in rows] == ["whole", "narrative", "tables"]
    assert all(r[3] for r in rows)  # a narrative + tables pair is one disclosure: neither supersedes the other


def test_remove_withdraws_and_the_previous_version_becomes_current(tmp_path, original_and_correction,
                                                                   warehouse_query):
    db = tmp_path / "wh" / "juesuan.duckdb"
    load_paths([original_and_correction], db, limits=FAST)
    corrected = warehouse_query(db, "SELECT document_id FROM raw.documents WHERE file_name = 'b-corrected.txt'")[0][0]
    r = runner.invoke(app, ["remove", corrected[:12], "--reason", "published by mistake", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert f"withdrawn {corrected}" in r.output
    v = versions(warehouse_query, db)
    assert v["b-corrected.txt"] == (False, False, "published by mistake")
    assert v["a-original.txt"] == (False, True, None)
    assert warehouse_query(db, "SELECT count(*) FROM raw.withdrawals") == [(1,)]
    r = runner.invoke(app, ["status", "--summary", "--db", str(db)])
    assert "versions: 0 superseded by a newer version, 1 withdrawn" in r.output, r.output
    r = runner.invoke(app, ["remove", "0000", "--db", str(db)])
    assert r.exit_code == 1 and "at least 8 characters" in r.stderr
    r = runner.invoke(app, ["remove", "ffffffffffff", "--db", str(db)])
    assert r.exit_code == 1 and "no document" in r.stderr


def test_a_warehouse_of_the_first_storage_version_is_migrated(tmp_path, samples_dir, warehouse_query):
    new = tmp_path / "new" / "juesuan.duckdb"
    load_paths([samples_dir], new, limits=FAST)
    legacy = tmp_path / "old" / "juesuan.duckdb"
    legacy.parent.mkdir()
    old_ddl = RAW_DDL.replace("    part            VARCHAR,               -- whole / narrative / tables (NULL read as whole)\n", "") \
        .replace("    published_on    DATE,                  -- date printed on the document, when known\n", "")
    assert "published_on" not in old_ddl
    con = duckdb.connect(str(legacy))
    con.execute(old_ddl)
    con.execute(f"ATTACH '{new}' AS n (READ_ONLY)")
    for t in ("documents", "document_texts", "blocks", "table_cells", "facts", "load_ledger"):
        cols = [r[0] for r in con.execute(f"SELECT column_name FROM information_schema.columns "
                                          f"WHERE table_catalog = 'juesuan' AND table_schema = 'raw' AND table_name = '{t}' "
                                          f"ORDER BY ordinal_position").fetchall()]
        con.execute(f"INSERT INTO raw.{t} SELECT {', '.join(cols)} FROM n.raw.{t}")
    con.execute("CREATE SCHEMA marts; CREATE TABLE marts.kept AS SELECT 42 AS answer")
    con.close()
    before = warehouse_query(legacy, "SELECT count(*) FROM raw.facts")
    assert not data_dir(legacy).exists()

    again = load_paths([samples_dir], legacy, limits=FAST, on_wait=None)
    assert [e.status for e in again.entries] == ["duplicate", "duplicate"]
    assert data_dir(legacy).exists()
    assert warehouse_query(legacy, "SELECT count(*) FROM raw.facts") == before
    assert warehouse_query(legacy, "SELECT table_type FROM information_schema.tables "
                                   "WHERE table_schema = 'raw' AND table_name = 'facts'") == [("VIEW",)]
    assert warehouse_query(legacy, "SELECT answer FROM marts.kept") == [(42,)]
    assert warehouse_query(legacy, "SELECT count(*) FROM raw.documents WHERE is_current") == [(2,)]


@ahead("corrected_samples")
def _load_and_build_the_samples_and_a_correction(tmp: Path):
    """The samples and a correction of the 米易 sample in one folder, `juesuan load` then (when the
    load succeeded) `juesuan build --no-docs` of it: (folder, warehouse, load run, build run)."""
    from loaders.config import SAMPLES_DIR
    from loadkit import juesuan

    folder = tmp / "in"
    shutil.copytree(SAMPLES_DIR, folder)
    src = (SAMPLES_DIR / MIYI).read_text(encoding="utf-8")
    (folder / "miyi-2023-corrected.txt").write_text(src + "\n更正说明：本公开内容已更正。\n", encoding="utf-8")
    db = tmp / "wh" / "juesuan.duckdb"
    load = juesuan("load", "-q", str(folder), "--db", str(db), env=environment(tmp))
    build = juesuan("build", "--no-docs", "--db", str(db), env=environment(tmp)) if load.returncode == 0 else None
    return folder, db, load, build


@pytest.fixture(scope="module")
def corrected_samples(tmp_path_factory):
    return made_ahead(tmp_path_factory, _load_and_build_the_samples_and_a_correction)


@pytest.mark.slow
def test_samples_plus_a_corrected_sample_build_with_one_current_version(corrected_samples, warehouse_query):
    from loadkit import juesuan

    folder, db, load, build = corrected_samples  # made ahead (tests/aheadkit.py)
    assert load.returncode == 0 and "3 loaded" in load.stdout, load.stdout + load.stderr
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-2000:]
    assert "ERROR=0" in build.stdout
    rows = warehouse_query(db, "SELECT file_name FROM marts.dim_document WHERE file_name IS NOT NULL ORDER BY 1")
    assert rows == [("miyi-2023-corrected.txt",), ("ziyang-2021-land-development-center.md",)]
    reload = juesuan("load", "-q", str(folder), "--db", str(db))
    assert "0 loaded, 3 duplicate" in reload.stdout, reload.stdout + reload.stderr
    again = juesuan("build", "--no-docs", "--db", str(db))
    assert again.returncode == 0 and "up to date" in again.stdout  # only ledger rows changed: no rebuild
    ledger = warehouse_query(db, "SELECT count(*) FROM staging.stg_juesuan__load_ledger")
    assert ledger == [(6,)]  # the staging views read the ledger live
