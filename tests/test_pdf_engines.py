"""The fast PDF reader (pypdfium2) gives the same facts as the pdfplumber reader.

Same (metric, value, unit, qualifier, evidence, page) on every PDF the project knows: the
PDFs the tests build, and — when ../shared/realdocs exists — the 普陀 决算, the template and
the twelve 预算 PDFs of realdocs/more. A difference is accepted only when it is a fact the
fast path finds that matches a golden expectation (tests/realdocs_more/<stem>.json, read by
eye) which the pdfplumber path misses; any other difference fails.
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

import builders as B
from loaders.extract import extract_facts
from loaders.formats import pdf_pdfium
from loaders.formats.pdf import parse_pdf

GOLDEN_DIR = Path(__file__).parent / "realdocs_more"
REAL_PDFS = sorted(B.REALDOCS.glob("*.pdf")) + sorted((B.REALDOCS / "more").glob("*.pdf")) if B.REALDOCS.is_dir() else []

Key = tuple[str, str, str, str, str, int]


def _key(f) -> Key:
    return (f.metric, str(f.value), f.unit or "", f.qualifier or "", f.evidence, f.location.page or 0)


@lru_cache(maxsize=None)
def _facts(data: bytes, engine: str) -> tuple[Counter, dict]:
    doc = parse_pdf(data, engine)
    return Counter(_key(f) for f in extract_facts(doc)), doc.meta


def _golden(stem: str) -> list[dict]:
    path = GOLDEN_DIR / f"{stem}.json"
    return json.loads(path.read_text(encoding="utf-8"))["expected"] if path.is_file() else []


def _matches(k: Key, expected: list[dict]) -> bool:
    metric, value, unit, qualifier, _evidence, page = k
    for e in expected:
        if (e["metric"], int(e["page"]), e.get("unit") or "") != (metric, page, unit):
            continue
        if Decimal(str(e["value"])) == Decimal(value) and (not e.get("qualifier") or e["qualifier"] == qualifier):
            return True
    return False


def assert_same_facts(data: bytes, stem: str = "") -> None:
    fast, meta = _facts(data, "pdfium")
    slow, _ = _facts(data, "pdfplumber")
    assert "pdf_engine_fallback" not in meta, meta.get("pdf_engine_fallback")
    expected = _golden(stem)
    only_fast = [k for k in (fast - slow).elements()]
    only_slow = [k for k in (slow - fast).elements()]
    unexplained = [k for k in only_fast if not _matches(k, expected)]
    assert not unexplained and not only_slow, {"only fast (no golden match)": unexplained, "only pdfplumber": only_slow}


# -- the PDFs the tests build ---------------------------------------------------------


def _built() -> dict[str, object]:
    import test_format_invariance as TF  # tests/extract/tables (on sys.path via conftest)

    out: dict[str, object] = {
        "sample": lambda: B.build_pdf(*B.sample_blocks()),
        "sample-default": lambda: B.build_pdf(),
        "wrapped-header": B.build_wrapped_header_pdf,
    }
    for style in ("—{n}—", "第{n}页", "{n}/3"):
        for three_line in (False, True):
            out[f"unruled-{style}-{three_line}"] = lambda s=style, t=three_line: B.build_unruled_pdf(s, t)
    for name, (title, tables, _) in TF.DOCS.items():
        out[f"tables-{name}-ruled"] = lambda ti=title, tb=tables: TF.build_pdf(ti, tb)
        out[f"tables-{name}-unruled"] = lambda ti=title, tb=tables: TF.build_pdf(ti, tb, ruled=False)
    return out


BUILT = _built()


@lru_cache(maxsize=None)
def _built_bytes(name: str) -> bytes:
    return BUILT[name]()  # fpdf2 is slow: build each test PDF once


@pytest.mark.skipif(not B.CJK_FONT.is_file(), reason="CJK font not installed")
@pytest.mark.parametrize("name", sorted(BUILT))
def test_built_pdfs_same_facts(name):
    data = _built_bytes(name)
    fast, _ = _facts(data, "pdfium")
    assert fast, "the builder's PDF gives facts (else the comparison says nothing)"
    assert_same_facts(data)


@pytest.mark.skipif(not B.CJK_FONT.is_file(), reason="CJK font not installed")
def test_same_document_text_and_tables_on_built_pdfs():
    """Beyond facts: the same reading text and table cells (page and text) from both readers."""
    for name in ("sample", "tables-A-ruled", "unruled-—{n}—-True"):
        data = _built_bytes(name)
        a, b = parse_pdf(data, "pdfium"), parse_pdf(data, "pdfplumber")
        assert a.text == b.text, name
        cells = lambda d: [[(c.text, c.location.page) for c in row] for t in d.tables for row in t.rows]  # noqa: E731
        assert cells(a) == cells(b), name


@pytest.mark.skipif(not B.CJK_FONT.is_file(), reason="CJK font not installed")
def test_same_meta_for_owner_password_and_blank_page():
    pdf = B._pdf()
    pdf.set_font("wqy", size=12)
    pdf.add_page()
    pdf.cell(0, 10, "二、收入决算情况说明：本年收入合计100.00万元。")
    pdf.add_page()  # no text
    pdf.add_page()
    pdf.cell(0, 10, "第三页正文")
    pdf.set_encryption(owner_password="owner")  # opens without a password
    data = bytes(pdf.output())
    a, b = parse_pdf(data, "pdfium"), parse_pdf(data, "pdfplumber")
    assert a.meta == b.meta
    assert a.meta["pages_without_text"] == [2] and a.meta["encrypted_no_password"] is True
    assert a.text == b.text and "本年收入合计100.00万元" in a.text


def _same_words_and_cells_as_pdfplumber(data: bytes) -> int:
    """The reader's own word grouping and cell search against pdfplumber's on every page."""
    import pypdfium2 as pdfium
    from pdfplumber.table import intersections_to_cells

    from loaders.formats import pdf_grid
    from loaders.formats.pdf_source import plumber_words, words_of_chars

    doc = pdfium.PdfDocument(data)
    n = 0
    try:
        for i in range(len(doc)):
            page = pdf_pdfium.read_page(doc, i)
            assert words_of_chars(page.chars) == plumber_words(page.chars), f"page {i + 1}"
            if page.edges:
                found = pdf_grid._Finder(pdf_grid._EdgePage(page.edges, page.bbox))
                assert found.cells == intersections_to_cells(found.intersections), f"page {i + 1}"
            n += len(page.chars)
    finally:
        doc.close()
    return n


@pytest.mark.skipif(not B.CJK_FONT.is_file(), reason="CJK font not installed")
def test_word_grouping_and_cells_are_pdfplumbers_on_built_pdfs():
    """The reader's word grouping and indexed cell search give exactly pdfplumber's words and cells."""
    assert sum(_same_words_and_cells_as_pdfplumber(_built_bytes(name)) for name in sorted(BUILT)) > 1000


@pytest.mark.realdocs
@pytest.mark.skipif(not REAL_PDFS, reason="../shared/realdocs not present (real PDFs are never committed)")
def test_word_grouping_and_cells_are_pdfplumbers_on_real_pdfs():
    assert sum(_same_words_and_cells_as_pdfplumber(p.read_bytes()) for p in REAL_PDFS) > 100_000


# -- a page pdfium cannot read ----------------------------------------------------------


@pytest.mark.skipif(not B.CJK_FONT.is_file(), reason="CJK font not installed")
def test_unreadable_page_falls_back_to_pdfplumber_with_reason(monkeypatch):
    import test_format_invariance as TF  # tests/extract/tables (on sys.path via conftest)

    title, tables, _ = TF.DOCS["A"]
    data = TF.build_pdf(title, tables)
    real = pdf_pdfium.read_page

    def flaky(doc, index, images=False):
        if index == 1:
            raise pdf_pdfium.PageUnreadable("pdfium: cannot load the page's text layer")
        return real(doc, index, images)

    monkeypatch.setattr(pdf_pdfium, "read_page", flaky)
    doc = parse_pdf(data, "pdfium")
    assert doc.meta["pdf_engine_fallback"] == [{"page": 2, "reason": "pdfium: cannot load the page's text layer"}]
    ref = parse_pdf(data, "pdfplumber")
    assert Counter(map(_key, extract_facts(doc))) == Counter(map(_key, extract_facts(ref)))
    assert any(f.location.page == 2 for f in extract_facts(doc))  # the fallback page still gives its facts


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown PDF engine"):
        parse_pdf(b"%PDF-1.4", "pdfminer")


# -- the real PDFs ----------------------------------------------------------------------


@pytest.mark.realdocs
@pytest.mark.skipif(not REAL_PDFS, reason="../shared/realdocs not present (real PDFs are never committed)")
@pytest.mark.parametrize("path", REAL_PDFS, ids=lambda p: p.stem)
def test_realdocs_same_facts(path):
    assert_same_facts(path.read_bytes(), path.stem)
