"""Pages and images without a text layer -> OCR'd words, so the PDF parser reads them like any page.

A scanned PDF, or an image-only page inside a text PDF (a cover with the unit and year,
a stamped table), has no words in pdfplumber. Each such page is rendered with pypdfium2
at ``OCR_DPI`` and read by the OCR engine (loaders/formats/ocr.py); every recognised box
becomes a ``Word`` in PDF points on that page. The parser then builds ordinary blocks
from them with page and bbox: headings and paragraph lines as usual, and tables through
the **alignment (unruled) reader** (pdf_unruled) — a rasterised page has no vector ruling
lines, and no lines are detected from the image.

**Partly scanned pages**: a page with a text layer may also carry a large image with text
in it (a pasted or stamped table). Every image object covering at least
``MIN_IMAGE_SHARE`` of the page under which the text layer has (almost) no character is
rendered alone (the page cropped to the image) and OCR'd; its boxes join the page's words
(a box over a text-layer word is dropped: the text layer wins). The region is recorded so
that only the facts read inside it count as OCR'd (loaders/extract/ocr_verify).

Boxes are shrunk vertically to their central band (OCR detection boxes carry padding
that would make neighbouring table rows overlap); the font size is estimated from the
box height. Each box's confidence is kept in ``meta["ocr_boxes"]`` so that the facts
read from OCR'd text can carry a confidence and be checked (loaders/extract/ocr_verify).

Parallelism: one OCR thread per process. The loader runs one document per worker, so a
document's pages are OCR'd one after the other there; ``workers`` (or
``JUESUAN_OCR_WORKERS``) > 1 spreads one document's pages over that many processes (a
single large scan on an otherwise idle machine, and the test tier).

Budget: OCR costs seconds per page, so the loader grants ``OCR_PAGE_BUDGET_S`` of extra
sandbox time per page or image to OCR (``ocr_time_budget``); blank paper, and paper printed
with nothing but ruling lines (an empty table), is not OCR'd (loaders/formats/page_ink.py).
"""

from __future__ import annotations

import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from typing import Any, Callable

from .ocr import DEFAULT_ENGINE, OcrBox, get_engine
from .pdf_words import Box, Word

OCR_DPI = int(os.environ.get("JUESUAN_OCR_DPI", "150"))
OCR_PAGE_BUDGET_S = 40.0  # extra sandbox seconds per page to OCR (≈ 8 CPU-s/page at 150 dpi)
MIN_IMAGE_SHARE = 0.08  # an image smaller than this share of the page (a seal, a logo) is not OCR'd
MAX_COVERED_CHARS = 10  # more text-layer characters over an image: the text layer covers it
_BAND = 0.8  # keep the central 80 % of a box's height as the word's band (detection boxes are padded)
_SAME_SIZE = 0.25  # a box up to 25 % taller than the page's median box is body text
_SIZE_PER_HEIGHT = 0.75  # font size (pt) ≈ box height (pt) × this


@dataclass(frozen=True)
class OcrJob:
    """One thing to OCR: a whole page (``region`` None) or an image region of a text page."""

    index: int  # 0-based page
    region: Box | None = None  # PDF points, top-down: x0, top, x1, bottom


@dataclass
class OcrPages:
    """What OCR added to a document (goes into ``ParsedDocument.meta``)."""

    pages: list[int] = field(default_factory=list)  # 1-based pages read (wholly or partly) by OCR
    regions: list[list[float]] = field(default_factory=list)  # [page, x0, top, x1, bottom] of partly OCR'd pages
    boxes: list[list[Any]] = field(default_factory=list)  # [page, x0, top, x1, bottom, confidence, text]
    empty_pages: list[int] = field(default_factory=list)  # 1-based pages without a text layer and nothing to read
    text_pages: int = 0  # pages read from their text layer
    seconds: float = 0.0
    engine: str = DEFAULT_ENGINE
    dpi: int = OCR_DPI

    def meta(self) -> dict[str, Any]:
        if not self.pages:
            return {"extraction": "text"}
        # a scan: no page had a text layer (its blank pages and empty tables are not OCR'd)
        whole = self.text_pages == 0 and not self.regions
        out = {"extraction": "ocr" if whole else "mixed", "ocr_pages": self.pages,
               "ocr_seconds": round(self.seconds, 2), "ocr_engine": self.engine, "ocr_dpi": self.dpi,
               "ocr_boxes": self.boxes}
        if self.regions:
            out["ocr_regions"] = self.regions
        if self.empty_pages:
            out["ocr_empty_pages"] = self.empty_pages
        return out


