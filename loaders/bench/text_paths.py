"""Text throughput: the project's text path next to its baselines, side by side in one run.

For every document (``data/samples`` .txt/.md and a few bench-corpus documents), CPU time
(``time.process_time``, best of ``repeat`` rounds; the rounds interleave the methods so machine
load hits all alike) of

* ``now``: the text path users run — ``parse_file`` (decode, blocks, tables) and
  ``extract_facts`` of this checkout, as a fresh process imports it: after ``make setup`` the
  modules of ``loaders/compiled_modules.txt`` come compiled from ``build/compiled``
  (``loaders/compiled.py``; ``text.compiled_modules`` counts them, 0 when there is no fresh build
  or ``JUESUAN_PURE`` is set);
* ``pure``: the same with ``JUESUAN_PURE=1``, every module from its ``.py`` (the ``text.pure.*``
  keys; ``text.pure.ratio.pure_over_now`` is the gain of compiling);
* ``base``: the same two calls of the project at the start of issue 13 (commit ``29817fa``),
  run from a git worktree of that commit (made in a temp dir and removed afterwards, or an
  existing checkout given with ``--baseline-dir``);
* ``regex``: a plain regex pass over the same bytes — decode, then one compiled regex that
  finds every number with its optional unit (万元/元/%), in this process.

``now``, ``pure`` and ``base`` are timed alike: each round one fresh process per method with the
same interpreter, a warm-up run of each document, then one timed run with the project's data
memo caches cleared (``data_caches``), so a run never reads the document's own results back
(compile-once caches of seeds and patterns stay). (Before the compiled build, ``now`` was timed
in the bench's own process, where the same code ran 5-10 % slower than in a fresh one.)

Then per 100 KB, the ratios ``base / now`` (target >= 8) and ``now / regex`` (target <= 10),
the same for ``pure``, and the start-up time of ``juesuan --help`` (best wall time of 5 fresh
processes).

    python -m loaders.bench.text_paths                  # samples + 3 bench-corpus documents
    python -m loaders.bench.text_paths a.txt b.md --repeat 5 --json
    python -m loaders.bench.text_paths --no-baseline    # no git worktree (the smoke test)
    python -m loaders.bench.text_paths --no-pure        # no JUESUAN_PURE=1 column

``measure()`` returns a flat dict of named numbers; the ``text_paths`` bench stage
(``paths_stage.py``) adds the summary columns to ``python -m loaders.bench``. Targets live here,
not in timed tests.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..compiled import PURE_ENV
from ..config import PROJECT_ROOT, text_samples

BASELINE_COMMIT = "29817fa"  # the text path at the start of issue 13
TARGET_BASE_OVER_NOW = 8.0
TARGET_NOW_OVER_REGEX = 10.0
CORPUS_DOCS = 3
NUMBER_WITH_UNIT = re.compile(r"-?\d[\d,]*(?:\.\d+)?\s*(?:万元|元|%|％)?")

# Run inside a checkout (this one, or the baseline's): time its parse_file + extract_facts on the
# paths given, one timed run per document after a warm-up run, its data memo caches cleared;
# print {"docs": {path: [cpu_s, facts]}, "compiled": loaders.* modules imported as extensions}.
_TIMED_SCRIPT = """
import json, sys, time
from importlib.machinery import EXTENSION_SUFFIXES
from loaders.formats import parse_file
from loaders.extract import extract_facts
def caches():
    for name, mod in list(sys.modules.items()):
        if name.startswith("loaders.") and mod is not None:
            for v in vars(mod).values():
                p = getattr(v, "cache_parameters", None)
                if callable(p) and p().get("maxsize") not in (None, 1):
                    yield v
out = {}
for p in sys.argv[1:]:
    extract_facts(parse_file(p))
    for c in set(caches()):
        c.cache_clear()
    t = time.process_time(); n = len(extract_facts(parse_file(p))); out[p] = [time.process_time() - t, n]
compiled = sum(1 for name, mod in list(sys.modules.items()) if name.startswith("loaders.")
               and str(getattr(mod, "__file__", None)).endswith(tuple(EXTENSION_SUFFIXES)))
