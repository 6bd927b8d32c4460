"""The ``text_paths`` and ``pdf_paths`` stages of ``python -m loaders.bench`` (issue 13's ratios
beside the corpus stages, in the same run). Registered when imported: by the bench's ``__main__``
only, so a process that merely uses ``text_paths`` / ``pdf_paths`` keeps the stage list it had.
Each is measured once per run (they do not depend on N) and printed in full to stderr; the table
gets their summary columns."""

from __future__ import annotations

import sys

from . import pdf_paths, text_paths
from .run import Context, stage

TEXT_COLUMNS = {"text.per_100kb.now_ms": "text_ms_per_100kb", "text.per_100kb.base_ms": "text_base_ms_per_100kb",
                "text.per_100kb.regex_ms": "text_regex_ms_per_100kb", "text.ratio.base_over_now": "text_base_over_now",
                "text.ratio.now_over_regex": "text_now_over_regex", "text.compiled_modules": "text_compiled_modules",
                "text.pure.per_100kb_ms": "text_pure_ms_per_100kb", "text.pure.ratio.pure_over_now": "text_pure_over_now",
                "startup.help_wall_s": "help_wall_s"}
PDF_COLUMNS = {"pdf.pages": "pdf_pages", "pdf.per_page.fast_s": "pdf_fast_s_per_page",
               "pdf.per_page.plumber_default_s": "pdf_plumber_default_s_per_page",
               "pdf.ratio.plumber_default_over_fast": "pdf_plumber_default_over_fast"}
PDF_REPEAT = 2  # best of 2: ~350 pages x 5 methods is a few minutes

_MEASURED: dict[str, dict[str, float]] = {}


def _once(name: str, measure, report, columns: dict[str, str]) -> dict[str, float]:
    if name not in _MEASURED:
        m = measure()
        print(report(m), file=sys.stderr, flush=True)
        _MEASURED[name] = {col: m[key] for key, col in columns.items() if key in m}
    return dict(_MEASURED[name])


@stage("text_paths")
def text_paths_stage(ctx: Context) -> dict[str, float]:
    """The text path against 29817fa and a regex pass, and `juesuan --help`."""
    return _once("text", lambda: text_paths.measure(corpus=ctx.corpus), text_paths.report, TEXT_COLUMNS)


@stage("pdf_paths")
def pdf_paths_stage(ctx: Context) -> dict[str, float]:
    """The PDF path against pdfplumber's default text + tables, on the real PDFs when present."""
    if not pdf_paths.default_documents():
        print("[pdf_paths] skipped: no PDF to measure (../shared/realdocs absent)", file=sys.stderr, flush=True)
        return {}
    return _once("pdf", lambda: pdf_paths.measure(repeat=PDF_REPEAT, with_startup=False), pdf_paths.report,
                 PDF_COLUMNS)