_IMAGE_MAX_DEPTH = 15  # form XObject levels searched for images (pypdfium2's get_objects default)


def image_regions(page: Any, textpage: Any) -> list[Box]:
    """Large image objects of a page with (almost) no text-layer character over them, as
    (x0, top, x1, bottom) in points from the page's top left. ``page`` and ``textpage`` are
    pdfium's raw handles (``FPDF_PAGE``, ``FPDF_TEXTPAGE``): the PDF reader asks this of every
    page it has loaded anyway (``pdf_pdfium.read_page``), so OCR need not load it again.
    Objects are visited depth first, into form XObjects up to ``_IMAGE_MAX_DEPTH`` levels."""
    import ctypes

    import pypdfium2.raw as R
    from pypdfium2 import PdfiumError

    w, h = R.FPDF_GetPageWidthF(page), R.FPDF_GetPageHeightF(page)
    images: list[Any] = []

    def visit(count: Callable[[Any], int], get: Callable[[Any, int], Any], parent: Any, level: int) -> None:
        n = count(parent)
        if n < 0:
            raise PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise PdfiumError("Failed to get pageobject.")
            kind = R.FPDFPageObj_GetType(obj)
            if kind == R.FPDF_PAGEOBJ_IMAGE:
                images.append(obj)
            elif kind == R.FPDF_PAGEOBJ_FORM and level < _IMAGE_MAX_DEPTH - 1:
                visit(R.FPDFFormObj_CountObjects, R.FPDFFormObj_GetObject, obj, level + 1)

    visit(R.FPDFPage_CountObjects, R.FPDFPage_GetObject, page, 0)
    out: list[Box] = []
    lf, bf, rf, tf = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    for obj in images:
        if not R.FPDFPageObj_GetBounds(obj, lf, bf, rf, tf):
            raise PdfiumError("Failed to locate pageobject.")
        left, bottom, right, top = lf.value, bf.value, rf.value, tf.value
        left, right = max(left, 0.0), min(right, w)
        bottom, top = max(bottom, 0.0), min(top, h)
        if right <= left or top <= bottom or (right - left) * (top - bottom) < MIN_IMAGE_SHARE * w * h:
            continue
        if len("".join(_bounded_text(textpage, left, bottom, right, top).split())) > MAX_COVERED_CHARS:
            continue
        out.append((left, h - top, right, h - bottom))
    return out


def _bounded_text(textpage: Any, left: float, bottom: float, right: float, top: float) -> str:
    """The text-layer characters inside the rectangle (pdfium's FPDFText_GetBoundedText)."""
    import ctypes

    import pypdfium2.raw as R

    n = R.FPDFText_GetBoundedText(textpage, left, top, right, bottom, None, 0)
    if n <= 0:
        return ""
    buf = (ctypes.c_ushort * n)()
    R.FPDFText_GetBoundedText(textpage, left, top, right, bottom, buf, n)
    return bytes(buf).decode("utf-16-le", errors="ignore")


def ocr_jobs(data: bytes, has_words: list[bool] | None = None) -> list[OcrJob]:
    """What to OCR in a PDF: pages without text (``has_words[i]`` False, or no printable
    character in pdfium's text layer when not given), and uncovered large images of the others."""
    import pypdfium2 as pdfium

    jobs: list[OcrJob] = []
    pdf = pdfium.PdfDocument(data)
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            try:
                empty = not has_words[i] if has_words is not None else not tp.get_text_range().strip()
                if empty:
                    jobs.append(OcrJob(i))
                else:
                    jobs.extend(OcrJob(i, r) for r in image_regions(page.raw, tp.raw))
            finally:
                tp.close()
                page.close()
    finally:
        pdf.close()
    return jobs


def jobs_of(data: bytes, has_words: list[bool], regions: list[list[Box] | None] | None = None) -> list[OcrJob]:
    """``ocr_jobs(data, has_words)``, from each page's image regions when the reader found them
    for every page (no second opening of the PDF), else from ``ocr_jobs``."""
    if regions is None or len(regions) != len(has_words) or any(r is None for r in regions):
        return ocr_jobs(data, has_words)
    return [job for i, rs in enumerate(regions)
            for job in ([OcrJob(i)] if not has_words[i] else [OcrJob(i, r) for r in rs])]  # type: ignore[union-attr]


def image_only_pages(data: bytes) -> list[int]:
    """1-based pages whose text layer has no printable character (pypdfium2, cheap)."""
    return [j.index + 1 for j in ocr_jobs(data) if j.region is None]


