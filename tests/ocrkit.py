"""Test helpers for OCR: turn PDF pages into image-only PDF pages (no text layer)."""

from __future__ import annotations

import io
from typing import Any

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


def table_image(table: list[list[str]], dpi: int = 200, font_size: int = 10) -> Any:
    """A ruled table printed by fpdf2 and rendered to a PIL image cropped to its ink (what a
    pasted or stamped table in a PDF looks like)."""
    from PIL import ImageOps

    import builders as B

    pdf = B._pdf()
    pdf.add_page()
    pdf.set_font("wqy", size=font_size)
    with pdf.table(text_align="LEFT", first_row_as_headings=False) as t:
        for row in table:
            r = t.row()
            for v in row:
                r.cell(v)
    page = pdfium.PdfDocument(bytes(pdf.output()))[0]
    pil = page.render(scale=dpi / 72).to_pil().convert("L")
    box = ImageOps.invert(pil).getbbox()
    return pil.crop((box[0] - 8, box[1] - 8, box[2] + 8, box[3] + 8))


def text_page_with_table_image(heading: str, paragraph: str, table: list[list[str]], dpi: int = 200) -> bytes:
    """One text-layer page (a heading and a paragraph) that also carries an image of a table
    below the text: a partly scanned page."""
    import builders as B

    img = table_image(table, dpi=dpi)
    pdf = B._pdf()
    pdf.add_page()
    pdf.set_font("wqy", size=15)
    pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=12)
    pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    width_mm = img.width / dpi * 25.4
    pdf.image(buf, x=pdf.l_margin, y=pdf.get_y(), w=width_mm)
    return bytes(pdf.output())
