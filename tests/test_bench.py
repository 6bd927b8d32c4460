"""Smoke run of the bench (N = 20): every stage runs and reports its named measurements, and a
second build over the same documents is a no-op.

The report stage runs its real code path (import, call on the bench's warehouse, timing,
size) with ``build_report`` replaced by a stand-in that writes a page: executing the four
notebooks would add ~60 s to a smoke that already takes ~70 s, and tests/test_report.py
runs them for real.

The smoke run is made ahead (tests/aheadkit.py: in a process of its own, while other tests run);
the test asserts on its rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from aheadkit import ahead, in_subprocess, made_ahead

from loaders.bench.corpus import document_text, make_corpus, unit_name
from loaders.bench.run import STAGES, growth, run, table, verdict
from loaders.store.warehouse import connect_readonly


def test_synthetic_documents_are_distinct_and_shaped_like_the_sample():
    from loaders.bench.corpus import BASE
    from loaders.extract import extract_facts
    from loaders.extract.metadata import document_metadata
    from loaders.formats import parse_bytes

    base = BASE.read_text(encoding="utf-8")
    metas, texts = [], set()
    for i in (0, 1, 13, 1601):
        text = document_text(i, base)
        assert len(text.encode("utf-8")) >= 30_000
        texts.add(text)
        doc = parse_bytes(text.encode("utf-8"), f"{i}.txt")
        meta = document_metadata(doc)
        metas.append((meta.unit_name, meta.fiscal_year))
        assert meta.unit_name == unit_name(i) and meta.kind == "决算"
        assert len(extract_facts(doc)) >= 100
    assert len(set(metas)) == len(metas) == len(texts)


def smoke_run(root: Path) -> tuple[list[dict[str, float]], list[list[str]]]:
    """The bench at N = 20 with the serial and report stages, ``build_report`` replaced by the
    stand-in; its rows and the marts the stand-in found. Run in a process of its own (the
    stand-in replaces build_report there only)."""
    import loaders.present.report as report_mod

    reported = []

    def fake_report(db, out):
        con = connect_readonly(db)
        try:
            reported.append(sorted(r[0] for r in con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'").fetchall()))
        finally:
            con.close()
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_bytes(b"x" * 300_000)

    report_mod.build_report = fake_report
    rows = run([20], root, options={"serial", "report"})
    return rows, reported


@ahead("smoke")
def _smoke(out: Path) -> tuple[list[dict[str, float]], list[list[str]]]:
    return in_subprocess("test_bench:smoke_run", out / "bench", out=out)


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    return made_ahead(tmp_path_factory, _smoke)


@pytest.mark.slow
def test_bench_smoke_n20(smoke):
    rows, reported = smoke
    r = rows[0]
    for name in ("docs_per_s", "cpu_s_per_doc", "writer_cpu_s_per_doc", "worker_cpu_s_per_doc", "cores_used",
                 "peak_rss_mb", "warehouse_mb", "build_s", "noop_build_s", "build_after_10_more_s",
                 "serial_docs_per_s", "parallel_speedup", "report_s", "end_to_end_s"):
        assert r[name] > 0, name
    assert r["noop_build_s"] < r["build_s"] / 3  # nothing changed: no dbt run
    assert reported and "dim_unit" in reported[0], "the report stage ran on the built warehouse"
    assert r["report_mb"] == pytest.approx(0.3) and r["report_failed"] == 0
    assert r["end_to_end_s"] == pytest.approx(r["load_s"] + r["build_s"] + r["report_s"])
    assert r["aim_s"] == pytest.approx(600 * 20 / 10_000)
    assert {name for name, _ in STAGES} >= {"corpus", "load", "serial", "build", "report", "end-to-end"}
    text = table(rows)
    assert text.splitlines()[0].startswith("| n | corpus_mb | load_s | docs_per_s")
    assert verdict(rows)[0].startswith("N=20: end to end (load+build+report)")
    assert growth(rows + [dict(r, n=40)])[0]["docs_per_s"] == pytest.approx(1.0)


def test_pdf_corpus_has_ten_pages_or_more(tmp_path):
    import pypdfium2

    (p,) = make_corpus(tmp_path, 1, start=3, fmt="pdf")
    assert len(pypdfium2.PdfDocument(str(p))) >= 10


def test_a_failing_stage_is_recorded_and_the_rest_still_run(tmp_path, monkeypatch):
    """A 10,000-document run lost every measurement when the build stage raised (a DuckDB
    internal error): a stage's failure is now a value of the row, and the later stages run."""
    from loaders.bench import run as bench_run

    def boom(ctx):
        raise RuntimeError("dbt build failed (exit code 2)\ndetails")

    monkeypatch.setattr(bench_run, "STAGES", [("boom", boom), ("after", lambda ctx: {"after_s": 1.0})])
    rows = bench_run.run([3], tmp_path)
    assert rows[0]["boom_failed"] == 1.0 and rows[0]["after_s"] == 1.0
