"""OCR of scans and image-only pages (loaders/formats/pdf_ocr + ocr, extract/ocr_verify).

Every image page is built here: real PDF pages rendered by pypdfium2 and put back as
images (tests/ocrkit.py), so no scan is committed.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

import builders as B
from loaders.extract import extract_facts
from loaders.extract.metadata import document_metadata
from loaders.extract.ocr_verify import mark_ocr_facts
from loaders.formats import parse_bytes
from loaders.formats.pdf_ocr import OCR_PAGE_BUDGET_S, image_only_pages, ocr_time_budget
from loaders.store.prepare import extract_one
from ocrkit import image_pdf

PUTUO = B.REALDOCS / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
TABLE_PAGES = [6, 8, 10, 15]  # 收支总表, 收入决算表, 支出决算表, 一般公共预算财政拨款支出决算表


def _key(f):
    return (f.metric, f.subject_code or f.qualifier, f.period)


def _is_row_or_total(f) -> bool:
    return f.source == "table" and (f.subject_code is not None or "total" in f.metric or "合计" in f.evidence)


# ------------------------------------------------------------------ a scan of the real PDF


@pytest.fixture(scope="module")
def putuo_scan():
    if not PUTUO.exists():
        pytest.skip("../shared/realdocs missing")
    data = PUTUO.read_bytes()
    ref = [f for f in extract_one(data, PUTUO.name) if f.location.page in TABLE_PAGES]
    scan = image_pdf(data, TABLE_PAGES, dpi=150)
    doc = parse_bytes(scan, "scan.pdf")
    facts = mark_ocr_facts(doc, extract_facts(doc))
    # the scan keeps only TABLE_PAGES: its page i is the original's TABLE_PAGES[i-1]
    return ref, doc, facts


@pytest.mark.realdocs
@pytest.mark.slow
def test_scan_rows_and_totals_match_the_text_layer(putuo_scan):
    ref, doc, facts = putuo_scan
    assert doc.meta["extraction"] == "ocr" and doc.meta["ocr_pages"] == [1, 2, 3, 4]
    assert doc.meta["ocr_seconds"] > 0
    got: dict = {}
    for f in facts:
        got.setdefault(_key(f), []).append(f.value)
    wanted = [f for f in ref if _is_row_or_total(f)]
    assert len(wanted) >= 60
    equal = [f for f in wanted if f.value in got.get(_key(f), [])]
    assert len(equal) / len(wanted) >= 0.9, [(_key(f), f.value) for f in wanted if f not in equal]


@pytest.mark.realdocs
@pytest.mark.slow
def test_scan_values_that_differ_from_the_text_layer_are_flagged(putuo_scan):
    ref, _, facts = putuo_scan
    truth: dict = {}
    for f in ref:
        truth.setdefault(_key(f), set()).add(f.value)
    assert all(f.ocr_confidence is not None and 0 < f.ocr_confidence <= 1 for f in facts)
    wrong_unflagged = [
        (_key(f), f.value) for f in facts
        if f.value is not None and _key(f) in truth and f.value not in truth[_key(f)] and not f.ocr_unverified
    ]
    assert wrong_unflagged == []
    # identities hold on a clean scan: most OCR'd table amounts are confirmed
    table = [f for f in facts if f.source == "table"]
    assert sum(not f.ocr_unverified for f in table) / len(table) >= 0.8


# ------------------------------------------------------------ an image cover in a text PDF


def _cover_pdf(with_cover: bool = True) -> bytes:
    pdf = B._pdf()
    if with_cover:
        pdf.add_page()
        pdf.set_font("wqy", size=26)
        pdf.set_y(90)
        pdf.cell(0, 16, "上海市普陀区某某事务中心", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 16, "2023年度部门决算", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("wqy", size=15)
    pdf.cell(0, 10, "一、收入支出决算总体情况说明", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=12)
    pdf.multi_cell(0, 7, "　　本年收入总计100.00万元，支出总计100.00万元。", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_image_cover_gives_unit_and_year():
    text_pdf = _cover_pdf()
    scanned_cover = image_pdf(text_pdf, dpi=150, keep_text={2})
    assert image_only_pages(scanned_cover) == [1]
    doc = parse_bytes(scanned_cover, "cover.pdf")
    assert doc.meta["extraction"] == "mixed" and doc.meta["ocr_pages"] == [1]
    assert "普陀区某某事务中心" in doc.text
    meta = document_metadata(doc)
    assert meta.fiscal_year == 2023
    assert meta.unit_name and "某某事务中心" in meta.unit_name
    # the body alone names neither: the unit and year came from the OCR'd cover
    body = document_metadata(parse_bytes(_cover_pdf(with_cover=False), "body.pdf"))
    assert not (body.unit_name and "某某事务中心" in body.unit_name)


def test_ocr_budget_only_for_image_pages():
    text_pdf = _cover_pdf()
    assert ocr_time_budget(text_pdf, "a.pdf") == 0
    assert ocr_time_budget(image_pdf(text_pdf, keep_text={2}), "a.pdf") == OCR_PAGE_BUDGET_S
    assert ocr_time_budget(b"hello", "a.txt") == 0


# ------------------------------------------------------- identities decide what is trusted

SPEND = [
    ["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
    ["20106", "财政事务", "2,106.66", "1,503.52", "603.14"],
    ["2010601", "行政运行", "1,511.89", "1,503.52", "8.37"],
    ["2010602", "一般行政管理事务", "594.77", "", "594.77"],
]


def _as_if_ocr(table: list[list[str]]):
    """A text-layer table whose page is declared OCR'd: the checks see exactly these numbers."""
    doc = parse_bytes(B.build_pdf([("heading", "支出决算表")], table), "t.pdf")
    doc.meta["ocr_pages"] = [1]
    doc.meta["ocr_boxes"] = []
    return mark_ocr_facts(doc, extract_facts(doc))


