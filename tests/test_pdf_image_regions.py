"""The image regions to OCR are found on the page the PDF reader has already loaded
(``pdf_pdfium.read_page``): the same regions as pypdfium2's helper objects find
(``get_objects`` + ``get_bounds`` + ``get_text_bounded``, the scan as it was), the same OCR jobs
as opening the PDF again (``ocr_jobs``), and the PDF is not opened again to find them."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

import builders as B
from loaders.formats import parse_bytes, pdf_ocr
from loaders.formats.pdf_ocr import MAX_COVERED_CHARS, MIN_IMAGE_SHARE, image_regions, jobs_of, ocr_jobs
from loaders.formats.pdf_source import read_pages
from ocrkit import image_pdf, text_page_with_table_image

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"
SPEND = [["科目编码", "科目名称", "本年支出合计"], ["201", "一般公共服务支出", "1,200.00"],
         ["20101", "人大事务", "800.00"], ["", "合计", "2,000.00"]]


def _helper_regions(page, textpage):
    """The scan as it was before (pdf_ocr._image_regions at 2d724d7), on pypdfium2's helpers."""
    import pypdfium2.raw as pdfium_c

    w, h = page.get_size()
    out = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = (float(v) for v in obj.get_bounds())
        left, right = max(left, 0.0), min(right, w)
        bottom, top = max(bottom, 0.0), min(top, h)
        if right <= left or top <= bottom or (right - left) * (top - bottom) < MIN_IMAGE_SHARE * w * h:
            continue
        covered = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
        if len("".join(covered.split())) > MAX_COVERED_CHARS:
            continue
        out.append((left, h - top, right, h - bottom))
    return out


def _pdfs() -> list[tuple[str, bytes]]:
    text = B.build_pdf([("heading", "三、支出决算表")], SPEND)
    made = [("partly scanned", text_page_with_table_image("三、支出决算表", "本部门本年支出合计2,000.00万元。", SPEND)),
            ("image only", image_pdf(text)), ("text only", text),
            ("image page among text pages", image_pdf(text + b"", pages=[1]))]
    real = sorted(REALDOCS.glob("*.pdf")) + sorted((REALDOCS / "more").glob("*.pdf"))
    return made + [(p.name, p.read_bytes()) for p in real]


@pytest.fixture(scope="module")
def pdfs():
    return _pdfs()


def test_the_raw_scan_finds_what_the_helper_scan_found(pdfs):
    found = 0
    for name, data in pdfs:
        pdf = pdfium.PdfDocument(data)
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                tp = page.get_textpage()
                try:
                    want = _helper_regions(page, tp)
                    assert image_regions(page.raw, tp.raw) == want, (name, i)
                    found += len(want)
                finally:
                    tp.close()
                    page.close()
        finally:
            pdf.close()
    assert found >= 1  # the partly scanned page has one


def test_jobs_from_the_reader_equal_opening_the_pdf_again(pdfs):
    for name, data in pdfs:
        src = read_pages(data, "pdfium")
        has_words = [bool(p.words) for p in src.pages]
        regions = [p.image_regions for p in src.pages]
        if b"/Image" in data:
            assert all(r is not None for r in regions), name  # the reader found them
        assert jobs_of(data, has_words, regions) == ocr_jobs(data, has_words), name
        assert jobs_of(data, has_words, None) == ocr_jobs(data, has_words)  # unknown: looked up again


def test_a_region_not_read_for_one_page_falls_back_to_opening_the_pdf_again(monkeypatch):
    data = text_page_with_table_image("三、支出决算表", "本部门本年支出合计2,000.00万元。", SPEND)
    monkeypatch.setattr(pdf_ocr, "ocr_jobs", lambda d, hw=None: ["looked again"])
    assert jobs_of(data, [True, True], [[], None]) == ["looked again"]
    assert jobs_of(data, [True], [[(1.0, 2.0, 3.0, 4.0)]]) == [pdf_ocr.OcrJob(0, (1.0, 2.0, 3.0, 4.0))]
    assert jobs_of(data, [False], [[(1.0, 2.0, 3.0, 4.0)]]) == [pdf_ocr.OcrJob(0)]  # no text: the whole page


def test_parsing_a_partly_scanned_pdf_does_not_open_it_again(monkeypatch):
    data = text_page_with_table_image("三、支出决算表", "本部门本年支出合计2,000.00万元。", SPEND)
    asked = []

    def no_reopen(*a, **k):
        raise AssertionError("the PDF was opened again to find its images")

    monkeypatch.setattr(pdf_ocr, "ocr_jobs", no_reopen)
    monkeypatch.setattr(pdf_ocr, "_read_job", lambda data, job, engine, dpi: asked.append(job) or None)
    parse_bytes(data, "p.pdf")
    assert [j.index for j in asked] == [0] and asked[0].region is not None  # the one image region
