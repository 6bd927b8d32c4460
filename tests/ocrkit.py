"""Test helpers for OCR: turn PDF pages into image-only PDF pages (no text layer)."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
from fpdf import FPDF


def image_pdf(data: bytes, pages: list[int] | None = None, dpi: int = 150,
              keep_text: set[int] | frozenset[int] = frozenset()) -> bytes:
    """A PDF with the given 1-based ``pages`` of ``data``: each page rendered at ``dpi`` and
    placed as one image (no text layer), except pages in ``keep_text`` which are copied as
    they are (a text PDF with image-only pages)."""
    src = pdfium.PdfDocument(data)
    pages = pages or list(range(1, len(src) + 1))
    out = pdfium.PdfDocument.new()
    for no in pages:
        page = src[no - 1]
        w, h = page.get_size()
        if no in keep_text:
            out.import_pages(src, [no - 1])
            continue
        pil = page.render(scale=dpi / 72).to_pil().convert("L")
        one = FPDF(unit="pt", format=(w, h))
        one.add_page()
        buf = io.BytesIO()
        pil.save(buf, format="PNG")
        one.image(buf, x=0, y=0, w=w, h=h)
        img_doc = pdfium.PdfDocument(bytes(one.output()))
        out.import_pages(img_doc)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()
