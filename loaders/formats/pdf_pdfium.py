"""PDF pages read with pypdfium2's raw API: characters (box, font size) and drawn edges.

The fast path of the PDF reader. pdfium interprets the content streams in C, about ten
times faster than pdfminer (which pdfplumber drives); what comes out here has the shape
pdfplumber gives, so that the project's line rebuilding (pdf_words) and table finding
(pdfplumber's table geometry on the edges, pdf_unruled on the words) run unchanged on it:

* a character is a dict with pdfplumber's keys (``text``, ``x0``, ``x1``, ``top``,
  ``bottom``, ``size``, ``upright``, ``doctop``), in top-left page coordinates after the
  page's /Rotate, its box built the way pdfminer builds it: the advance along the
  baseline, from the font's descent to one em above it;
* an edge is a dict like pdfplumber's ``page.edges``: every drawn path is split into
  subpaths, a two-point subpath is a line, any other one gives the segments between its
  points (a rectangle its four sides; a Bézier curve only its end points, as pdfminer);
  only the edges pdfplumber's table finder keeps are made (horizontal or vertical, 1 pt
  or longer).

Characters pdfium generates (spaces and line breaks it infers) are left out: pdfminer has
none. A page pdfium cannot read raises ``PageUnreadable`` with the reason; the caller
reads that page with pdfplumber instead.
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as R

from .pdf_ocr import image_regions
from .pdf_words import Box

_PATH = R.FPDF_PAGEOBJ_PATH
_FORM = R.FPDF_PAGEOBJ_FORM
_MOVETO = R.FPDF_SEGMENT_MOVETO
_BEZIER = R.FPDF_SEGMENT_BEZIERTO
MAX_FORM_DEPTH = 8
MIN_EDGE = 1.0  # pdfplumber's edge_min_length_prefilter: shorter edges never make a table

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class PageUnreadable(Exception):
    """pdfium cannot give this page's characters or drawings (the reason is the message)."""


@dataclass
class PdfiumPage:
    no: int
    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    image_regions: list[Box] | None = None  # None: not asked (read_page's ``images``)

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (0.0, 0.0, self.width, self.height)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention: p' = p·m·n)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _r(v: float) -> float:
    """``v`` to 4 decimals: the double nearest to a multiple of 1/10000 (faster than round(v, 4))."""
    return round(v * 10000.0) / 10000.0


class _Display:
    """User space -> top-left display coordinates of the page as shown (after /Rotate)."""

    def __init__(self, mediabox: tuple[float, float, float, float], rotation: int) -> None:
        self.x0, self.y0, self.x1, self.y1 = mediabox
        self.rot = rotation % 360
        w, h = self.x1 - self.x0, self.y1 - self.y0
        self.width, self.height = (h, w) if self.rot in (90, 270) else (w, h)

    def pt(self, x: float, y: float) -> tuple[float, float]:
        """Rounded to 1/10000 pt (``_r``): pdfium computes in float32, and pdfminer's float64
        values of the same decimal coordinates must compare the same way (a gap of exactly
        the word tolerance, a vertical line's two equal x)."""
        if self.rot == 90:
            return _r(y - self.y0), _r(x - self.x0)
        if self.rot == 180:
            return _r(self.x1 - x), _r(y - self.y0)
        if self.rot == 270:
            return _r(self.y1 - y), _r(self.x1 - x)
        return _r(x - self.x0), _r(self.y1 - y)

    def box(self, pts: list[tuple[float, float]]) -> tuple[float, float, float, float]:
        d = [self.pt(x, y) for x, y in pts]
        xs = [p[0] for p in d]
        ys = [p[1] for p in d]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass
class _Run:
    """What every character of one text object shares."""

    size: float  # font size times the object's scale
    ux: float  # unit vector along the baseline (user space)
    uy: float
    vx: float  # unit vector from the baseline up
    vy: float
    descent: float  # font descent, share of an em (negative below the baseline)
    upright: bool
    straight: bool = False  # unrotated page, baseline along +x: boxes need no rotation

    def __post_init__(self) -> None:
        self.lo = self.descent * self.size  # the box's bottom and top above the baseline
        self.hi = (self.descent + 1.0) * self.size


