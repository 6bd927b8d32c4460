"""OCR'd numbers are not trusted blindly: confidence and a verified / unverified flag.

Every fact printed on a page that was read by OCR (``doc.meta["ocr_pages"]``, see
loaders/formats/pdf_ocr; on a partly scanned page only the facts inside an OCR'd image region,
``doc.meta["ocr_regions"]``) gets

* ``ocr_confidence``: the engine's confidence of the OCR box(es) holding its number;
* ``ocr_unverified``: False only when an arithmetic identity or an independent reading
  confirms the number, else True (the fact is kept; the DQ layer reports the flag).

A number is confirmed when

1. **subject hierarchy** — in one table column, a 类 (3-digit code) equals the sum of its
   款 (5-digit), or a 款 the sum of its 项 (7-digit): parent and children are confirmed;
2. **total** — a 合计/总计 row equals the sum of the 类 rows in its column, or of the
   uncoded lines above it (收入合计 = 财政拨款收入 + 其他收入);
3. **row** — a row whose first amount equals the sum of the others (本年支出合计 =
   基本支出 + 项目支出; with one other amount, two cells read the same number);
4. **agreement** — another fact at another place of the document (a text-layer page, the
   prose, or another table) states the same metric for the same subject with the same value.

A 0/8, 1/7 or 5/6 confusion breaks these sums, so a misread amount stays flagged.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from ..model import Fact, ParsedDocument

_TOTAL_WORDS = ("合计", "总计")


def _page(doc: ParsedDocument, f: Fact) -> int | None:
    if f.location.page is not None:
        return f.location.page
    return doc.page_of(f.location.char_start) if f.location.char_start is not None else None


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return min(a[2], b[2]) > max(a[0], b[0]) and min(a[3], b[3]) > max(a[1], b[1])


def _confidence(f: Fact, boxes: list[list[Any]]) -> float | None:
    """Lowest confidence among the page's OCR boxes that hold the fact's number (inside its
    cell when it has one); the page's lowest confidence when no box can be told."""
    if not boxes:
        return None
    printed = (f.value_text or "").replace(",", "")
    near = [b for b in boxes if f.location.bbox is None or _overlaps(tuple(b[1:5]), f.location.bbox)]
    holding = [b for b in near if printed and printed in str(b[6]).replace(",", "").replace("，", "")]
    chosen = holding or near or boxes
    return round(min(float(b[5]) for b in chosen), 4)


def _cell_index(doc: ParsedDocument) -> dict[tuple[int | None, tuple[float, ...]], tuple[int, int, int]]:
    out = {}
    for t in doc.tables:
        for r, row in enumerate(t.rows or []):
            for c, cell in enumerate(row):
                if cell.location.bbox is not None:
                    out[(cell.location.page, tuple(cell.location.bbox))] = (t.table_no or 0, r, c)
    return out


def _is_total(f: Fact) -> bool:
    return any(w in (f.evidence or "").split("\t")[0] or w in (f.qualifier or "") for w in _TOTAL_WORDS)