OCR_COUNT_TIMEOUT_S = 30.0  # counting the pages to OCR (pdfium opens the file once): a broken PDF gets no budget


def ocr_job_count(data: bytes) -> int:
    """How many pages or images ``ocr_jobs`` would OCR. Runs inside a sandbox child (it opens
    untrusted bytes with pdfium)."""
    return len(ocr_jobs(data))


def ocr_time_budget(data: bytes, name: str, runner: Callable[..., Any] | None = None,
                    memory_bytes: int | None = None) -> float:
    """Extra sandbox seconds a document needs for OCR (0 for anything but a PDF with
    image-only pages or uncovered images).

    The pages are counted in a sandboxed child (``runner``: the loader's own — ``run_isolated``
    or a SandboxPool's ``run``), never in the calling process: pdfium is not thread-safe (the
    loader asks from one thread per in-flight document; overlapping calls once crashed a whole
    load with a segmentation fault) and the bytes are untrusted. A PDF whose count fails or
    times out gets no extra time: the parse reports what is wrong with it."""
    if b"%PDF-" not in data[:1024]:
        return 0.0
    from ..sandbox import DEFAULT_MEMORY_BYTES, run_isolated

    res = (runner or run_isolated)(ocr_job_count, data, timeout_s=OCR_COUNT_TIMEOUT_S,
                                   memory_bytes=memory_bytes if memory_bytes is not None else DEFAULT_MEMORY_BYTES)
    return OCR_PAGE_BUDGET_S * res.value if res.ok and isinstance(res.value, int) else 0.0


_NUM_SPACE = re.compile(r"(?<=\d)\s+(?=[,，.]?\d)|(?<=\d[,，.])\s+(?=\d)")
_NUMBER = re.compile(r"^[-+−]?\d[\d,，]*(?:\.\d+)?%?$")


def _clean(text: str) -> str:
    """OCR text with the blanks the recogniser puts inside a number removed
    (``27, 664. 22`` -> ``27,664.22``)."""
    return _NUM_SPACE.sub("", text)


def _em_width(text: str) -> float:
    """Natural width of ``text`` in em: CJK 1, digits and Latin ½, punctuation ⅓."""
    return sum(1.0 if ord(ch) > 0x2E7F else 0.33 if ch in ",.，:;" else 0.55 for ch in text)


def _split_box(box: list[Any], em: float) -> list[list[Any]]:
    """One box holding several table cells (``201 一般公共服务支出 22,395.50``: the recogniser
    merged a code, a name and an amount across wide gaps) -> one box per cell. Only where a
    blank separates a number (3+ characters: a code or an amount) from other text and the box is wider than its text set solid
    (the slack is the gaps); each part gets its natural width, the slack spread over the gaps."""
    page, x0, top, x1, bottom, conf, text = box
    parts = text.split()
    if len(parts) < 2 or not any(len(t) >= 3 and _NUMBER.match(t) for t in parts) or em <= 0:
        return [box]
    widths = [_em_width(t) * em for t in parts]
    slack = (x1 - x0) - sum(widths)
    if slack < 0.8 * em * (len(parts) - 1):
        return [box]  # set solid: ordinary text with blanks, not cells
    gap = slack / (len(parts) - 1)
    out, x = [], x0
    for t, w in zip(parts, widths):
        out.append([page, round(x, 2), top, round(min(x + w, x1), 2), bottom, conf, t])
        x += w + gap
    return out


def _cells(boxes: list[list[Any]]) -> list[list[Any]]:
    """The boxes with numbers cleaned and merged cells split (see ``_split_box``); the em of a
    box is its height × ``_SIZE_PER_HEIGHT``."""
    out: list[list[Any]] = []
    for b in boxes:
        b = [*b[:6], _clean(str(b[6]))]
        out.extend(_split_box(b, (b[4] - b[2]) * _SIZE_PER_HEIGHT))
    return out