def _descent(font: Any) -> float:
    desc = ctypes.c_float()
    return desc.value / 1000.0 if font and R.FPDFFont_GetDescent(font, ctypes.c_float(1000.0), desc) else 0.0


def _run_of(m: Any, font_size: float, descent: float, disp: _Display) -> _Run:
    """``m``: the character's matrix (text space -> user space, without the font size)."""
    lu = math.hypot(m.a, m.b) or 1.0
    lv = math.hypot(m.c, m.d) or 1.0
    ux, uy = m.a / lu, m.b / lu
    # upright: the baseline runs left to right on the page as displayed
    p0, p1 = disp.pt(0.0, 0.0), disp.pt(ux, uy)
    upright = (p1[0] - p0[0]) > 0.5 and abs(p1[1] - p0[1]) < 0.5
    vx, vy = m.c / lv, m.d / lv
    straight = disp.rot == 0 and ux == 1.0 and uy == 0.0 and vx == 0.0 and vy == 1.0
    return _Run(font_size * lv, ux, uy, vx, vy, descent, upright, straight)


def _page_text(tp: Any, n: int) -> str:
    buf = (ctypes.c_ushort * (n + 1))()
    got = R.FPDFText_GetText(tp, 0, n, buf)
    raw = bytes(ctypes.cast(buf, ctypes.POINTER(ctypes.c_char * (2 * n))).contents) if n else b""
    if got <= 0 and n:
        raise PageUnreadable("pdfium: no text returned for the page's characters")
    return raw.decode("utf-16-le", errors="replace")


def _bare(fn: Any, restype: Any = ctypes.c_int) -> Any:
    """pdfium's function ``fn`` again, as a second ctypes function pointer that converts no
    argument (``argtypes`` None: each is passed as the ctypes object or int it is) and returns
    ``restype``. For the per-character loop of ``_chars``, where the typed bindings' conversions
    (each pointer argument checked and wrapped, the returned object pointer wrapped in a new
    ctypes object) were most of the cost; ``fn`` itself is left as it is."""
    bare = type(fn)(ctypes.cast(fn, ctypes.c_void_p).value)
    bare.argtypes = None
    bare.restype = restype
    return bare


# (textpage, index) -> the character's text object address (int), None for a generated one
_TEXT_OBJECT = _bare(R.FPDFText_GetTextObject, ctypes.c_void_p)
_LOOSE_BOX = _bare(R.FPDFText_GetLooseCharBox)  # (textpage, index, byref(FS_RECTF))
_ORIGIN = _bare(R.FPDFText_GetCharOrigin)  # (textpage, index, byref(c_double), byref(c_double))