def _identities(doc: ParsedDocument, facts: list[Fact]) -> set[int]:
    index = _cell_index(doc)
    columns: dict[tuple[int, int], list[Fact]] = defaultdict(list)
    rows: dict[tuple[int, int], list[tuple[int, Fact]]] = defaultdict(list)
    for f in facts:
        if f.source != "table" or f.value is None or f.location.bbox is None:
            continue
        where = index.get((f.location.page, tuple(f.location.bbox)))
        if where is None:
            continue
        table, r, c = where
        columns[(table, c)].append(f)
        rows[(table, r)].append((c, f))
    ok: set[int] = set()
    for col in columns.values():
        by_code: dict[str, list[Fact]] = defaultdict(list)
        for f in col:
            if f.subject_code:
                by_code[f.subject_code].append(f)
        codes = {k: v[0] for k, v in by_code.items() if len(v) == 1}
        for code, parent in codes.items():
            if len(code) not in (3, 5):
                continue
            kids = [f for k, f in codes.items() if len(k) == len(code) + 2 and k.startswith(code)]
            if kids and parent.value == sum((k.value for k in kids), Decimal(0)):
                ok.update(id(f) for f in (parent, *kids))
        classes = [f for k, f in codes.items() if len(k) == 3]
        lines = [f for f in col if not f.subject_code and not _is_total(f)]
        for f in col:
            if f.subject_code or not _is_total(f):
                continue
            for parts in (classes, lines):
                if parts and f.value == sum((k.value for k in parts), Decimal(0)):
                    ok.update(id(x) for x in (f, *parts))
    for row in rows.values():
        vals = [f for _, f in sorted(row, key=lambda cf: cf[0])]
        if len(vals) >= 2 and vals[0].value == sum((f.value for f in vals[1:]), Decimal(0)):
            ok.update(id(f) for f in vals)
    return ok


def _key(f: Fact) -> tuple[Any, ...]:
    return (f.metric, f.subject_code or f.qualifier, f.period, f.unit)


def _agreements(all_facts: list[Fact], ocr_facts: list[Fact]) -> set[int]:
    seen: dict[tuple[Any, ...], list[Fact]] = defaultdict(list)
    for f in all_facts:
        if f.value is not None:
            seen[_key(f)].append(f)
    ok: set[int] = set()
    for f in ocr_facts:
        if f.value is None:
            continue
        for g in seen[_key(f)]:
            if g is not f and g.value == f.value and g.location.char_start != f.location.char_start:
                ok.add(id(f))
                break
    return ok


def _block_box(doc: ParsedDocument, offset: int | None) -> tuple[float, ...] | None:
    if offset is None:
        return None
    for b in doc.blocks:
        loc = b.location
        if loc.char_start is not None and loc.char_end is not None and loc.char_start <= offset < loc.char_end:
            return tuple(loc.bbox) if loc.bbox is not None else None
    return None


def _read_by_ocr(doc: ParsedDocument, f: Fact, page: int | None, regions: dict[int, list[tuple[float, ...]]],
                 boxes: dict[int, list[list[Any]]]) -> bool:
    """A fact of an OCR'd page was read by OCR: on a wholly OCR'd page always; on a partly
    OCR'd page when its cell (else its block) lies in an OCR'd image region, or, with
    neither box known, when an OCR box of that page holds its number."""
    if page is None or page not in regions:
        return True
    box = tuple(f.location.bbox) if f.location.bbox is not None else _block_box(doc, f.location.char_start)
    if box is not None:
        return any(_overlaps(r, box) for r in regions[page])
    printed = (f.value_text or "").replace(",", "")
    return bool(printed) and any(printed in str(b[6]).replace(",", "") for b in boxes[page])


def mark_ocr_facts(doc: ParsedDocument, facts: list[Fact]) -> list[Fact]:
    """Set ``ocr_confidence`` / ``ocr_unverified`` on the facts of OCR'd pages (in place)."""
    pages = set(doc.meta.get("ocr_pages") or [])
    if not pages:
        return facts
    boxes: dict[int, list[list[Any]]] = defaultdict(list)
    for b in doc.meta.get("ocr_boxes") or []:
        boxes[int(b[0])].append(b)
    regions: dict[int, list[tuple[float, ...]]] = defaultdict(list)
    for r in doc.meta.get("ocr_regions") or []:
        regions[int(r[0])].append(tuple(r[1:5]))
    ocr_facts = [f for f in facts if _page(doc, f) in pages and _read_by_ocr(doc, f, _page(doc, f), regions, boxes)]
    for f in ocr_facts:
        f.ocr_confidence = _confidence(f, boxes[_page(doc, f) or 0])
    confirmed = _identities(doc, ocr_facts) | _agreements(facts, ocr_facts)
    for f in ocr_facts:
        f.ocr_unverified = id(f) not in confirmed
    return facts
