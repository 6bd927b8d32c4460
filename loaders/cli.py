"""The `juesuan` command: load, status, extract, sql, build, report."""

from __future__ import annotations

import csv
import json
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .config import PROJECT_ROOT, warehouse_path

app = typer.Typer(
    name="juesuan",
    help="Warehouse of Chinese government final-account disclosures (部门/单位决算公开).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="Warehouse file (default: $JUESUAN_DB, else warehouse/juesuan.duckdb).",
                 show_default=False),
]


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)
    raise typer.Exit(code)


def _wait_message(msg: str) -> None:
    err.print(msg, highlight=False, markup=False)


# --------------------------------------------------------------------------------- load
@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (recursive; hidden files skipped).")],
    db: DbOption = None,
    timeout: Annotated[float, typer.Option(help="Seconds one document may take to parse and extract.")] = 120.0,
    memory_mb: Annotated[int, typer.Option(help="Memory limit of one document's parser (MiB; 0 = none).")] = 2048,
    max_mb: Annotated[float, typer.Option(help="Larger files are quarantined as oversized (MB).")] = 100.0,
    publish_every: Annotated[int, typer.Option(help="Publish the warehouse every N documents.")] = 50,
    publish_seconds: Annotated[float, typer.Option(help="... or every T seconds, whichever comes first.")] = 60.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Load files into the warehouse: one ledger row per input (loaded / duplicate / quarantined)."""
    from .store.load import Limits, load_paths
    from .store.warehouse import WarehouseError

    db_path = warehouse_path(db)
    limits = Limits(timeout_s=timeout, memory_bytes=memory_mb * 1024 * 1024 or None,
                    max_bytes=int(max_mb * 1_000_000))
    progress = Progress(TextColumn("[bold]loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err, transient=True,
                        disable=quiet or not err.is_terminal)
    task = None

    def on_progress(done: int, total: int, path: Path, entry) -> None:
        nonlocal task
        if task is None:
            task = progress.add_task("", total=total)
        progress.update(task, completed=done, description=path.name[:60])

    try:
        with progress:
            summary = load_paths(paths, db_path, limits=limits, publish_every=publish_every,
                                 publish_seconds=publish_seconds, on_progress=on_progress, on_wait=_wait_message)
    except WarehouseError as e:
        _fail(str(e))
    except KeyboardInterrupt:
        err.print("interrupted: the documents loaded so far are published; run the same command again to finish",
                  highlight=False)
        raise typer.Exit(130)
    _print_load_summary(summary)


def _print_load_summary(summary) -> None:
    c = summary.counts
    total = len(summary.entries)
    out.print(
        f"{total} input{'s' if total != 1 else ''}: [green]{c['loaded']} loaded[/green], "
        f"{c['duplicate']} duplicate, [yellow]{c['quarantined']} quarantined[/yellow] "
        f"in {summary.seconds:.1f} s -> {summary.db_path}",
        highlight=False,
    )
    facts = sum(e.facts or 0 for e in summary.entries if e.status == "loaded")
    if c["loaded"]:
        out.print(f"{facts} facts from the loaded documents", highlight=False)
    if summary.quarantined:
        t = Table(title="quarantined", show_lines=False, title_justify="left")
        t.add_column("file", overflow="fold")
        t.add_column("reason", overflow="fold")
        for e in summary.quarantined:
            t.add_row(e.input_path, e.reason or "")
        out.print(t)


# ------------------------------------------------------------------------------- reload
@app.command()
def reload(
    stale: Annotated[bool, typer.Option("--stale", help="Re-extract documents loaded by another extractor version.")] = False,
    from_text: Annotated[bool, typer.Option(
        "--from-text", help="When a PDF/DOCX/... original is gone, re-extract from its stored text (pages and tables lost).")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds one document may take to parse and extract.")] = 120.0,
    db: DbOption = None,
) -> None:
    """Re-extract documents in place (each document's facts replaced atomically, never duplicated)."""
    from .store.reload import FROM_TEXT, reload_stale
    from .store.warehouse import WarehouseError

    if not stale:
        _fail("say what to reload: --stale (documents loaded by another extractor version)", 2)
    db_path = warehouse_path(db)
    if not db_path.exists():
        _fail(f"no warehouse yet at {db_path}: run `juesuan load`")
    try:
        results = reload_stale(db_path, allow_text=from_text, timeout_s=timeout, on_wait=_wait_message)
    except WarehouseError as e:
        _fail(str(e))
    done = [r for r in results if r.ok]
    for r in results:
        d = r.document
        if r.ok:
            how = " (from stored text)" if r.source == FROM_TEXT else ""
            out.print(f"reloaded {d.file_name}{how}: {r.facts_before} -> {r.facts_after} facts "
                      f"(extractor {d.extractor_version or 'unknown'} -> current)", highlight=False)
        else:
            err.print(f"not reloaded {d.file_name}: {r.reason}", highlight=False, markup=False)
    out.print(f"{len(done)} of {len(results)} stale document{'s' if len(results) != 1 else ''} re-extracted"
              + (" — run `juesuan build` to rebuild the marts" if done else ""), highlight=False)
    if len(done) < len(results):
        raise typer.Exit(1)


# ------------------------------------------------------------------------------- status
def _open_readonly(db: Optional[Path]):
    from .store.warehouse import WarehouseError, connect_readonly

    try:
        return connect_readonly(warehouse_path(db), on_retry=_wait_message)
    except WarehouseError as e:
        _fail(str(e))


@app.command()
def status(
    db: DbOption = None,
    summary: Annotated[bool, typer.Option("--summary", help="One-screen summary of the warehouse.")] = False,
) -> None:
    """The documents in the warehouse and the ledger of the last load run."""
    from .store import status as st

    con = _open_readonly(db)
    try:
        if summary:
            _print_summary(st.summary(con), warehouse_path(db))
            return
        docs = st.documents(con)
        t = Table(title=f"{len(docs)} documents in {warehouse_path(db)}", title_justify="left")
        for col in ("document", "file", "unit", "year", "kind", "format", "pages", "facts"):
            t.add_column(col, overflow="fold", justify="right" if col in ("year", "pages", "facts") else "left")
        t.columns[0].no_wrap = True
        for d in docs:
            t.add_row(d[0][:10], d[1], d[2] or "", _s(d[3]), d[4] or "", d[5], _s(d[6]), _s(d[7]))
        out.print(t)
        run_id, rows = st.last_run(con)
        if run_id is None:
            out.print("no load runs yet")
            return
        t = Table(title=f"last run {run_id}", title_justify="left")
        for col in ("#", "input", "status", "reason", "facts", "s"):
            t.add_column(col, overflow="fold", justify="right" if col in ("#", "facts", "s") else "left")
        colours = {"loaded": "green", "duplicate": "cyan", "quarantined": "yellow"}
        for seq, path, status_, reason, _fmt, _bytes, facts, secs in rows:
            t.add_row(str(seq), path, f"[{colours.get(status_, 'white')}]{status_}[/]", reason or "",
                      _s(facts), f"{secs:.2f}" if secs is not None else "")
        out.print(t)
    finally:
        con.close()


def _s(v) -> str:
    return "" if v is None else str(v)


def _print_summary(s, db_path: Path) -> None:
    years = f"{s.years[0]}–{s.years[1]}" if s.years[0] else "?"
    kinds = ", ".join(f"{k} {n}" for k, n in s.by_kind.items()) or "none"
    out.print(f"[bold]warehouse[/bold] {db_path}", highlight=False)
    out.print(f"documents: {s.documents} ({kinds}); units: {s.units}; fiscal years: {years}", highlight=False)
    ledger = ", ".join(f"{n} {k}" for k, n in s.ledger.items()) or "empty"
    out.print(f"load runs: {s.runs}; latest state of every input: {ledger}", highlight=False)
    t = Table(title=f"facts: {s.facts}", title_justify="left")
    t.add_column("metric family")
    t.add_column("facts", justify="right")
    for fam, n in s.facts_by_family.items():
        t.add_row(fam, str(n))
    out.print(t)
    if s.marts is None:
        out.print("marts: not built yet (run `juesuan build`)")
    else:
        t = Table(title="marts", title_justify="left")
        t.add_column("table")
        t.add_column("rows", justify="right")
        for name, n in s.marts.items():
            t.add_row(name, str(n))
        out.print(t)
    if s.dq_findings is not None:
        by_status = "; ".join(f"{k} {n}" for k, n in s.dq_by_status.items())
        out.print(f"data-quality checks (document × rule): {s.dq_findings}" + (f" ({by_status})" if by_status else "")
                  + " — see marts.fct_dq_findings", highlight=False)


# ------------------------------------------------------------------------------ extract
@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One document (pdf, docx, xlsx, xls, doc, html, txt, md).")],
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl (one JSON fact per line) or table.")] = "jsonl",
    timeout: Annotated[float, typer.Option(help="Seconds the document may take.")] = 120.0,
    db: DbOption = None,
) -> None:
    """Print the facts of one document without touching the warehouse."""
    from .sandbox import run_isolated
    from .store.prepare import extract_one

    if format not in ("jsonl", "table"):
        _fail("--format must be jsonl or table", 2)
    try:
        data = file.read_bytes()
    except OSError as e:
        _fail(f"cannot read {file}: {e.strerror or e}")
    from .formats.pdf_ocr import ocr_time_budget  # OCR'd pages get extra time each

    res = run_isolated(extract_one, data, file.name, timeout_s=timeout + ocr_time_budget(data, file.name))
    if not res.ok:
        _fail(f"{file}: {res.error}")
    facts = res.value
    if format == "jsonl":
        for f in facts:
            sys.stdout.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
        return
    if not facts:
        return
    t = Table(title=f"{len(facts)} facts in {file.name}", title_justify="left")
    for col in ("metric", "value", "unit", "qualifier", "where", "evidence"):
        t.add_column(col, overflow="fold", justify="right" if col == "value" else "left")
    for f in facts:
        loc = f.location
        where = f"p{loc.page}" if loc.page else (f"{loc.sheet}!{loc.cell}" if loc.sheet else f"L{loc.line or ''}")
        t.add_row(f.metric, f.value_text or _s(f.value), f.unit, f.qualifier or "", where, f.evidence)
    out.print(t)


