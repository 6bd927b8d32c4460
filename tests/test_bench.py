"""Smoke run of the bench (N = 20): every stage runs and reports its named measurements, and a
second build over the same documents is a no-op."""

from __future__ import annotations

import pytest

from loaders.bench.corpus import document_text, make_corpus, unit_name
from loaders.bench.run import STAGES, growth, run, table


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


@pytest.mark.slow
def test_bench_smoke_n20(tmp_path):
    rows = run([20], tmp_path, options={"serial"})
    r = rows[0]
    for name in ("docs_per_s", "cpu_s_per_doc", "cores_used", "peak_rss_mb", "warehouse_mb", "build_s",
                 "noop_build_s", "build_after_10_more_s", "serial_docs_per_s", "parallel_speedup"):
        assert r[name] > 0, name
    assert r["noop_build_s"] < r["build_s"] / 3  # nothing changed: no dbt run
    assert {name for name, _ in STAGES} >= {"corpus", "load", "serial", "build", "report"}
    text = table(rows)
    assert text.splitlines()[0].startswith("| n | corpus_mb | load_s | docs_per_s")
    assert growth(rows + [dict(r, n=40)])[0]["docs_per_s"] == pytest.approx(1.0)


def test_pdf_corpus_has_ten_pages_or_more(tmp_path):
    import pypdfium2

    (p,) = make_corpus(tmp_path, 1, start=3, fmt="pdf")
    assert len(pypdfium2.PdfDocument(str(p))) >= 10