def _words(boxes: list[list[Any]]) -> list[Word]:
    """Words of one page's boxes. A box's height varies with its text: a lone 出 (the end of
    a wrapped label) gets a taller box than 行政单位医疗 on the same line, so a box at most
    ``_SAME_SIZE`` taller than the page's median box is cut to the median (the table reader
    compares sizes: a taller line would read as a heading, not a wrapped cell). Headings stay
    larger; lower boxes keep their height."""
    heights = sorted(b[4] - b[2] for b in boxes)
    median = heights[len(heights) // 2] if heights else 0.0
    out: list[Word] = []
    for _page, x0, top, x1, bottom, _conf, text in boxes:
        h = bottom - top
        if median and median < h <= (1 + _SAME_SIZE) * median:
            h = median
        cy = (top + bottom) / 2
        out.append(Word(text, x0, x1, cy - _BAND * h / 2, cy + _BAND * h / 2, round(h * _SIZE_PER_HEIGHT, 1)))
    return out


def _render(pdf: Any, job: OcrJob, dpi: int) -> Any:
    page = pdf[job.index]
    try:
        if job.region is None:
            return page.render(scale=dpi / 72).to_pil()
        w, h = page.get_size()
        x0, top, x1, bottom = job.region
        return page.render(scale=dpi / 72, crop=(x0, h - bottom, w - x1, top)).to_pil()
    finally:
        page.close()


def _read_job(data: bytes, job: OcrJob, engine: str, dpi: int) -> list[list[Any]] | None:
    """The job's OCR boxes as [page, x0, top, x1, bottom, confidence, text] in PDF points
    (None for blank paper or paper with only ruling lines: ``page_ink``)."""
    import pypdfium2 as pdfium

    from .page_ink import nothing_to_read  # numpy: only where a page is rendered

    pdf = pdfium.PdfDocument(data)
    try:
        image = _render(pdf, job, dpi)
    finally:
        pdf.close()
    if nothing_to_read(image, dpi):  # blank paper, or only ruling lines (an empty table)
        return None
    boxes: list[OcrBox] = get_engine(engine).read(image)
    scale = 72 / dpi
    dx, dy = (job.region[0], job.region[1]) if job.region else (0.0, 0.0)
    return _cells([[job.index + 1, round(b.bbox[0] * scale + dx, 2), round(b.bbox[1] * scale + dy, 2),
             round(b.bbox[2] * scale + dx, 2), round(b.bbox[3] * scale + dy, 2), round(b.confidence, 4), b.text]
            for b in boxes])


_DATA: bytes = b""


def _init_worker(data: bytes) -> None:
    global _DATA
    _DATA = data


def _pool_job(job: OcrJob, engine: str, dpi: int) -> list[list[Any]] | None:
    return _read_job(_DATA, job, engine, dpi)


def _overlaps_any(box: list[Any], words: list[Word]) -> bool:
    x0, top, x1, bottom = box[1:5]
    return any(min(x1, w.x1) > max(x0, w.x0) and min(bottom, w.bottom) > max(top, w.top) for w in words)


def _workers(workers: int | None) -> int:
    if workers is None:
        workers = int(os.environ.get("JUESUAN_OCR_WORKERS", "1"))
    return max(1, min(workers, os.cpu_count() or 1))


def fill_image_pages(data: bytes, all_words: list[list[Word]], engine: str = DEFAULT_ENGINE,
                     dpi: int | None = None, workers: int | None = None,
                     regions: list[list[Box] | None] | None = None) -> OcrPages:
    """OCR every page of ``all_words`` that has no word (its list is filled in place) and the
    uncovered large images of the other pages (their boxes are added to the page's words).
    ``regions``: each page's image regions when the reader found them (``image_regions``, on
    the page it had loaded); without them for every page, the PDF is opened again to find them."""
    dpi = dpi or OCR_DPI
    res = OcrPages(engine=engine, dpi=dpi)
    if all(all_words) and b"/Image" not in data:
        return res  # every page has text and the file has no image: nothing to OCR (cheap exit)
    has_words = [bool(ws) for ws in all_words]
    res.text_pages = sum(has_words)
    jobs = jobs_of(data, has_words, regions)
    if not jobs:
        return res
    start = time.monotonic()
    n = _workers(workers)
    if n > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(min(n, len(jobs)), mp_context=get_context("spawn"),
                                 initializer=_init_worker, initargs=(data,)) as pool:
            results = list(pool.map(_pool_job, jobs, [engine] * len(jobs), [dpi] * len(jobs)))
    else:
        results = [_read_job(data, job, engine, dpi) for job in jobs]
    for job, boxes in zip(jobs, results):
        if boxes is None:
            if job.region is None:
                res.empty_pages.append(job.index + 1)
            continue
        if job.region is not None:
            text_words = all_words[job.index]
            boxes = [b for b in boxes if not _overlaps_any(b, text_words)]
            if not boxes:
                continue
            res.regions.append([job.index + 1, *(round(v, 2) for v in job.region)])
        all_words[job.index].extend(_words(boxes))
        if job.index + 1 not in res.pages:
            res.pages.append(job.index + 1)
        res.boxes.extend(boxes)
    res.pages.sort()
    res.seconds = time.monotonic() - start
    return res