# ---------------------------------------------------------------------------------- sql
def _jsonable(v):
    if isinstance(v, Decimal):
        return str(v)  # exact; JSON floats would round money
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    return v


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help='One read-only statement, e.g. "SELECT * FROM raw.documents".')],
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV on stdout.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per row (decimals as strings).")] = False,
    db: DbOption = None,
) -> None:
    """Run one read-only query against the warehouse (writes are refused)."""
    from .store.query import run_query
    from .store.warehouse import WarehouseError

    if as_csv and as_json:
        _fail("choose one of --csv and --json", 2)
    import duckdb

    try:
        res = run_query(warehouse_path(db), query)
    except WarehouseError as e:
        _fail(str(e))
    except duckdb.Error as e:
        _fail(" ".join(str(e).split()))
    if as_csv:
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(res.columns)
        w.writerows([[("" if v is None else v) for v in r] for r in res.rows])
        return
    if as_json:
        for r in res.rows:
            sys.stdout.write(json.dumps({c: _jsonable(v) for c, v in zip(res.columns, r)}, ensure_ascii=False) + "\n")
        return
    t = Table(caption=f"{len(res.rows)} row{'s' if len(res.rows) != 1 else ''}")
    for c, ty in zip(res.columns, res.types):
        numeric = any(k in ty.upper() for k in ("INT", "DECIMAL", "DOUBLE", "FLOAT", "NUMBER"))
        t.add_column(c, overflow="fold", justify="right" if numeric else "left")
    for r in res.rows:
        t.add_row(*("" if v is None else str(v) for v in r))
    out.print(t)