def _chars(tp: Any, disp: _Display) -> list[dict[str, Any]]:
    """The characters of the page whose text layer is ``tp`` (a raw FPDF_TEXTPAGE)."""
    n = R.FPDFText_CountChars(tp)
    if n < 0:
        raise PageUnreadable("pdfium: cannot count the page's characters")
    text = _page_text(tp, n)
    if len(text) != n:  # a surrogate pair was counted as two characters
        text = "".join(chr(R.FPDFText_GetUnicode(tp, k)) for k in range(n))
    rect = R.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    m = R.FS_MATRIX()
    fs = ctypes.c_float()
    by_obj: dict[int, _Run] = {}  # a text object's address -> its run
    runs: dict[tuple[Any, ...], _Run] = {}
    descents: dict[bytes, float] = {}
    out: list[dict[str, Any]] = []
    text_object, loose_box, origin = _TEXT_OBJECT, _LOOSE_BOX, _ORIGIN
    rect_p, ox_p, oy_p = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    x_off, y_top = disp.x0, disp.y1
    for k in range(n):
        okey = text_object(tp, k)  # the text object's address; None for a character pdfium made up
        if okey is None or (text[k].isspace() and R.FPDFText_IsGenerated(tp, k) == 1):
            continue
        run = by_obj.get(okey)
        if run is None:
            obj = R.FPDFText_GetTextObject(tp, k)
            R.FPDFText_GetMatrix(tp, k, m)
            R.FPDFTextObj_GetFontSize(obj, fs)
            font = R.FPDFTextObj_GetFont(obj)
            fkey = bytes(font)
            if fkey not in descents:
                descents[fkey] = _descent(font)
            key = (m.a, m.b, m.c, m.d, fs.value, descents[fkey])
            run = runs.get(key)
            if run is None:
                run = runs[key] = _run_of(m, fs.value, key[5], disp)
            by_obj[okey] = run
        loose_box(tp, k, rect_p)
        origin(tp, k, ox_p, oy_p)
        x, y = ox.value, oy.value
        lo, hi = run.lo, run.hi
        if run.straight:  # the common case, same numbers as the general one below
            # _r() inlined (the hot loop of the reader)
            x0 = round((x - x_off) * 10000.0) / 10000.0
            x1 = round((x + (rect.right - rect.left) - x_off) * 10000.0) / 10000.0
            top = round((y_top - (y + hi)) * 10000.0) / 10000.0
            bottom = round((y_top - (y + lo)) * 10000.0) / 10000.0
        else:
            # advance: the loose box's extent along the baseline
            adv = (rect.right - rect.left) if abs(run.ux) >= abs(run.uy) else (rect.top - rect.bottom)
            ax, ay = run.ux * adv, run.uy * adv
            x0, top, x1, bottom = disp.box([
                (x + run.vx * lo, y + run.vy * lo),
                (x + ax + run.vx * lo, y + ay + run.vy * lo),
                (x + run.vx * hi, y + run.vy * hi),
                (x + ax + run.vx * hi, y + ay + run.vy * hi),
            ])
        out.append({
            "text": text[k], "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "size": _r((bottom - top) if run.upright else (x1 - x0)), "upright": run.upright,
        })
    return out


def _edge(p0: tuple[float, float], p1: tuple[float, float], kind: str, line: bool) -> dict[str, Any] | None:
    """pdfplumber's edge of a segment, or None for one its table finder drops on sight (neither
    horizontal nor vertical, or shorter than ``MIN_EDGE``: filter_edges' prefilter)."""
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    if line:
        orient: str | None = "h" if top == bottom else "v"
    else:
        orient = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    if orient is None or (x1 - x0 if orient == "h" else bottom - top) < MIN_EDGE:
        return None
    return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": orient}


# the per-segment calls of _subpaths, unconverted (``_bare``); a segment stays a typed pointer
_SEGMENT = _bare(R.FPDFPath_GetPathSegment, R.FPDFPath_GetPathSegment.restype)  # (path object, index)
_SEGMENT_TYPE = _bare(R.FPDFPathSegment_GetType)  # (segment)
_SEGMENT_POINT = _bare(R.FPDFPathSegment_GetPoint)  # (segment, byref(c_float), byref(c_float))
_SEGMENT_CLOSE = _bare(R.FPDFPathSegment_GetClose)  # (segment)


def _subpaths(obj: Any, m: Matrix) -> list[tuple[list[tuple[float, float]], bool]]:
    """(points, closed) of each subpath, in user space; a Bézier gives its end point only."""
    a, b, c, d, e, f = m
    out: list[tuple[list[tuple[float, float]], bool]] = []
    px, py = ctypes.c_float(), ctypes.c_float()
    px_p, py_p = ctypes.byref(px), ctypes.byref(py)
    bez = 0
    get_seg, seg_type, seg_point, seg_close = _SEGMENT, _SEGMENT_TYPE, _SEGMENT_POINT, _SEGMENT_CLOSE
    for i in range(R.FPDFPath_CountSegments(obj)):
        seg = get_seg(obj, i)
        kind = seg_type(seg)
        if kind == _BEZIER:
            bez += 1
            if bez % 3:
                continue  # control points
        else:
            bez = 0
        seg_point(seg, px_p, py_p)
        x, y = px.value, py.value
        pt = (a * x + c * y + e, b * x + d * y + f)
        if kind == _MOVETO or not out:
            out.append(([pt], False))
        else:
            out[-1][0].append(pt)
        if seg_close(seg):
            out[-1] = (out[-1][0], True)
    return out


