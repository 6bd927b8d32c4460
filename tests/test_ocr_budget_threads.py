"""The loader asks for each PDF's OCR time budget from several threads at once (one per
in-flight document); pdfium is not thread-safe, so those calls must not overlap (they
crashed the whole load with a segmentation fault when they did)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from loaders.config import PROJECT_ROOT

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"
PDFS = sorted(REALDOCS.rglob("*.pdf")) if REALDOCS.is_dir() else []


@pytest.mark.realdocs
@pytest.mark.skipif(not PDFS, reason="../shared/realdocs absent (the real PDFs trigger the crash)")
def test_ocr_budget_from_many_threads_at_once():
    script = textwrap.dedent(f"""
        from concurrent.futures import ThreadPoolExecutor
        from pathlib import Path
        from loaders.formats.pdf_ocr import ocr_time_budget
        docs = [Path(p).read_bytes() for p in {[str(p) for p in PDFS]!r}] * 8
        serial = [ocr_time_budget(d, "x.pdf") for d in docs]
        with ThreadPoolExecutor(8) as pool:
            budgets = list(pool.map(lambda d: ocr_time_budget(d, "x.pdf"), docs))
        assert budgets == serial, (budgets, serial)
        print("ok")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stdout.strip() == "ok", (run.returncode, run.stderr[-2000:])
