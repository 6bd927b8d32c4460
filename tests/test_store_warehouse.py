"""The writer lock, working copies, atomic publishing and read-only connections."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import duckdb
import pytest

from loaders.store.warehouse import (
    WarehouseBusy,
    WarehouseMissing,
    connect_readonly,
    writer,
    writer_lock,
)


def _count(db, table="t"):
    con = connect_readonly(db, retries=0)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_missing_warehouse_message(tmp_warehouse):
    with pytest.raises(WarehouseMissing, match=r"no warehouse yet at .*: run `juesuan load`"):
        connect_readonly(tmp_warehouse)


def test_writer_publishes_on_success_and_discards_on_error(tmp_warehouse):
    with writer(tmp_warehouse) as con:
        con.execute("CREATE TABLE t AS SELECT range AS i FROM range(5)")
        assert not tmp_warehouse.exists()  # nothing is visible before the publish
    assert _count(tmp_warehouse) == 5
    assert _count(tmp_warehouse, "raw.documents") == 0  # the raw schema comes with every warehouse

    with pytest.raises(RuntimeError):
        with writer(tmp_warehouse) as con:
            con.execute("INSERT INTO t SELECT 99")
            raise RuntimeError("half way")
    assert _count(tmp_warehouse) == 5
    assert sorted(p.name for p in tmp_warehouse.parent.iterdir()) == [".juesuan.lock", "juesuan.duckdb"]


def test_reader_keeps_its_snapshot_across_a_publish(tmp_warehouse):
    with writer(tmp_warehouse) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS i")
    reader = connect_readonly(tmp_warehouse, retries=0)
    try:
        with writer(tmp_warehouse) as con:
            con.execute("INSERT INTO t SELECT 2")
        assert reader.execute("SELECT count(*) FROM t").fetchone()[0] == 1
    finally:
        reader.close()
    assert _count(tmp_warehouse) == 2


def test_second_writer_waits_with_a_message(tmp_warehouse):
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from pathlib import Path
            from loaders.store.warehouse import writer_lock
            with writer_lock(Path({str(tmp_warehouse)!r})):
                print("held", flush=True)
                time.sleep(1.5)
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        messages = []
        t0 = time.monotonic()
        with writer_lock(tmp_warehouse, on_wait=messages.append):
            waited = time.monotonic() - t0
        assert waited > 0.5
        assert len(messages) == 1
        assert messages[0].startswith(f"waiting for pid {holder.pid}: ") and ".juesuan.lock" in messages[0]
    finally:
        holder.wait(10)


def test_readonly_retries_while_someone_holds_the_file_read_write(tmp_warehouse):
    with writer(tmp_warehouse) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS i")
    rogue = subprocess.Popen(  # e.g. a hand-run dbt opening the published file directly
        [sys.executable, "-c", textwrap.dedent(f"""
            import duckdb, time
            con = duckdb.connect({str(tmp_warehouse)!r})
            print("open", flush=True)
            time.sleep(1.5)
            con.close()
        """)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert rogue.stdout.readline().strip() == "open"
        with pytest.raises(WarehouseBusy, match="locked read-write by another process"):
            connect_readonly(tmp_warehouse, retries=0)
        notices = []
        con = connect_readonly(tmp_warehouse, retries=40, delay_s=0.1, on_retry=notices.append)
        try:
            assert con.execute("SELECT count(*) FROM t").fetchone()[0] == 1
        finally:
            con.close()
        assert notices and "locked by another process" in notices[0]
    finally:
        rogue.wait(10)


def test_readonly_connection_cannot_write(tmp_warehouse):
    with writer(tmp_warehouse) as con:
        con.execute("CREATE TABLE t AS SELECT 1 AS i")
    con = connect_readonly(tmp_warehouse)
    try:
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("INSERT INTO t VALUES (2)")
    finally:
        con.close()


def test_a_warehouse_loaded_through_a_relative_path_opens_from_anywhere(tmp_path, monkeypatch):
    """The catalog records where its shards are: a load given a relative --db must record an
    absolute folder, or every reader in another cwd (the report's notebooks) saw the warehouse as
    'moved or copied' (the 10,000-document bench report failed so)."""
    from pathlib import Path

    from loaders.config import SAMPLES_DIR
    from loaders.store.load import load_paths
    from loaders.store.warehouse import connect_readonly

    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    load_paths([SAMPLES_DIR / "miyi-2023-land-expropriation-center.txt"], Path("wh") / "juesuan.duckdb")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    con = connect_readonly(work / "wh" / "juesuan.duckdb")
    try:
        assert con.execute("select count(*) from raw.facts").fetchone()[0] > 100
    finally:
        con.close()
