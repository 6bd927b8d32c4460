"""Pages without a text layer -> OCR'd words, so the PDF parser reads them like any page.

A scanned PDF, or an image-only page inside a text PDF (a cover with the unit and year,
a stamped table), has no words in pdfplumber. Each such page is rendered with pypdfium2
at ``OCR_DPI`` and read by the OCR engine (loaders/formats/ocr.py); every recognised box
becomes a ``Word`` in PDF points on that page. The parser then builds ordinary blocks
from them with page and bbox: headings and paragraph lines as usual, and tables through
the **alignment (unruled) reader** (pdf_unruled) — a rasterised page has no vector ruling
lines, and no lines are detected from the image.

Boxes are shrunk vertically to their central band (OCR detection boxes carry padding
that would make neighbouring table rows overlap); the font size is estimated from the
box height. Each box's confidence is kept in ``meta["ocr_boxes"]`` so that the facts
read from OCR'd text can carry a confidence and be checked (loaders/extract/ocr_verify).

Budget: OCR costs seconds per page, so the loader grants ``OCR_PAGE_BUDGET_S`` of extra
sandbox time per image-only page (``ocr_time_budget``); a blank page (nothing darker than
paper) is not OCR'd.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

from .ocr import DEFAULT_ENGINE, get_engine
from .pdf_words import Word

OCR_DPI = int(os.environ.get("JUESUAN_OCR_DPI", "150"))
OCR_PAGE_BUDGET_S = 40.0  # extra sandbox seconds per page to OCR (≈ 8 CPU-s/page at 150 dpi)
_BAND = 0.6  # keep the central 60 % of a box's height as the word's band
_SIZE_PER_HEIGHT = 0.75  # font size (pt) ≈ box height (pt) × this
_BLANK_LEVEL = 200  # a page whose darkest pixel is lighter than this is blank paper


@dataclass
class OcrPages:
    """What OCR added to a document (goes into ``ParsedDocument.meta``)."""

    pages: list[int] = field(default_factory=list)  # 1-based pages read by OCR
    boxes: list[list[Any]] = field(default_factory=list)  # [page, x0, top, x1, bottom, confidence, text]
    seconds: float = 0.0
    engine: str = DEFAULT_ENGINE
    dpi: int = OCR_DPI

    def meta(self, n_pages: int) -> dict[str, Any]:
        if not self.pages:
            return {"extraction": "text"}
        kind = "ocr" if len(self.pages) >= n_pages else "mixed"
        return {"extraction": kind, "ocr_pages": self.pages, "ocr_seconds": round(self.seconds, 2),
                "ocr_engine": self.engine, "ocr_dpi": self.dpi, "ocr_boxes": self.boxes}


def image_only_pages(data: bytes) -> list[int]:
    """1-based pages whose text layer has no printable character (pypdfium2, cheap)."""
    import pypdfium2 as pdfium

    out: list[int] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            if not tp.get_text_range().strip():
                out.append(i + 1)
            tp.close()
            page.close()
    finally:
        pdf.close()
    return out


def ocr_time_budget(data: bytes, name: str) -> float:
    """Extra sandbox seconds a document needs for OCR (0 for anything but a PDF with
    image-only pages)."""
    if b"%PDF-" not in data[:1024]:
        return 0.0
    try:
        return OCR_PAGE_BUDGET_S * len(image_only_pages(data))
    except Exception:  # noqa: BLE001 - a broken PDF is the parser's to report
        return 0.0


def _words(boxes: list[Any], scale: float) -> list[Word]:
    out: list[Word] = []
    for b in boxes:
        x0, top, x1, bottom = (v * scale for v in b.bbox)
        h = bottom - top
        cy = (top + bottom) / 2
        out.append(Word(b.text, x0, x1, cy - _BAND * h / 2, cy + _BAND * h / 2, round(h * _SIZE_PER_HEIGHT, 1)))
    return out


def fill_image_pages(data: bytes, all_words: list[list[Word]], engine: str = DEFAULT_ENGINE,
                     dpi: int = OCR_DPI) -> OcrPages:
    """OCR every page of ``all_words`` that has no word; its list is filled in place."""
    todo = [i for i, ws in enumerate(all_words) if not ws]
    res = OcrPages(engine=engine, dpi=dpi)
    if not todo:
        return res
    import pypdfium2 as pdfium

    start = time.monotonic()
    eng = get_engine(engine)
    pdf = pdfium.PdfDocument(data)
    try:
        for i in todo:
            page = pdf[i]
            image = page.render(scale=dpi / 72).to_pil()
            page.close()
            if image.convert("L").getextrema()[0] >= _BLANK_LEVEL:
                continue  # blank paper
            boxes = eng.read(image)
            scale = 72 / dpi
            all_words[i][:] = _words(boxes, scale)
            res.pages.append(i + 1)
            res.boxes.extend(
                [i + 1, *(round(v * scale, 2) for v in b.bbox), round(b.confidence, 4), b.text] for b in boxes
            )
    finally:
        pdf.close()
    res.seconds = time.monotonic() - start
    return res
