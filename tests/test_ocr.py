"""OCR of scans and image-only pages (loaders/formats/pdf_ocr + ocr, extract/ocr_verify).

Every image page is built here: real PDF pages rendered by pypdfium2 and put back as
images (tests/ocrkit.py), so no scan is committed.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from aheadkit import ahead, in_subprocess, made_ahead

import builders as B
from loaders.extract import extract_facts
from loaders.extract.metadata import document_metadata
from loaders.extract.ocr_verify import mark_ocr_facts
from loaders.formats import parse_bytes
from loaders.formats.pdf_ocr import OCR_PAGE_BUDGET_S, image_only_pages, ocr_time_budget
from loaders.store.prepare import extract_one
from ocrkit import image_pdf, text_page_with_table_image

PUTUO = B.REALDOCS / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
TABLE_PAGES_300 = [6, 8, 10, 11, 15]  # 收支总表, 收入决算表, 支出决算表 (and its next page), 一般公共预算财政拨款支出决算表
NO_REALDOCS = "../shared/realdocs missing (the 普陀 2024 PDF): the scan of a real document cannot run"


def _key(f):
    return (f.metric, f.subject_code or f.qualifier, f.period)


def _is_row_or_total(f) -> bool:
    return f.source == "table" and (f.subject_code is not None or "total" in f.metric or "合计" in f.evidence)


# ------------------------------------------------------------------ a scan of the real PDF


def scan(pages: list[int] | None, dpi: int):
    """The 普陀 PDF (``pages`` of it, all when None) rendered at ``dpi`` into an image-only PDF
    and loaded as the loader loads any scan (OCR at its own resolution, ``OCR_DPI``), its pages
    spread over one process per core; and the text layer's facts of the same pages."""
    import os

    data = PUTUO.read_bytes()
    ref = extract_one(data, PUTUO.name)
    if pages:
        ref = [f for f in ref if f.location.page in pages]
    scan = image_pdf(data, pages, dpi=dpi)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUESUAN_OCR_WORKERS", str(os.cpu_count() or 1))
        doc = parse_bytes(scan, "scan.pdf")
    facts = mark_ocr_facts(doc, extract_facts(doc))
    return ref, doc, facts


def _needs_dpi(dpi: int):
    return lambda item: PUTUO.exists() and item.callspec.params.get("dpi") == dpi


# made ahead (tests/aheadkit.py), each in a process of its own, for the tests that ask for it
@ahead("putuo_scans", when=_needs_dpi(150))
def _scan_150(out: Path):
    return in_subprocess("test_ocr:scan", None, 150, out=out)


@ahead("putuo_scans", when=_needs_dpi(300))
def _scan_300(out: Path):
    return in_subprocess("test_ocr:scan", TABLE_PAGES_300, 300, out=out)


@pytest.fixture(scope="module")
def putuo_scans(tmp_path_factory):
    """dpi -> the scan at that resolution, made once per run when first asked for (nothing is
    kept across runs: every run renders and OCRs)."""

    def get(dpi: int):
        if not PUTUO.exists():
            pytest.skip(NO_REALDOCS)
        return made_ahead(tmp_path_factory, _scan_150 if dpi == 150 else _scan_300)

    return get


def _equal_share(ref, facts) -> tuple[float, list]:
    got: dict = {}
    for f in facts:
        got.setdefault(_key(f), []).append(f.value)
    wanted = [f for f in ref if _is_row_or_total(f)]
    missed = [(f.location.page, _key(f), f.value) for f in wanted if f.value not in got.get(_key(f), [])]
    return 1 - len(missed) / len(wanted), missed


@pytest.mark.realdocs
@pytest.mark.slow
@pytest.mark.parametrize("dpi, n_pages, min_rows", [(150, 25, 140), (300, 5, 80)])
def test_scan_rows_and_totals_match_the_text_layer(putuo_scans, dpi, n_pages, min_rows):
    from loaders.formats.pdf_ocr import OCR_DPI

    ref, doc, facts = putuo_scans(dpi)
    # every page is OCR'd but the 普陀 PDF's page 14, the ruled header of an empty table
    # (nothing to read: loaders/formats/page_ink.py)
    empty = [14] if n_pages == 25 else []
    assert doc.meta["extraction"] == "ocr" and doc.meta.get("ocr_empty_pages", []) == empty
    assert doc.meta["ocr_pages"] == [p for p in range(1, n_pages + 1) if p not in empty]
    assert doc.meta["ocr_dpi"] == OCR_DPI and doc.meta["ocr_seconds"] > 0
    assert sum(_is_row_or_total(f) for f in ref) >= min_rows
    share, missed = _equal_share(ref, facts)
    assert share >= 0.9, missed