print(json.dumps({"docs": out, "compiled": compiled}))
"""


def default_documents(corpus: Path | None = None) -> list[Path]:
    """The text samples, then ``CORPUS_DOCS`` bench-corpus documents (from ``corpus`` when it
    holds them, else made in a temp folder that lives as long as the process)."""
    docs = text_samples()
    have = sorted(corpus.glob("bench-*.txt"))[:CORPUS_DOCS] if corpus is not None and corpus.is_dir() else []
    if len(have) < CORPUS_DOCS:
        from .corpus import make_corpus

        have = make_corpus(Path(tempfile.mkdtemp(prefix="juesuan-text-bench-")), CORPUS_DOCS)
    return docs + have


def _regex(data: bytes) -> int:
    return len(NUMBER_WITH_UNIT.findall(data.decode("utf-8")))


def data_caches() -> list:
    """The memo caches of the project that hold data (bounded ``lru_cache``s of ``loaders.*``
    with more than one entry: cell strings, normalised texts, ...), not the compile-once ones
    (``maxsize`` None or 1: seeds, lexicons, patterns)."""
    found = {}
    for name, mod in list(sys.modules.items()):
        if name.startswith("loaders.") and mod is not None:
            for v in vars(mod).values():
                params = getattr(v, "cache_parameters", None)
                if callable(params) and params().get("maxsize") not in (None, 1):
                    found[id(v)] = v
    return list(found.values())


def _cpu_regex(data: bytes, loops: int = 20) -> float:
    t = time.process_time()
    for _ in range(loops):
        _regex(data)
    return (time.process_time() - t) / loops


@contextmanager
def baseline_checkout(commit: str = BASELINE_COMMIT, existing: Path | None = None) -> Iterator[Path | None]:
    """A checkout of ``commit``: ``existing`` as is, else a git worktree in a temp dir (removed
    afterwards); None when git or the commit is not available."""
    if existing is not None:
        yield existing
        return
    tmp = Path(tempfile.mkdtemp(prefix="juesuan-text-base-"))
    work = tmp / "base"
    git = ["git", "-C", str(PROJECT_ROOT)]
    try:
        made = subprocess.run([*git, "worktree", "add", "--detach", str(work), commit],
                              capture_output=True, text=True)
        if made.returncode != 0:
            print(f"[text_paths] no baseline: git worktree add {commit} failed: {made.stderr.strip()[:200]}",
                  file=sys.stderr)
            yield None
            return
        yield work
    finally:
        subprocess.run([*git, "worktree", "remove", "--force", str(work)], capture_output=True)
        subprocess.run([*git, "worktree", "prune"], capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def _cpu_timed(checkout: Path, paths: list[Path], env: dict[str, str] | None = None) -> dict:
    """``_TIMED_SCRIPT`` in a fresh process of ``checkout`` (``env`` added to this one's)."""
    r = subprocess.run([sys.executable, "-c", _TIMED_SCRIPT, *(str(p.absolute()) for p in paths)], cwd=checkout,
                       env={**os.environ, "PYTHONPATH": str(checkout), **(env or {})},
                       capture_output=True, text=True, timeout=1800)
    if r.returncode != 0:
        raise RuntimeError(f"timed run in {checkout} failed: {r.stderr.strip()[-500:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def measure(paths: list[Path] | None = None, repeat: int = 3, baseline: bool = True,
            baseline_dir: Path | None = None, with_startup: bool = True, corpus: Path | None = None,
            pure: bool = True) -> dict[str, float]:
    """Named measurements: ``text.<doc>.{now,base,regex}_ms`` (CPU ms, best of ``repeat``),
    ``...per_100kb.*``, the ratios ``text.ratio.base_over_now`` / ``text.ratio.now_over_regex``
    (over all bytes, and the worst document), fact counts and start-up time; with ``pure``,
    ``text.pure.*``: the same for the pure-Python path (``JUESUAN_PURE=1``) and
    ``text.pure.ratio.pure_over_now``. ``text.compiled_modules``: how many modules ``now`` ran
    compiled."""
    docs = [(p, p.read_bytes()) for p in (paths if paths else default_documents(corpus))]
    if not docs:
        raise SystemExit("no text document to measure")
    best: dict[tuple[str, str], float] = {}
    facts: dict[tuple[str, str], float] = {}
    compiled = 0

    def keep(p: Path, method: str, s: float) -> None:
        best[(p.name, method)] = min(s, best.get((p.name, method), s))

    with baseline_checkout(existing=baseline_dir) if baseline else _nothing() as checkout:
        runs = [("now", PROJECT_ROOT, {})]  # as a user's process imports it (compiled when built)
        if pure:
            runs.append(("pure", PROJECT_ROOT, {PURE_ENV: "1"}))
        if checkout is not None:
            runs.append(("base", checkout, {}))
        for _ in range(repeat):
            for p, data in docs:
                keep(p, "regex", _cpu_regex(data))
            for method, where, env in runs:
                r = _cpu_timed(where, [p for p, _ in docs], env)
                for path, (s, n) in r["docs"].items():
                    keep(Path(path), method, s)
                    facts[(Path(path).name, method)] = n
                if method == "now":
                    compiled = r["compiled"]
    methods = ["now", "regex"] + (["base"] if any(m == "base" for _, m in best) else [])
    has_pure = any(m == "pure" for _, m in best)
    out: dict[str, float] = {}
    total = {m: 0.0 for m in methods + ["pure"]}
    size = 0
    for p, data in docs:
        kb100 = len(data) / 1e5
        size += len(data)
        out[f"text.{p.name}.bytes"] = len(data)
        for m in methods:
            ms = 1000 * best[(p.name, m)]
            total[m] += ms
            out[f"text.{p.name}.{m}_ms"] = ms
            out[f"text.{p.name}.per_100kb.{m}_ms"] = ms / kb100
        for m in ("now", "base"):
            if (p.name, m) in facts:
                out[f"text.{p.name}.{m}_facts"] = facts[(p.name, m)]
        out[f"text.{p.name}.ratio.now_over_regex"] = best[(p.name, "now")] / best[(p.name, "regex")]
        if "base" in methods:
            out[f"text.{p.name}.ratio.base_over_now"] = best[(p.name, "base")] / best[(p.name, "now")]
        if has_pure:  # the pure-Python figures under their own prefix: text.pure.<doc>.*
            pure_s = best[(p.name, "pure")]
            total["pure"] += 1000 * pure_s
            out[f"text.pure.{p.name}.ms"] = 1000 * pure_s
            out[f"text.pure.{p.name}.per_100kb_ms"] = 1000 * pure_s / kb100
            out[f"text.pure.{p.name}.facts"] = facts[(p.name, "pure")]
            out[f"text.pure.{p.name}.ratio.pure_over_now"] = pure_s / best[(p.name, "now")]
            out[f"text.pure.{p.name}.ratio.pure_over_regex"] = pure_s / best[(p.name, "regex")]
            if "base" in methods:
                out[f"text.pure.{p.name}.ratio.base_over_pure"] = best[(p.name, "base")] / pure_s
    out["text.bytes"] = size
    out["text.compiled_modules"] = compiled
    for m in methods:
        out[f"text.per_100kb.{m}_ms"] = total[m] / (size / 1e5)
    names = [p.name for p, _ in docs]
    out["text.ratio.now_over_regex"] = total["now"] / total["regex"]
    out["text.ratio_max.now_over_regex"] = max(out[f"text.{n}.ratio.now_over_regex"] for n in names)
    if "base" in methods:
        out["text.ratio.base_over_now"] = total["base"] / total["now"]
        out["text.ratio_min.base_over_now"] = min(out[f"text.{n}.ratio.base_over_now"] for n in names)
    if has_pure:
        out["text.pure.per_100kb_ms"] = total["pure"] / (size / 1e5)
        out["text.pure.facts_differ"] = sum(out[f"text.pure.{n}.facts"] != out[f"text.{n}.now_facts"] for n in names)
        out["text.pure.ratio.pure_over_now"] = total["pure"] / total["now"]
        out["text.pure.ratio.pure_over_regex"] = total["pure"] / total["regex"]
        out["text.pure.ratio_max.pure_over_regex"] = max(out[f"text.pure.{n}.ratio.pure_over_regex"] for n in names)
        if "base" in methods:
            out["text.pure.ratio.base_over_pure"] = total["base"] / total["pure"]
            out["text.pure.ratio_min.base_over_pure"] = min(out[f"text.pure.{n}.ratio.base_over_pure"]
                                                            for n in names)
    if with_startup:
        from .pdf_paths import startup

        out["startup.help_wall_s"] = startup(runs=5)["startup.help_wall_s"]
    return out


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


def _now_label(m: dict[str, float]) -> str:
    n = int(m.get("text.compiled_modules", 0))
    return (f"{n} modules compiled (build/compiled, make compile)" if n
            else "pure Python (no fresh compiled build, or JUESUAN_PURE set)")


def report(m: dict[str, float]) -> str:
    names = [k[len("text."):-len(".bytes")] for k in m if k.startswith("text.") and k.endswith(".bytes") and k != "text.bytes"]
    has_base = "text.ratio.base_over_now" in m
    has_pure = "text.pure.per_100kb_ms" in m
    nan = float("nan")
    lines = ["CPU ms per 100 KB (best of runs; parse_file + extract_facts)",
             f"  now  = the path users run, a fresh process per round: {_now_label(m)}"]
    if has_pure:
        lines.append("  pure = the same checkout with JUESUAN_PURE=1 (every module from its .py), a fresh process per round")
    lines.append(f"{'document':40} {'KB':>6} {'now':>6} {'pure':>6} {'base':>6} {'regex':>5} {'base/now':>8} "
                 f"{'base/pure':>9} {'now/regex':>9} {'pure/regex':>10} {'pure/now':>8}")

    def row(label: str, kb: float, g, p) -> str:
        return (f"{label[:40]:40} {kb:6.1f} {g('per_100kb.now_ms'):6.1f} {p('per_100kb_ms'):6.1f} "
                f"{g('per_100kb.base_ms'):6.1f} {g('per_100kb.regex_ms'):5.2f} {g('ratio.base_over_now'):7.2f}x "
                f"{p('ratio.base_over_pure'):8.2f}x {g('ratio.now_over_regex'):8.1f}x {p('ratio.pure_over_regex'):9.1f}x "
                f"{p('ratio.pure_over_now'):7.2f}x")

    for n in names:
        lines.append(row(n, m[f"text.{n}.bytes"] / 1000, lambda k, n=n: m.get(f"text.{n}.{k}", nan),
                         lambda k, n=n: m.get(f"text.pure.{n}.{k}", nan)))
    lines.append(row("all", m["text.bytes"] / 1000, lambda k: m.get(f"text.{k}", nan),
                     lambda k: m.get(f"text.pure.{k}", nan)))
    if has_base:
        ok = m["text.ratio.base_over_now"] >= TARGET_BASE_OVER_NOW
        pure = (f"; pure Python {m['text.pure.ratio.base_over_pure']:.2f}x, "
                f"{m['text.pure.ratio_min.base_over_pure']:.2f}x" if has_pure else "")
        lines.append(f"text path vs {BASELINE_COMMIT} (start of issue 13): now {m['text.ratio.base_over_now']:.2f}x faster "
                     f"over all bytes, {m['text.ratio_min.base_over_now']:.2f}x on the worst document{pure} "
                     f"(target >= {TARGET_BASE_OVER_NOW:g}x for now: {'met' if ok else 'NOT met'})")
    ok = m["text.ratio.now_over_regex"] <= TARGET_NOW_OVER_REGEX
    pure = (f"; pure Python {m['text.pure.ratio.pure_over_regex']:.1f}x, "
            f"{m['text.pure.ratio_max.pure_over_regex']:.1f}x" if has_pure else "")
    lines.append(f"text path vs a plain regex number pass: now {m['text.ratio.now_over_regex']:.1f}x slower over all bytes, "
                 f"{m['text.ratio_max.now_over_regex']:.1f}x on the worst document{pure} "
                 f"(target <= {TARGET_NOW_OVER_REGEX:g}x for now: {'met' if ok else 'NOT met'})")
    if has_pure:
        same = ("the same fact counts" if not m.get("text.pure.facts_differ")
                else f"fact counts DIFFER on {int(m['text.pure.facts_differ'])} document(s)")
        lines.append(f"now vs pure Python: {m['text.pure.ratio.pure_over_now']:.2f}x faster over all bytes "
                     f"({_now_label(m)}; {same})")
    if "startup.help_wall_s" in m:
        lines.append(f"juesuan --help: {m['startup.help_wall_s']:.3f} s wall (best of 5)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help="text files (default: data/samples + bench-corpus documents)")
    ap.add_argument("--repeat", type=int, default=3, help="rounds; the best counts")
    ap.add_argument("--no-baseline", action="store_true", help=f"skip the {BASELINE_COMMIT} worktree run")
    ap.add_argument("--baseline-dir", type=Path, default=None, help=f"an existing checkout of {BASELINE_COMMIT}")
    ap.add_argument("--no-startup", action="store_true", help="skip the `juesuan --help` timing")
    ap.add_argument("--no-pure", action="store_true", help="skip the JUESUAN_PURE=1 (pure-Python) run")
    ap.add_argument("--json", action="store_true", help="print the measurements as JSON")
    a = ap.parse_args(argv)
    m = measure(a.files or None, repeat=a.repeat, baseline=not a.no_baseline, baseline_dir=a.baseline_dir,
                with_startup=not a.no_startup, pure=not a.no_pure)
    print(json.dumps(m, indent=1) if a.json else report(m))


if __name__ == "__main__":
    main()