def test_consistent_ocr_table_is_confirmed():
    facts = [f for f in _as_if_ocr(SPEND) if f.source == "table" and f.subject_code]
    assert len(facts) >= 8
    assert [f for f in facts if f.ocr_unverified] == []


def test_misread_digit_stays_flagged():
    bad = [row[:] for row in SPEND]
    bad[3][2] = "1,571.89"  # 1 read as 7
    facts = [f for f in _as_if_ocr(bad) if f.source == "table" and f.subject_code]
    misread = [f for f in facts if f.value == Decimal("1571.89")]
    assert misread and all(f.ocr_unverified for f in misread)
    # the parts whose other identities still hold stay confirmed
    assert any(not f.ocr_unverified for f in facts if f.value == Decimal("8.37"))


def test_ledger_records_extraction_quality_and_ocr_time(tmp_path):
    import subprocess
    import sys

    from loaders.store.warehouse import connect_readonly

    pdf = tmp_path / "cover.pdf"
    pdf.write_bytes(image_pdf(_cover_pdf(), dpi=150, keep_text={2}))
    (tmp_path / "text.pdf").write_bytes(_cover_pdf())
    db = tmp_path / "w.duckdb"
    subprocess.run([sys.executable, "-m", "loaders.cli", "load", str(pdf), str(tmp_path / "text.pdf"),
                    "--db", str(db), "--quiet"], check=True, capture_output=True, timeout=600)
    con = connect_readonly(db)
    try:
        rows = con.execute(
            "SELECT file_name, extraction, ocr_pages, ocr_seconds, unit_name, fiscal_year "
            "FROM raw.documents ORDER BY file_name").fetchall()
    finally:
        con.close()
    (c_name, c_kind, c_pages, c_secs, c_unit, c_year), (t_name, t_kind, t_pages, t_secs, _, _) = rows
    assert (c_name, c_kind, c_pages, c_year) == ("cover.pdf", "mixed", 1, 2023) and c_secs > 0
    assert "某某事务中心" in c_unit
    assert (t_name, t_kind, t_pages, t_secs) == ("text.pdf", "text", None, None)