# -------------------------------------------------------------------------------- build
@app.command()
def build(
    db: DbOption = None,
    docs: Annotated[bool, typer.Option("--docs/--no-docs", help="Also run `dbt docs generate`.")] = True,
    publish_on_failure: Annotated[bool, typer.Option(
        "--publish-on-failure", help="Publish even when dbt build fails (to inspect what failed); still exits 1.")] = False,
) -> None:
    """`dbt build` (+ docs) on a private copy of the warehouse, published when it succeeds."""
    from .store.build import build as run_build
    from .store.warehouse import WarehouseError

    t0 = time.monotonic()
    try:
        run_build(warehouse_path(db), docs=docs, publish_on_failure=publish_on_failure, on_wait=_wait_message,
                  echo=lambda m: err.print(m, highlight=False, markup=False))
    except WarehouseError as e:
        _fail(str(e))
    out.print(f"built and published {warehouse_path(db)} in {time.monotonic() - t0:.1f} s", highlight=False)


# ------------------------------------------------------------------------------- report
@app.command()
def report(
    db: DbOption = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder.")] = PROJECT_ROOT / "report",
) -> None:
    """Execute the notebooks against the warehouse and write report/index.html."""
    try:
        from .report import build_report
    except ImportError as e:
        if getattr(e, "name", None) == "loaders.report" or "loaders.report" in str(e):
            _fail("the report is not available yet: loaders/report.py is missing")
        raise
    db_path = warehouse_path(db)
    if not db_path.exists():
        _fail(f"no warehouse yet at {db_path}: run `juesuan load`")
    try:
        result = build_report(db_path, out_dir)
    except Exception as e:  # noqa: BLE001
        if type(e).__name__ in ("ReportError", "WarehouseError", "WarehouseMissing", "WarehouseBusy"):
            _fail(" ".join(str(e).split()))
        raise
    out.print(f"report written to {result if result else out_dir}", highlight=False)


if __name__ == "__main__":
    app()
