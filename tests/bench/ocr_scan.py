"""Score OCR of a rasterised text PDF against its own text layer (for `make bench-ocr`).

`python tests/bench/ocr_scan.py PDF [DPI] [PAGES]` renders the pages (all by default) at
DPI, rebuilds them as an image-only PDF, loads it through the normal parser with OCR (read
at the loader's resolution, ``JUESUAN_OCR_DPI``, default 150, printed as ocr_dpi) and
prints: 类/款/项 rows and totals equal to the text layer's, OCR'd values that differ
without a flag (must be 0), share of confirmed facts, and seconds per page (wall; pages are
spread over ``JUESUAN_OCR_WORKERS`` processes, printed as ocr_workers). VERBOSE=1 lists the
missed rows on stderr.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ocrkit import image_pdf  # noqa: E402

from loaders.extract import extract_facts  # noqa: E402
from loaders.extract.ocr_verify import mark_ocr_facts  # noqa: E402
from loaders.formats import parse_bytes  # noqa: E402
from loaders.formats import pdf_ocr  # noqa: E402
from loaders.store.prepare import extract_one  # noqa: E402


def score(path: str, dpi: int, pages: list[int] | None) -> dict:
    data = Path(path).read_bytes()
    ref = extract_one(data, path)
    n = parse_bytes(data, path).pages or 0
    pages = pages or list(range(1, n + 1))
    ref = [f for f in ref if f.location.page in pages]
    scan = image_pdf(data, pages, dpi=dpi)  # the scan's resolution; OCR reads it at the loader's OCR_DPI
    t0 = time.monotonic()
    doc = parse_bytes(scan, "scan.pdf")
    facts = mark_ocr_facts(doc, extract_facts(doc))
    secs = time.monotonic() - t0
    key = lambda f: (f.metric, f.subject_code or f.qualifier, f.period)  # noqa: E731
    got: dict = {}
    for f in facts:
        got.setdefault(key(f), []).append(f.value)
    truth: dict = {}
    for f in ref:
        truth.setdefault(key(f), set()).add(f.value)
    rows = [f for f in ref if f.source == "table" and (f.subject_code or "total" in f.metric or "合计" in f.evidence)]
    equal = sum(f.value in got.get(key(f), []) for f in rows)
    wrong = [f for f in facts if f.value is not None and key(f) in truth and f.value not in truth[key(f)]]
    if os.environ.get("VERBOSE"):
        for f in rows:
            if f.value not in got.get(key(f), []):
                print("miss", f.location.page, key(f), f.value, got.get(key(f)), file=sys.stderr)
    return {"file": Path(path).name, "dpi": dpi, "pages": len(pages), "rows_totals": f"{equal}/{len(rows)}",
            "all_facts": f"{sum(f.value in got.get(key(f), []) for f in ref)}/{len(ref)}",
            "wrong": len(wrong), "wrong_unflagged": sum(not f.ocr_unverified for f in wrong),
            "confirmed": f"{sum(not f.ocr_unverified for f in facts)}/{len(facts)}",
            "s_per_page": round(secs / len(pages), 1), "ocr_s_per_page": round(doc.meta["ocr_seconds"] / len(pages), 1),
            "ocr_dpi": doc.meta["ocr_dpi"], "ocr_workers": pdf_ocr._workers(None)}


if __name__ == "__main__":
    dpi = int(sys.argv[2]) if len(sys.argv) > 2 else 150
    pages = [int(p) for p in sys.argv[3].split(",")] if len(sys.argv) > 3 else None
    print(json.dumps(score(sys.argv[1], dpi, pages), ensure_ascii=False))
