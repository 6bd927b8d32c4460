"""Pages with nothing to read are not OCR'd: blank paper, and paper printed with nothing but
ruling lines (an empty table), whether the lines are vector paths or part of a scanned image
(loaders/formats/page_ink.py, used by loaders/formats/pdf_ocr.py)."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

import builders as B
from loaders.formats import parse_bytes
from loaders.formats.page_ink import STRAY_INK_PT2, nothing_to_read, stray_ink_pt2
from ocrkit import image_pdf

DPI = 150


def _paper() -> Image.Image:
    return Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi


def _grid(img: Image.Image, width: int = 3) -> Image.Image:
    d = ImageDraw.Draw(img)
    for y in (150, 200, 250, 300):
        d.line([(100, y), (1100, y)], fill=0, width=width)
    for x in (100, 400, 700, 1100):
        d.line([(x, 150), (x, 300)], fill=0, width=width)
    return img


def _write(img: Image.Image, text: str, at: tuple[int, int] = (420, 210), size: int = 22) -> Image.Image:
    ImageDraw.Draw(img).text(at, text, fill=0, font=ImageFont.truetype(str(B.CJK_FONT), size))
    return img


def test_blank_paper_and_ruling_lines_hold_nothing_to_read():
    assert nothing_to_read(_paper(), DPI)
    assert nothing_to_read(_grid(_paper()), DPI)
    assert nothing_to_read(_grid(_paper(), width=1), DPI)
    assert stray_ink_pt2(_grid(_paper()), DPI) == 0


@pytest.mark.parametrize("text", ["合计", "123.45", "一", "0", "—", "田", "十", "川", "1"])
def test_any_character_is_something_to_read(text):
    # one short word, even a lone 一 (a straight stroke), a dash or a character made of straight
    # strokes only (田, 十), is ink outside ruling lines
    assert not nothing_to_read(_write(_paper(), text, at=(600, 900)), DPI)
    assert not nothing_to_read(_write(_grid(_paper()), text), DPI)
    assert stray_ink_pt2(_write(_grid(_paper()), text), DPI) >= STRAY_INK_PT2


def test_the_rules_of_a_one_row_table_are_ruling_lines():
    # a header row 0.15 inch high: its column rules are shorter than a row rule, still lines
    img = _paper()
    d = ImageDraw.Draw(img)
    for y in (150, 172):
        d.line([(100, y), (1100, y)], fill=0, width=2)
    for x in (100, 300, 520, 1100):
        d.line([(x, 150), (x, 172)], fill=0, width=2)
    assert nothing_to_read(img, DPI)


def test_speckle_of_a_scan_is_kept_for_the_engine():
    # a scanned page is never spared on a guess: a few dark specks already count as ink (a lone
    # vertical bar, 丨 or |, is the one mark that reads as a rule)
    img = _grid(_paper())
    d = ImageDraw.Draw(img)
    for x, y in ((300, 900), (640, 1200), (900, 400)):
        d.rectangle([x, y, x + 3, y + 3], fill=40)
    assert not nothing_to_read(img, DPI)


def _text_then_empty_table() -> bytes:
    """Page 1: a heading and a sentence; page 2: the ruled header row of a table with no text
    (what a 决算 prints for a table it has nothing to put in)."""
    pdf = B._pdf()
    pdf.add_page()
    pdf.set_font("wqy", size=12)
    pdf.multi_cell(0, 7, "本单位2023年度收入总计100.00万元，支出总计100.00万元。")
    pdf.add_page()
    for i, w in enumerate((50, 25, 50, 25, 30)):
        pdf.rect(15 + sum((50, 25, 50, 25, 30)[:i]), 20, w, 8)
    return bytes(pdf.output())


class _Refuse:
    def read(self, image):  # noqa: ARG002
        raise AssertionError("the OCR engine was asked to read a page with nothing to read")


def test_a_page_of_ruling_lines_is_not_ocrd(monkeypatch):
    monkeypatch.setattr("loaders.formats.pdf_ocr.get_engine", lambda name=None: _Refuse())
    doc = parse_bytes(_text_then_empty_table(), "empty-table.pdf")
    assert doc.meta["extraction"] == "text"
    assert "收入总计100.00万元" in doc.text


@pytest.mark.slow
def test_a_scan_with_an_empty_table_page_is_still_a_scan():
    # every page an image: the text page is OCR'd, the empty table page is not, and the
    # document is a scan ("ocr"), not "mixed"
    scan = image_pdf(_text_then_empty_table(), dpi=DPI)
    doc = parse_bytes(scan, "scan.pdf")
    assert doc.meta["extraction"] == "ocr"
    assert doc.meta["ocr_pages"] == [1] and doc.meta["ocr_empty_pages"] == [2]
    assert "100.00" in doc.text
