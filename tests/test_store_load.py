"""Loading into raw.*: samples, duplicates, versions, atomicity, exact money, publishing."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from loaders.extract import extract_facts
from loaders.formats import parse_file
from loaders.store import write as write_mod
from loaders.store.load import Limits, discover, load_paths

RAW_TABLES = ("documents", "document_texts", "blocks", "table_cells", "facts")
FAST = Limits(timeout_s=60)


def counts_by_document(warehouse_query, db: Path) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for t in RAW_TABLES:
        for doc_id, n in warehouse_query(db, f"SELECT document_id, count(*) FROM raw.{t} GROUP BY 1"):
            out.setdefault(doc_id, {})[t] = n
    return out


def test_load_samples_then_reload_gives_duplicates(tmp_warehouse, samples_dir, warehouse_query):
    files = discover([samples_dir])
    assert len(files) == 2
    first = load_paths([samples_dir], tmp_warehouse, limits=FAST)
    assert [e.status for e in first.entries] == ["loaded", "loaded"], [e.reason for e in first.entries]
    before = counts_by_document(warehouse_query, tmp_warehouse)
    assert len(before) == 2
    for doc_id, c in before.items():
        assert c["documents"] == 1 and c["document_texts"] == 1
        assert c["blocks"] > 10, c
    # the stored text is the decoded file, exactly (all offsets refer to it)
    for f in files:
        stored = warehouse_query(tmp_warehouse,
                       "SELECT t.text, d.text_chars FROM raw.document_texts t JOIN raw.documents d USING (document_id) "
                       "WHERE d.file_name = ?", [f.name])
        assert stored[0][0] == f.read_text(encoding="utf-8")
        assert stored[0][1] == len(stored[0][0])

    second = load_paths([samples_dir], tmp_warehouse, limits=FAST)
    assert [e.status for e in second.entries] == ["duplicate", "duplicate"]
    assert all("same bytes as" in e.reason for e in second.entries)
    assert counts_by_document(warehouse_query, tmp_warehouse) == before
    ledger = warehouse_query(tmp_warehouse, "SELECT run_id, status, count(*) FROM raw.load_ledger GROUP BY ALL ORDER BY ALL")
    assert sorted((r[1], r[2]) for r in ledger) == [("duplicate", 2), ("loaded", 2)]
    assert len({r[0] for r in ledger}) == 2


def test_facts_are_stored_exactly_as_extracted(tmp_warehouse, samples_dir, warehouse_query):
    load_paths([samples_dir], tmp_warehouse, limits=FAST)
    types = dict(warehouse_query(tmp_warehouse, "SELECT column_name, data_type FROM information_schema.columns "
                                      "WHERE table_schema = 'raw' AND table_name = 'facts'"))
    assert types["value"].startswith("DECIMAL") and types["amount_wan"].startswith("DECIMAL")
    for f in discover([samples_dir]):
        doc = parse_file(f)
        expected = extract_facts(doc)
        rows = warehouse_query(tmp_warehouse,
                     "SELECT fact_no, metric, value, amount_wan, unit, evidence, char_start, value_text FROM raw.facts "
                     "JOIN raw.documents USING (document_id) WHERE file_name = ? ORDER BY fact_no", [f.name])
        assert len(rows) == len(expected)
        for row, fact in zip(rows, expected):
            assert row[1] == fact.metric
            assert row[2] is None or isinstance(row[2], Decimal)
            assert row[2] == fact.value
            if fact.amount_wan is not None:
                assert row[3] == fact.amount_wan.quantize(Decimal("0.000001"))
            assert row[4] == fact.unit and row[5] == fact.evidence
            assert row[6] == fact.location.char_start and row[7] == fact.value_text
            if fact.location.char_start is not None and fact.location.char_end is not None:
                assert doc.text[fact.location.char_start:fact.location.char_end] in fact.evidence or \
                    fact.evidence in doc.text


def test_same_bytes_under_two_names_is_one_document(tmp_path, tmp_warehouse, samples_dir, warehouse_query):
    src = samples_dir / "miyi-2023-land-expropriation-center.txt"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(src, folder / "a.txt")
    shutil.copy(src, folder / "b.txt")
    s = load_paths([folder], tmp_warehouse, limits=FAST)
    assert [e.status for e in s.entries] == ["loaded", "duplicate"]
    assert s.entries[0].document_id == s.entries[1].document_id
    assert str(folder / "a.txt") in s.entries[1].reason
    assert warehouse_query(tmp_warehouse, "SELECT count(*) FROM raw.documents") == [(1,)]


def test_two_versions_of_one_unit_year_are_both_kept(tmp_path, tmp_warehouse, samples_dir, warehouse_query):
    src = (samples_dir / "miyi-2023-land-expropriation-center.txt").read_text(encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "v1.txt").write_text(src, encoding="utf-8")
    (folder / "v2.txt").write_text(src + "\n（更正版）\n", encoding="utf-8")
    s = load_paths([folder], tmp_warehouse, limits=FAST)
    assert [e.status for e in s.entries] == ["loaded", "loaded"]
    rows = warehouse_query(tmp_warehouse, "SELECT document_id, unit_name, fiscal_year, doc_kind FROM raw.documents ORDER BY file_name")
    assert len(rows) == 2 and rows[0][0] != rows[1][0]
    assert rows[0][1:] == rows[1][1:]  # same unit, year and kind: two versions, distinguished by document_id


def test_a_failure_mid_document_leaves_none_of_its_rows(tmp_path, tmp_warehouse, samples_dir, warehouse_query, monkeypatch):
    real_insert = write_mod.insert_rows

    def failing_insert(con, table, rows):  # rows: an Arrow table of one or of many documents
        if table == "raw.facts" and target_id in rows.column("document_id").to_pylist():
            raise RuntimeError("disk on fire")
        return real_insert(con, table, rows)

    import hashlib

    target = samples_dir / "ziyang-2021-land-development-center.md"
    target_id = hashlib.sha256(target.read_bytes()).hexdigest()
    monkeypatch.setattr(write_mod, "insert_rows", failing_insert)
    s = load_paths([samples_dir], tmp_warehouse, limits=FAST)
    by_name = {Path(e.input_path).name: e for e in s.entries}
    bad = by_name[target.name]
    assert bad.status == "quarantined" and bad.reason == "store failed: RuntimeError: disk on fire"
    assert bad.document_id == target_id
    assert by_name["miyi-2023-land-expropriation-center.txt"].status == "loaded"
    for t in RAW_TABLES:  # blocks and cells were inserted before facts, inside the same transaction
        assert warehouse_query(tmp_warehouse, f"SELECT count(*) FROM raw.{t} WHERE document_id = ?", [target_id]) == [(0,)]
    assert warehouse_query(tmp_warehouse, "SELECT status FROM raw.load_ledger WHERE document_id = ?", [target_id]) == \
        [("quarantined",)]
    # the fault is gone: the next run loads it completely
    monkeypatch.setattr(write_mod, "insert_rows", real_insert)
    s2 = load_paths([target], tmp_warehouse, limits=FAST)
    assert s2.entries[0].status == "loaded"
    assert warehouse_query(tmp_warehouse, "SELECT count(*) FROM raw.facts WHERE document_id = ?", [target_id])[0][0] == \
        s2.entries[0].facts


def test_every_input_gets_exactly_one_ledger_row(tmp_path, tmp_warehouse, samples_dir, warehouse_query):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / ".hidden.txt").write_text("2023年度部门决算", encoding="utf-8")
    (folder / "sub" / "empty.txt").write_bytes(b"")
    shutil.copy(samples_dir / "miyi-2023-land-expropriation-center.txt", folder / "sub" / "m.txt")
    missing = tmp_path / "does-not-exist.pdf"
    s = load_paths([folder, missing], tmp_warehouse, limits=FAST)
    assert [Path(e.input_path).name for e in s.entries] == ["empty.txt", "m.txt", "does-not-exist.pdf"]
    assert [e.status for e in s.entries] == ["quarantined", "loaded", "quarantined"]
    assert s.entries[0].reason == "empty file (0 bytes)" and s.entries[0].document_id is not None
    assert s.entries[2].reason == "no such file" and s.entries[2].document_id is None
    rows = warehouse_query(tmp_warehouse, "SELECT seq, input_path, status FROM raw.load_ledger WHERE run_id = ? ORDER BY seq",
                 [s.run_id])
    assert [(r[0], r[2]) for r in rows] == [(1, "quarantined"), (2, "loaded"), (3, "quarantined")]
    assert sum(s.counts.values()) == 3


def test_oversized_file_is_quarantined_without_reading_it(tmp_path, tmp_warehouse, monkeypatch):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:
        fh.truncate(150 * 1024 * 1024)  # sparse: costs no disk

    def no_read(self):
        raise AssertionError("an oversized file must not be read")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    s = load_paths([big], tmp_warehouse, limits=Limits(max_bytes=100 * 1024 * 1024))
    e = s.entries[0]
    assert e.status == "quarantined" and e.reason.startswith("oversized: 157.3 MB > 104.9")


def test_publishes_during_the_batch_and_cleans_stale_working_copies(tmp_path, tmp_warehouse, samples_dir):
    stale = tmp_warehouse.with_name(tmp_warehouse.name + ".wip-999999")
    stale.write_bytes(b"left by a killed writer")
    Path(str(stale) + ".wal").write_bytes(b"x")
    s = load_paths([samples_dir], tmp_warehouse, limits=FAST, publish_every=1)
    assert s.publishes == 2  # after document 1, and at the end
    assert not stale.exists() and not Path(str(stale) + ".wal").exists()
    leftovers = sorted(p.name for p in tmp_warehouse.parent.iterdir() if p.name != tmp_warehouse.name)
    assert leftovers == [".juesuan.lock", "juesuan.shards"], leftovers  # the lock and the raw shards
    assert not [p for p in (tmp_warehouse.parent / "juesuan.shards").rglob(".tmp-*")]
    shards = sorted(p.parent.name for p in (tmp_warehouse.parent / "juesuan.shards").rglob("*.parquet"))
    assert shards.count("documents") == 2 and shards.count("load_ledger") == 2  # one shard per table per publish


def test_approximate_amounts_stay_in_raw_but_out_of_the_current_facts(tmp_path, tmp_warehouse, warehouse_query):
    f = tmp_path / "approx.txt"
    f.write_text("某单位2023年度部门决算\n一、收入支出决算总体情况说明\n2023年度收、支总计约100.00万元。\n"
                 "二、支出决算情况说明\n2023年度支出合计88.00万元。\n", encoding="utf-8")
    s = load_paths([f], tmp_warehouse, limits=FAST)
    assert s.entries[0].status == "loaded", s.entries[0].reason
    rows = warehouse_query(tmp_warehouse, "SELECT value, approximate FROM raw.facts ORDER BY fact_no")
    assert (Decimal("100.0000"), True) in rows and (Decimal("88.0000"), False) in rows
    current = warehouse_query(tmp_warehouse, "SELECT value FROM raw.current_facts")
    assert (Decimal("88.0000"),) in current and (Decimal("100.0000"),) not in current
