"""Blind first score of the OCR engines: rasterise pages of a text-layer PDF, OCR them,
and count how many of the text layer's table amounts (value as printed) and subject
codes come back as exact OCR tokens. Not a test: `python tests/bench/ocr_engines.py PDF`.
"""

from __future__ import annotations

import json
import re
import sys
import time

import pypdfium2 as pdfium

from loaders.formats.ocr import get_engine
from loaders.store.prepare import extract_one


def main(path: str, pages: list[int], dpi: int, engines: list[str]) -> None:
    data = open(path, "rb").read()
    facts = [f for f in extract_one(data, path) if f.source == "table" and f.location.page in pages]
    pdf = pdfium.PdfDocument(data)
    images = {p: pdf[p - 1].render(scale=dpi / 72).to_pil() for p in pages}
    for name in engines:
        eng = get_engine(name)
        eng.read(images[pages[0]].crop((0, 0, 200, 200)))  # warm up
        t0 = time.monotonic()
        tokens: set[str] = set()
        for p in pages:
            for b in eng.read(images[p]):
                tokens.update(t for t in re.split(r"\s+", b.text.replace("，", ",")) if t)
        secs = time.monotonic() - t0
        vals = [f.value_text for f in facts if f.value_text]
        codes = {f.subject_code for f in facts if f.subject_code}
        hit_v = sum(v in tokens for v in vals)
        hit_c = sum(c in tokens for c in codes)
        totals = [f.value_text for f in facts if f.value_text and "合计" in (f.evidence or "") + (f.qualifier or "")]
        hit_t = sum(v in tokens for v in totals)
        print(json.dumps({"engine": name, "dpi": dpi, "pages": pages, "amounts": f"{hit_v}/{len(vals)}",
                          "subject_codes": f"{hit_c}/{len(codes)}", "totals": f"{hit_t}/{len(totals)}",
                          "s_per_page": round(secs / len(pages), 2)}, ensure_ascii=False))


if __name__ == "__main__":
    pdf_path = sys.argv[1]
    pages = [int(p) for p in (sys.argv[2] if len(sys.argv) > 2 else "6,8,10,15").split(",")]
    dpi = int(sys.argv[3]) if len(sys.argv) > 3 else 150
    main(pdf_path, pages, dpi, ["rapidocr", "tesseract"])
