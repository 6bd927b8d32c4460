"""The loader asks for each PDF's OCR time budget (extra sandbox seconds per page to OCR)
from several threads at once, one per in-flight document. The pages are counted with pdfium,
which is not thread-safe (overlapping calls in the loader process once crashed a whole load
with a segmentation fault) and which reads untrusted bytes: so the count runs in a sandboxed
child, never in the loader process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import builders as B
from loaders.config import PROJECT_ROOT
from loaders.formats.pdf_ocr import OCR_PAGE_BUDGET_S, ocr_time_budget
from loaders.sandbox import SandboxResult
from ocrkit import image_pdf

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"
PDFS = sorted(REALDOCS.rglob("*.pdf")) if REALDOCS.is_dir() else []
TESTS = PROJECT_ROOT / "tests"


@pytest.mark.realdocs
@pytest.mark.skipif(not PDFS, reason="../shared/realdocs absent (the real PDFs triggered the crash)")
def test_ocr_budget_from_many_threads_at_once():
    script = textwrap.dedent(f"""
        from concurrent.futures import ThreadPoolExecutor
        from pathlib import Path
        from loaders.formats.pdf_ocr import ocr_time_budget
        docs = [Path(p).read_bytes() for p in {[str(p) for p in PDFS]!r}] * 2
        serial = [ocr_time_budget(d, "x.pdf") for d in docs]
        with ThreadPoolExecutor(8) as pool:
            budgets = list(pool.map(lambda d: ocr_time_budget(d, "x.pdf"), docs))
        assert budgets == serial, (budgets, serial)
        print("ok")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and run.stdout.strip() == "ok", (run.returncode, run.stderr[-2000:])


def test_pages_are_counted_outside_the_calling_process():
    """The caller gets the budget of a PDF with one scanned page and never loads pdfium itself."""
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(TESTS)!r})
        import builders as B
        from ocrkit import image_pdf
        scanned = image_pdf(B.build_pdf(), pages=[1])
        sys.modules.pop("pypdfium2", None)  # the test kit renders with it; the budget must not need it
        for name in [m for m in sys.modules if m.startswith("pypdfium2")]:
            sys.modules.pop(name)
        import loaders.formats.pdf_ocr as o
        budget = o.ocr_time_budget(scanned, "s.pdf")
        assert budget == o.OCR_PAGE_BUDGET_S, budget
        assert not [m for m in sys.modules if m.startswith("pypdfium2")], "pdfium loaded in the caller"
        print("ok")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=PROJECT_ROOT)
    assert run.returncode == 0 and run.stdout.strip() == "ok", (run.returncode, run.stderr[-2000:])


def test_a_broken_pdf_or_a_failed_count_gets_no_extra_time():
    assert ocr_time_budget(b"%PDF-1.7\n" + b"\x00garbage" * 100, "broken.pdf") == 0
    failed = lambda *a, **k: SandboxResult(error="crashed: signal 11")  # noqa: E731
    assert ocr_time_budget(image_pdf(B.build_pdf(), pages=[1]), "s.pdf", runner=failed) == 0


def test_the_count_uses_the_callers_runner():
    calls = []

    def runner(fn, *args, **kwargs):
        calls.append(kwargs)
        return SandboxResult(value=fn(*args))

    assert ocr_time_budget(image_pdf(B.build_pdf(), pages=[1]), "s.pdf", runner=runner,
                           memory_bytes=123 * 2**20) == OCR_PAGE_BUDGET_S
    assert calls and calls[0]["memory_bytes"] == 123 * 2**20
    assert ocr_time_budget(b"plain text", "a.txt", runner=runner) == 0 and len(calls) == 1
