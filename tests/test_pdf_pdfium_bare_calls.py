"""The per-character loop of the pdfium reader calls pdfium through second function pointers that
convert no argument (``pdf_pdfium._bare``): they answer exactly what the typed bindings answer,
character by character (text object address, loose box, origin), and leave the typed bindings
as they were."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as R

import builders as B
from loaders.formats import pdf_pdfium as P

REALDOCS = Path(__file__).resolve().parents[2] / "shared" / "realdocs"


def _pdfs() -> list[bytes]:
    built = B.build_pdf([("heading", "三、支出决算表"), ("paragraph", "本部门本年支出合计2,106.66万元。")],
                        [["科目编码", "科目名称", "合计"], ["201", "一般公共服务支出", "1,200.00"]])
    real = sorted(REALDOCS.glob("*.pdf"))[:1] + sorted((REALDOCS / "more").glob("*.pdf"))[:2]
    return [built] + [p.read_bytes() for p in real]


def _pages():
    """Raw handles of the first pages of every PDF of ``_pdfs`` (closed after use)."""
    for data in _pdfs():
        pdf = pdfium.PdfDocument(data)
        try:
            for i in range(min(len(pdf), 4)):
                page = pdf[i]
                try:
                    yield page.raw
                finally:
                    page.close()
        finally:
            pdf.close()


def test_bare_calls_answer_what_the_typed_bindings_answer():
    rect, ox, oy = R.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    rect2, ox2, oy2 = R.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    checked = 0
    for page in _pages():
        tp = R.FPDFText_LoadPage(page)
        try:
            for k in range(R.FPDFText_CountChars(tp)):
                typed = R.FPDFText_GetTextObject(tp, k)
                assert P._TEXT_OBJECT(tp, k) == (ctypes.cast(typed, ctypes.c_void_p).value or None)
                assert P._LOOSE_BOX(tp, k, ctypes.byref(rect)) == R.FPDFText_GetLooseCharBox(tp, k, rect2)
                assert (rect.left, rect.top, rect.right, rect.bottom) == (rect2.left, rect2.top, rect2.right, rect2.bottom)
                assert P._ORIGIN(tp, k, ctypes.byref(ox), ctypes.byref(oy)) == R.FPDFText_GetCharOrigin(tp, k, ox2, oy2)
                assert (ox.value, oy.value) == (ox2.value, oy2.value)
                checked += 1
        finally:
            R.FPDFText_ClosePage(tp)
    assert checked > 100
    assert R.FPDFText_GetTextObject.argtypes is not None and R.FPDFText_GetLooseCharBox.argtypes is not None


def test_bare_segment_calls_answer_what_the_typed_bindings_answer():
    px, py, qx, qy = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    checked = 0
    for page in _pages():
        for j in range(R.FPDFPage_CountObjects(page)):
            obj = R.FPDFPage_GetObject(page, j)
            if R.FPDFPageObj_GetType(obj) != R.FPDF_PAGEOBJ_PATH:
                continue
            for s in range(R.FPDFPath_CountSegments(obj)):
                typed, bare = R.FPDFPath_GetPathSegment(obj, s), P._SEGMENT(obj, s)
                assert ctypes.cast(bare, ctypes.c_void_p).value == ctypes.cast(typed, ctypes.c_void_p).value
                assert P._SEGMENT_TYPE(bare) == R.FPDFPathSegment_GetType(typed)
                assert P._SEGMENT_POINT(bare, ctypes.byref(px), ctypes.byref(py)) == R.FPDFPathSegment_GetPoint(typed, qx, qy)
                assert (px.value, py.value) == (qx.value, qy.value)
                assert P._SEGMENT_CLOSE(bare) == R.FPDFPathSegment_GetClose(typed)
                checked += 1
    assert checked > 50