def _path_edges(obj: Any, m: Matrix, disp: _Display) -> list[dict[str, Any]]:
    edges: list[dict[str, Any]] = []
    for pts, closed in _subpaths(obj, m):
        dpts = [disp.pt(x, y) for x, y in pts]
        if len(dpts) == 2:  # "ml" or "mlh": one line segment
            edge = _edge(dpts[0], dpts[1], "line", True)
            if edge is not None:
                edges.append(edge)
            continue
        if closed and len(dpts) > 1:
            if dpts[-1] == dpts[0]:
                dpts.pop()  # a redundant "l" back to the start before "h"
            dpts.append(dpts[0])
        kind = "rect_edge" if len(dpts) == 5 and dpts[0] == dpts[4] else "curve_edge"
        for p, q in zip(dpts, dpts[1:]):
            edge = _edge(p, q, kind, False)
            if edge is not None:
                edges.append(edge)
    return edges


def _walk(objs: list[Any], parent: Matrix, disp: _Display, depth: int, edges: list[dict[str, Any]]) -> None:
    m = R.FS_MATRIX()
    for obj in objs:
        kind = R.FPDFPageObj_GetType(obj)
        if kind not in (_PATH, _FORM):
            continue
        R.FPDFPageObj_GetMatrix(obj, m)
        mine = _mul((m.a, m.b, m.c, m.d, m.e, m.f), parent)
        if kind == _PATH:
            edges.extend(_path_edges(obj, mine, disp))
        elif depth < MAX_FORM_DEPTH:
            kids = [R.FPDFFormObj_GetObject(obj, i) for i in range(R.FPDFFormObj_CountObjects(obj))]
            _walk(kids, mine, disp, depth + 1, edges)


def _edges(page: Any, disp: _Display) -> list[dict[str, Any]]:
    objs = [R.FPDFPage_GetObject(page, i) for i in range(R.FPDFPage_CountObjects(page))]
    edges: list[dict[str, Any]] = []
    _walk(objs, _IDENTITY, disp, 0, edges)
    return edges


def read_page(doc: pdfium.PdfDocument, index: int, images: bool = False) -> PdfiumPage:
    """Page ``index`` (0-based) of an open document, or PageUnreadable; with ``images``, also
    the page's image regions to OCR (``pdf_ocr.image_regions``), read while the page is open."""
    try:
        page = doc[index]
    except pdfium.PdfiumError as exc:
        raise PageUnreadable(f"pdfium: cannot load the page: {str(exc).splitlines()[0]}") from exc
    try:
        disp = _Display(page.get_mediabox(), page.get_rotation())
        if disp.width <= 0 or disp.height <= 0:
            raise PageUnreadable("pdfium: the page has no area (empty media box)")
        raw = page.raw
        tp = R.FPDFText_LoadPage(raw)
        if not tp:
            raise PageUnreadable("pdfium: cannot load the page's text layer")
        try:
            chars = _chars(tp, disp)
            regions = None
            if images:
                try:
                    regions = image_regions(raw, tp)
                except Exception:  # noqa: BLE001 - left unknown: OCR looks again (pdf_ocr.ocr_jobs) and reports it
                    pass
        finally:
            R.FPDFText_ClosePage(tp)
        return PdfiumPage(index + 1, disp.width, disp.height, chars, _edges(raw, disp), regions)
    finally:
        page.close()
