"""PDF throughput: the project's PDF path next to its baselines, side by side in one run.

For every document, in the same process and interleaved (so machine load hits all alike),
the CPU time (``time.process_time``, best of ``repeat``) of

* ``fast``: the PDF path — ``parse_pdf(data)`` (pypdfium2 reader) and ``extract_facts``;
* ``fast_parse``: the parse alone;
* ``plumber_path``: the same parse and extraction on the pdfplumber reader (the reference);
* ``plumber_default``: pdfplumber's own default ``page.extract_text()`` +
  ``page.extract_tables()`` on every page — the baseline of issue 13;
* ``pdfium_text``: pypdfium2 plain text of every page (a floor: no layout, no tables);

then the ratios (baseline / fast) per document and over all pages, and the start-up time
of ``juesuan --help`` (best wall and CPU time of several runs in a fresh process).

    python -m loaders.bench.pdf_paths                 # ../shared/realdocs/**/*.pdf
    python -m loaders.bench.pdf_paths a.pdf b.pdf --repeat 5 --json

``measure()`` returns the measurements as a flat dict of named numbers (for `make bench`).
The target of issue 13: ``pdf.ratio.plumber_default_over_fast`` >= 4 and
``startup.help_wall_s`` < 0.3. Targets live here, not in timed tests.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from ..config import PROJECT_ROOT

REALDOCS = PROJECT_ROOT.parent / "shared" / "realdocs"
TARGET_PDF_RATIO = 4.0
TARGET_HELP_S = 0.3
METHODS = ("fast", "fast_parse", "plumber_path", "plumber_default", "pdfium_text")


def default_documents() -> list[Path]:
    return sorted(REALDOCS.glob("*.pdf")) + sorted((REALDOCS / "more").glob("*.pdf")) if REALDOCS.is_dir() else []


def _fast(data: bytes) -> None:
    from ..extract import extract_facts
    from ..formats.pdf import parse_pdf

    extract_facts(parse_pdf(data, "pdfium"))


def _fast_parse(data: bytes) -> None:
    from ..formats.pdf import parse_pdf

    parse_pdf(data, "pdfium")


def _plumber_path(data: bytes) -> None:
    from ..extract import extract_facts
    from ..formats.pdf import parse_pdf

    extract_facts(parse_pdf(data, "pdfplumber"))


def _plumber_default(data: bytes) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def _pdfium_text(data: bytes) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        for i in range(len(doc)):
            page = doc[i]
            tp = page.get_textpage()
            tp.get_text_range()
            tp.close()
            page.close()
    finally:
        doc.close()


RUNNERS: dict[str, Callable[[bytes], None]] = {
    "fast": _fast,
    "fast_parse": _fast_parse,
    "plumber_path": _plumber_path,
    "plumber_default": _plumber_default,
    "pdfium_text": _pdfium_text,
}


def _cpu(fn: Callable[[bytes], None], data: bytes) -> float:
    t = time.process_time()
    fn(data)
    return time.process_time() - t


def _pages(data: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    try:
        return len(doc)
    finally:
        doc.close()


def startup(runs: int = 7) -> dict[str, float]:
    """Best wall and CPU seconds of `juesuan --help` in a fresh process."""
    script = Path(sys.executable).with_name("juesuan")
    cmd = [str(script), "--help"] if script.is_file() else [sys.executable, "-m", "loaders.cli", "--help"]
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return {"startup.help_wall_s": min(walls), "startup.help_cpu_s": min(cpus)}


def measure(paths: list[Path] | None = None, repeat: int = 3, with_startup: bool = True) -> dict[str, float]:
    """Named measurements: ``pdf.<doc>.<method>_s`` (CPU s, best of ``repeat``), per-document
    and overall ratios ``...ratio.<baseline>_over_fast``, page counts and start-up times."""
    docs = [(p.stem, p.read_bytes()) for p in (paths if paths is not None else default_documents())]
    if not docs:
        raise SystemExit("no PDF to measure: give paths, or provide ../shared/realdocs")
    for fn in RUNNERS.values():  # imports and one-off caches are not the documents' cost
        fn(docs[0][1])
    best: dict[tuple[str, str], float] = {}
    for _ in range(repeat):
        for stem, data in docs:
            for method in METHODS:
                s = _cpu(RUNNERS[method], data)
                best[(stem, method)] = min(s, best.get((stem, method), s))
    out: dict[str, float] = {}
    total = {m: 0.0 for m in METHODS}
    pages = 0
    for stem, data in docs:
        n = _pages(data)
        pages += n
        out[f"pdf.{stem}.pages"] = n
        for m in METHODS:
            out[f"pdf.{stem}.{m}_s"] = best[(stem, m)]
            total[m] += best[(stem, m)]
        for base in ("plumber_default", "plumber_path", "pdfium_text"):
            out[f"pdf.{stem}.ratio.{base}_over_fast"] = best[(stem, base)] / best[(stem, "fast")]
    out["pdf.pages"] = pages
    for m in METHODS:
        out[f"pdf.total.{m}_s"] = total[m]
        out[f"pdf.per_page.{m}_s"] = total[m] / pages
    for base in ("plumber_default", "plumber_path", "pdfium_text"):
        out[f"pdf.ratio.{base}_over_fast"] = total[base] / total["fast"]
        out[f"pdf.ratio_min.{base}_over_fast"] = min(out[f"pdf.{s}.ratio.{base}_over_fast"] for s, _ in docs)
    out["pdf.ratio.plumber_default_over_fast_parse"] = total["plumber_default"] / total["fast_parse"]
    if with_startup:
        out.update(startup())
    return out


def report(m: dict[str, float]) -> str:
    stems = sorted({k.split(".")[1] for k in m if k.startswith("pdf.") and k.endswith(".pages") and k != "pdf.pages"})
    head = f"{'document':58} {'pages':>5} {'fast':>7} {'plumber':>8} {'default':>8} {'pdfium':>7}  {'default/fast':>12} {'path/fast':>9}"
    lines = ["CPU seconds per document (best of runs; fast = pypdfium2 parse + extract)", head]
    for s in stems:
        g = lambda k: m[f"pdf.{s}.{k}"]  # noqa: E731
        lines.append(
            f"{s[:58]:58} {int(g('pages')):5d} {g('fast_s'):7.3f} {g('plumber_path_s'):8.3f} {g('plumber_default_s'):8.3f} "
            f"{g('pdfium_text_s'):7.3f}  {g('ratio.plumber_default_over_fast'):11.2f}x {g('ratio.plumber_path_over_fast'):8.2f}x"
        )
    t = lambda k: m[f"pdf.total.{k}_s"]  # noqa: E731
    lines.append(
        f"{'all':58} {int(m['pdf.pages']):5d} {t('fast'):7.3f} {t('plumber_path'):8.3f} {t('plumber_default'):8.3f} "
        f"{t('pdfium_text'):7.3f}  {m['pdf.ratio.plumber_default_over_fast']:11.2f}x {m['pdf.ratio.plumber_path_over_fast']:8.2f}x"
    )
    lines.append(
        f"per page: fast {1000 * m['pdf.per_page.fast_s']:.1f} ms (parse {1000 * m['pdf.per_page.fast_parse_s']:.1f} ms), "
        f"pdfplumber default text+tables {1000 * m['pdf.per_page.plumber_default_s']:.1f} ms, "
        f"pypdfium2 text {1000 * m['pdf.per_page.pdfium_text_s']:.2f} ms"
    )
    ok = m["pdf.ratio.plumber_default_over_fast"] >= TARGET_PDF_RATIO
    lines.append(
        f"PDF path vs pdfplumber default text+tables: {m['pdf.ratio.plumber_default_over_fast']:.2f}x over all pages, "
        f"{m['pdf.ratio_min.plumber_default_over_fast']:.2f}x on the slowest document "
        f"(target >= {TARGET_PDF_RATIO:g}x: {'met' if ok else 'NOT met'}); "
        f"the parse alone (no fact extraction): {m['pdf.ratio.plumber_default_over_fast_parse']:.2f}x"
    )
    if "startup.help_wall_s" in m:
        ok = m["startup.help_wall_s"] < TARGET_HELP_S
        lines.append(
            f"juesuan --help: {m['startup.help_wall_s']:.3f} s wall, {m['startup.help_cpu_s']:.3f} s CPU "
            f"(target < {TARGET_HELP_S} s wall: {'met' if ok else 'NOT met'})"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdfs", nargs="*", type=Path, help="PDF files (default: ../shared/realdocs/**/*.pdf)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per document and method; the best counts")
    ap.add_argument("--json", action="store_true", help="print the measurements as JSON")
    ap.add_argument("--no-startup", action="store_true", help="skip the `juesuan --help` timing")
    a = ap.parse_args(argv)
    m = measure(a.pdfs or None, repeat=a.repeat, with_startup=not a.no_startup)
    print(json.dumps(m, indent=1) if a.json else report(m))


if __name__ == "__main__":
    main()
