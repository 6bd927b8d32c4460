"""The bench: for each N, a table of named measurements (one row per N, one column per name).

Each ``@stage`` function gets the Context of one N and returns ``{name: value}``; the table
shows every name any stage returned, in order, so another stage (e.g. the PDF fast path) adds
columns by registering itself::

    from loaders.bench.run import stage

    @stage("pdf")
    def pdf_pages(ctx): return {"pdf_pages_per_s": ...}

Growth ratios compare consecutive sizes (value at the larger N / value at the smaller N);
for per-document measurements a ratio near 1 means no superlinear step.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import make_corpus

INCREMENT = 10
AIM_N, AIM_S = 10_000, 600.0  # the aim: 10,000 documents loaded, built and reported in 10 minutes


@dataclass
class Context:
    n: int
    work: Path  # per-N folder: corpus, warehouse
    fmt: str = "txt"
    workers: int | None = None
    options: set[str] = field(default_factory=set)  # "serial", "report", "pdf-serial" ...
    values: dict[str, float] = field(default_factory=dict)

    @property
    def db(self) -> Path:
        return self.work / "warehouse" / "juesuan.duckdb"

    @property
    def corpus(self) -> Path:
        return self.work / "corpus"


Stage = Callable[[Context], dict[str, float]]
STAGES: list[tuple[str, Stage]] = []


def stage(name: str) -> Callable[[Stage], Stage]:
    def register(fn: Stage) -> Stage:
        STAGES.append((name, fn))
        return fn
    return register


def _cpu_split() -> tuple[float, float]:
    """(this process, its finished children and their children): the writer and the workers."""
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime, c.ru_utime + c.ru_stime


def _cpu() -> float:
    return sum(_cpu_split())


def _peak_rss_mb() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(s.ru_maxrss, c.ru_maxrss) / 1024


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    t0, c0 = time.monotonic(), _cpu()
    fn()
    return time.monotonic() - t0, _cpu() - c0


def _quiet(msg: str) -> None:
    pass


@stage("corpus")
def corpus_stage(ctx: Context) -> dict[str, float]:
    files = make_corpus(ctx.corpus, ctx.n, fmt=ctx.fmt)
    return {"corpus_mb": sum(f.stat().st_size for f in files) / 1e6}


@stage("load")
def load_stage(ctx: Context) -> dict[str, float]:
    from ..store.load import load_paths

    summary = {}
    (w0, k0) = _cpu_split()
    wall, cpu = _timed(lambda: summary.setdefault("s", load_paths([ctx.corpus], ctx.db, workers=ctx.workers,
                                                                   on_wait=_quiet, publish_every=200)))
    (w1, k1) = _cpu_split()
    loaded = summary["s"].counts["loaded"]
    if loaded != ctx.n:
        raise RuntimeError(f"bench: {loaded} of {ctx.n} documents loaded: {summary['s'].quarantined[:3]}")
    return {"load_s": wall, "docs_per_s": ctx.n / wall, "cpu_s_per_doc": cpu / ctx.n,
            "writer_cpu_s_per_doc": (w1 - w0) / ctx.n, "worker_cpu_s_per_doc": (k1 - k0) / ctx.n,
            "cores_used": cpu / wall, "peak_rss_mb": _peak_rss_mb(), "warehouse_mb": _size_mb(ctx.db.parent)}


@stage("serial")
def serial_stage(ctx: Context) -> dict[str, float]:
    if "serial" not in ctx.options:
        return {}
    from ..store.load import load_paths

    db = ctx.work / "serial" / "juesuan.duckdb"
    wall, _ = _timed(lambda: load_paths([ctx.corpus], db, workers=1, on_wait=_quiet, publish_every=200))
    shutil.rmtree(db.parent, ignore_errors=True)
    return {"serial_docs_per_s": ctx.n / wall, "parallel_speedup": ctx.values["docs_per_s"] / (ctx.n / wall)}


def _build(db: Path) -> None:
    """`juesuan build --no-docs`, with dbt's log lines kept off the bench's stdout."""
    from ..store.build import build

    sys.stdout.flush()
    saved = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        build(db, docs=False, on_wait=_quiet, echo=_quiet)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(devnull)


@stage("build")
def build_stage(ctx: Context) -> dict[str, float]:
    if "no-build" in ctx.options:
        return {}
    from ..store.load import load_paths

    wall, _ = _timed(lambda: _build(ctx.db))
    noop, _ = _timed(lambda: _build(ctx.db))
    extra = make_corpus(ctx.work / "increment", INCREMENT, start=ctx.n, fmt=ctx.fmt)
    inc_load, _ = _timed(lambda: load_paths(extra, ctx.db, workers=ctx.workers, on_wait=_quiet))
    inc_build, _ = _timed(lambda: _build(ctx.db))
    return {"build_s": wall, "noop_build_s": noop, f"load_{INCREMENT}_more_s": inc_load,
            f"build_after_{INCREMENT}_more_s": inc_build, "built_warehouse_mb": _size_mb(ctx.db.parent)}


@stage("report")
def report_stage(ctx: Context) -> dict[str, float]:
    if "report" not in ctx.options:
        return {}
    from ..present.report import build_report

    out = ctx.work / "report"
    failed = []

    def report() -> None:
        try:
            build_report(ctx.db, out)
        except Exception as e:  # noqa: BLE001 - a failing notebook is a measurement too
            failed.append(str(e).splitlines()[0])
            print(f"[bench] report failed: {failed[0]}", file=sys.stderr, flush=True)

    wall, _ = _timed(report)
    return {"report_s": wall, "report_mb": _size_mb(out), "report_failed": float(bool(failed))}


@stage("end-to-end")
def end_to_end_stage(ctx: Context) -> dict[str, float]:
    """load + build + report (the stages that ran) against the aim, pro rata at this N."""
    v = ctx.values
    total = sum(v.get(k, 0.0) for k in ("load_s", "build_s", "report_s"))
    return {"end_to_end_s": total, "aim_s": AIM_S * ctx.n / AIM_N, "end_to_end_at_10k_s": total * AIM_N / ctx.n}


def run(sizes: list[int], root: Path, fmt: str = "txt", workers: int | None = None,
        options: set[str] | None = None, keep: bool = False) -> list[dict[str, float]]:
    rows = []
    for n in sizes:
        ctx = Context(n=n, work=root / f"n{n}", fmt=fmt, workers=workers, options=set(options or ()))
        shutil.rmtree(ctx.db.parent, ignore_errors=True)
        shutil.rmtree(ctx.work / "increment", ignore_errors=True)
        ctx.values["n"] = n
        for name, fn in STAGES:
            print(f"[bench] N={n}: {name} ...", file=sys.stderr, flush=True)
            try:
                ctx.values.update(fn(ctx))
            except Exception as e:  # noqa: BLE001 - a failed stage is a result; the others still run
                ctx.values[f"{name}_failed"] = 1.0
                print(f"[bench] N={n}: {name} failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}",
                      file=sys.stderr, flush=True)
        rows.append(dict(ctx.values))
        print(f"[bench] N={n} done:\n{table(rows[-1:])}", file=sys.stderr, flush=True)  # kept if a later N dies
        if not keep:
            shutil.rmtree(ctx.work / "warehouse", ignore_errors=True)
    return rows


PER_DOC = ("docs_per_s", "cpu_s_per_doc", "writer_cpu_s_per_doc", "worker_cpu_s_per_doc", "serial_docs_per_s")


def verdict(rows: list[dict[str, float]]) -> list[str]:
    """One line per N: end to end against the aim of 600 s at 10,000 documents."""
    out = []
    for r in rows:
        stages = "+".join(k[:-2] for k in ("load_s", "build_s", "report_s") if k in r)
        out.append(f"N={r['n']:g}: end to end ({stages}) {r['end_to_end_s']:.0f} s; aim {AIM_S:.0f} s at "
                   f"{AIM_N:,} documents = {r['aim_s']:.0f} s pro rata; at this rate 10,000 documents take "
                   f"{r['end_to_end_at_10k_s']:.0f} s")
    return out


def growth(rows: list[dict[str, float]]) -> list[dict[str, float]]:
    out = []
    for a, b in zip(rows, rows[1:]):
        r = {"from_n": a["n"], "to_n": b["n"]}
        for k, v in b.items():
            if k != "n" and a.get(k):
                r[k] = v / a[k]
        out.append(r)
    return out


def table(rows: list[dict[str, float]], first: str = "n") -> str:
    names = [first] + [k for r in rows for k in r if k != first]
    names = list(dict.fromkeys(names))
    lines = ["| " + " | ".join(names) + " |", "|" + "---|" * len(names)]
    for r in rows:
        lines.append("| " + " | ".join(_fmt(r.get(k)) for k in names) + " |")
    return "\n".join(lines)


def _fmt(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def machine() -> str:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = ""
    try:
        model = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cores} cores ({model or 'unknown CPU'}), Python {sys.version.split()[0]}"


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m loaders.bench", description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100", help="comma-separated N (default 100; the issue asks 100,1000,10000)")
    ap.add_argument("--format", default="txt", choices=("txt", "pdf"))
    ap.add_argument("--workers", type=int, default=None, help="parse workers (default: every core)")
    ap.add_argument("--serial", action="store_true", help="also load serially, for the parallel speed-up")
    ap.add_argument("--report", action="store_true", help="also time `juesuan report`")
    ap.add_argument("--no-build", action="store_true", help="load only")
    ap.add_argument("--root", type=Path, default=Path("bench-work"), help="work folder (corpora are kept)")
    ap.add_argument("--json", type=Path, default=None, help="also write the measurements as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the warehouses")
    a = ap.parse_args(argv)
    options = {o for o, on in (("serial", a.serial), ("report", a.report), ("no-build", a.no_build)) if on}
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    rows = run(sizes, a.root, fmt=a.format, workers=a.workers, options=options, keep=a.keep)
    print(f"machine: {machine()}; format {a.format}")
    print(table(rows))
    print("\n".join(verdict(rows)))
    if len(rows) > 1:
        print("\ngrowth ratios (larger N / smaller N):")
        print(table(growth(rows), first="from_n"))
    if a.json:
        a.json.write_text(json.dumps({"machine": machine(), "rows": rows, "growth": growth(rows)}, indent=1))
    return 0