@pytest.mark.realdocs
@pytest.mark.slow
@pytest.mark.parametrize("dpi", [150, 300])
def test_scan_values_that_differ_from_the_text_layer_are_flagged(putuo_scans, dpi):
    ref, _, facts = putuo_scans(dpi)
    truth: dict = {}
    for f in ref:
        truth.setdefault(_key(f), set()).add(f.value)
    assert all(f.ocr_confidence is not None and 0 < f.ocr_confidence <= 1 for f in facts)
    wrong_unflagged = [
        (_key(f), f.value) for f in facts
        if f.value is not None and _key(f) in truth and f.value not in truth[_key(f)] and not f.ocr_unverified
    ]
    assert wrong_unflagged == []
    # identities hold on a clean scan: most OCR'd table amounts of the table pages are confirmed
    table = [f for f in facts if f.source == "table" and f.subject_code]
    assert sum(not f.ocr_unverified for f in table) / len(table) >= (0.8 if dpi == 300 else 0.6)


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


def test_partly_scanned_page_gets_its_table_image_read():
    """A text page that also carries an image of a table: the image region (no text layer
    over it) is OCR'd, its table read like any other; the text-layer facts stay text facts."""
    pdf = text_page_with_table_image("三、支出决算表", "本部门本年支出合计2,106.66万元。", SPEND)
    assert image_only_pages(pdf) == []
    assert ocr_time_budget(pdf, "p.pdf") == OCR_PAGE_BUDGET_S  # one image region to OCR
    doc = parse_bytes(pdf, "p.pdf")
    assert doc.meta["extraction"] == "mixed" and doc.meta["ocr_pages"] == [1]
    [(page, x0, top, x1, bottom)] = [tuple(r) for r in doc.meta["ocr_regions"]]
    assert page == 1 and top > 40 and x1 - x0 > 200
    assert doc.text.count("三、支出决算表") == 1  # the text layer is not read twice
    facts = mark_ocr_facts(doc, extract_facts(doc))
    table = {(f.metric, f.subject_code, f.value) for f in facts if f.source == "table" and f.subject_code}
    text_layer = parse_bytes(B.build_pdf([("heading", "三、支出决算表")], SPEND), "t.pdf")
    want = {(f.metric, f.subject_code, f.value) for f in extract_facts(text_layer) if f.source == "table" and f.subject_code}
    assert len(want) >= 8
    assert want <= table, want - table
    ocr = [f for f in facts if f.ocr_unverified is not None]
    assert ocr and all(f.location.page == 1 and f.location.bbox[1] >= top - 1 for f in ocr if f.location.bbox)
    assert [f for f in ocr if f.source == "table" and f.ocr_unverified] == []  # the table's sums hold
    prose = [f for f in facts if f.source == "prose" and f.value == Decimal("2106.66")]
    assert prose and all(f.ocr_unverified is None for f in prose)  # read from the text layer


def test_small_images_and_text_covered_images_are_not_ocred():
    from ocrkit import table_image

    import builders as B

    pdf = B._pdf()
    pdf.add_page()
    pdf.set_font("wqy", size=12)
    img = table_image(SPEND[:2])
    buf = __import__("io").BytesIO()
    img.save(buf, format="PNG")
    pdf.image(buf, x=20, y=20, w=25)  # a logo-sized image
    pdf.set_y(60)
    pdf.multi_cell(0, 7, "正文" * 20)
    pdf.add_page()  # a large image under a text layer (a background, a scan with its OCR text)
    buf.seek(0)
    pdf.image(buf, x=20, y=20, w=170)
    pdf.set_y(22)
    pdf.multi_cell(0, 7, "科目编码 科目名称 合计 一般公共服务支出 2,106.66")
    assert ocr_time_budget(bytes(pdf.output()), "s.pdf") == 0
    doc = parse_bytes(bytes(pdf.output()), "s.pdf")
    assert doc.meta["extraction"] == "text"


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


def test_ocr_boxes_get_clean_numbers_and_merged_cells_split():
    from loaders.formats.pdf_ocr import _cells

    # a code, a name and an amount merged by the recogniser across wide gaps: three cells
    code, name, amount = _cells([[1, 50.0, 100.0, 400.0, 114.0, 0.9, "201 一般公共服务支出 22, 395. 50"]])
    assert [c[6] for c in (code, name, amount)] == ["201", "一般公共服务支出", "22,395.50"]
    assert code[1] == 50.0 and amount[3] == 400.0 and code[3] < name[1] < name[3] < amount[1]
    # text set solid, a page number, a label with a unit: one box each, unchanged
    for text, width in [("部门：中共江苏省委办公厅 单位：万元", 250.0), ("第 3 页", 60.0), ("合计 2,106.66", 68.0)]:
        assert [c[6] for c in _cells([[1, 50.0, 100.0, 50.0 + width, 114.0, 0.9, text]])] == [text]
