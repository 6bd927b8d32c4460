"""The `juesuan` command: load, status, extract, sql, build, remove, repair, report."""

from __future__ import annotations

import json
import sys
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Optional

import typer

from .config import PROJECT_ROOT, warehouse_path

# Start-up: every command imports its implementation (and DuckDB, dbt, pdfplumber, ...) in
# its body, so `juesuan --help` and `juesuan extract` load only what they use.


def Table(*args, **kwargs):  # noqa: N802 - rich.table.Table, imported on first use
    from rich.table import Table as RichTable

    return RichTable(*args, **kwargs)


app = typer.Typer(
    name="juesuan",
    help="Warehouse of Chinese government final-account disclosures (部门/单位决算公开).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # click's plain help: rendering it with rich took longer than the rest of start-up
    context_settings={"max_content_width": 120, "help_option_names": ["-h", "--help"]},
)

class _Console:
    """A rich.console.Console made on first use (start-up time)."""

    def __init__(self, **kwargs) -> None:
        self._kwargs = kwargs
        self._console = None

    def __getattr__(self, name: str):
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._kwargs)
        return getattr(self._console, name)

    def __enter__(self):
        return self.__getattr__("__enter__")()

    def __exit__(self, *exc) -> None:
        return self.__getattr__("__exit__")(*exc)


out = _Console(soft_wrap=True)
err = _Console(stderr=True, soft_wrap=True)

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


def _version(value: bool) -> None:
    if value:
        from . import __version__

        out.print(f"juesuan {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """Warehouse of Chinese government final-account disclosures (部门/单位决算公开)."""


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
    workers: Annotated[int, typer.Option(help="Documents parsed at once (0 = every core).")] = 0,
    dask: Annotated[Optional[str], typer.Option(
        help="Parse on a Dask cluster: scheduler address (tcp://host:8786) or 'local' for a LocalCluster.")] = None,
) -> None:
    """Load files into the warehouse: one ledger row per input (loaded / duplicate / quarantined)."""
    from .store.load import Limits, load_paths
    from .store.warehouse import WarehouseError

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)} (nothing loaded, the ledger is unchanged)", 2)
    from .store.load import discover

    if not discover(paths):
        _fail("no files to load in " + ", ".join(str(p) for p in paths)
              + " (empty or only hidden files; nothing loaded, the ledger is unchanged)", 1)
    db_path = warehouse_path(db)
    limits = Limits(timeout_s=timeout, memory_bytes=memory_mb * 1024 * 1024 or None,
                    max_bytes=int(max_mb * 1_000_000))
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    progress = Progress(TextColumn("[bold]loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=err, transient=True,
                        disable=quiet or not err.is_terminal)
    task = None

    def on_progress(done: int, total: int, path: Path, entry) -> None:
        nonlocal task
        if task is None:
            task = progress.add_task("", total=total)
        progress.update(task, completed=done, description=path.name[:60])

    from .store.errors import disk_full_message, is_disk_full

    try:
        with progress, _executor(dask, workers) as executor:
            summary = load_paths(paths, db_path, limits=limits, publish_every=publish_every,
                                 publish_seconds=publish_seconds, on_progress=on_progress, on_wait=_wait_message,
                                 workers=workers or None, executor=executor)
    except WarehouseError as e:
        _fail(str(e))
    except KeyboardInterrupt:
        err.print("interrupted: every document loaded before Ctrl-C is published; "
                  "run the same command again to load the rest", highlight=False)
        raise typer.Exit(130)
    except OSError as e:
        if not is_disk_full(e):
            raise
        _fail(disk_full_message(e, db_path))
    _print_load_summary(summary)


def _executor(dask: Optional[str], workers: int):
    from contextlib import nullcontext

    if not dask:
        return nullcontext(None)
    from .store.distributed import dask_client

    return dask_client(dask, workers or None)


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
        for col in ("document", "file", "unit", "year", "kind", "format", "pages", "facts", "DQ ledger"):
            t.add_column(col, overflow="fold", justify="right" if col in ("year", "pages", "facts") else "left")
        t.columns[0].no_wrap = True
        for d in docs:
            t.add_row(d[0][:10], d[1], d[2] or "", _s(d[3]), d[4] or "", d[5], _s(d[6]), _s(d[7]), d[9] or "")
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
    if s.superseded or s.withdrawn:
        out.print(f"versions: {s.superseded} superseded by a newer version, {s.withdrawn} withdrawn "
                  "(kept in raw.documents, left out of the marts)", highlight=False)
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

    if format not in ("jsonl", "table"):
        _fail("--format must be jsonl or table", 2)
    try:
        data = file.read_bytes()
    except OSError as e:
        _fail(f"cannot read {file}: {e.strerror or e}")
    from .formats.pdf_ocr import ocr_time_budget  # OCR'd pages get extra time each

    res = run_isolated(_facts_and_kind, data, file.name, timeout_s=timeout + ocr_time_budget(data, file.name))
    if not res.ok:
        _fail(f"{file}: {res.error}")
    facts, kind = res.value
    if kind is None:
        err.print(f"{file.name}: not a 决算/预算 disclosure (`juesuan load` would quarantine it); "
                  f"{len(facts)} facts", highlight=False, markup=False)
        if not facts:
            raise typer.Exit(1)
    elif not facts:
        err.print(f"{file.name}: a {kind} disclosure, but no facts were found", highlight=False, markup=False)
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


def _facts_and_kind(data: bytes, name: str):
    """In the sandbox: the facts of one document and its kind (None: not a disclosure)."""
    from .extract import metadata as metadata_mod
    from .store.prepare import extract_one, parse

    facts = extract_one(data, name)
    return facts, metadata_mod.document_metadata(parse(data, name)).kind


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
    xlsx: Annotated[Optional[Path], typer.Option("--xlsx", help="Write the result to an Excel workbook.")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="With --csv: start with a UTF-8 BOM (Chinese Excel opens it right).")] = False,
    timeout: Annotated[Optional[float], typer.Option(help="Cancel the query after this many seconds.")] = None,
    db: DbOption = None,
) -> None:
    """Run one read-only query against the warehouse (writes are refused; Ctrl-C cancels it)."""
    from .store.query import run_query
    from .store.warehouse import WarehouseError

    if sum((as_csv, as_json, xlsx is not None)) > 1:
        _fail("choose one of --csv, --json and --xlsx", 2)
    if bom and not as_csv:
        _fail("--bom goes with --csv", 2)
    import duckdb

    try:
        res = run_query(warehouse_path(db), query, timeout_s=timeout)
    except KeyboardInterrupt:
        err.print("interrupted: the query was cancelled", highlight=False)
        raise typer.Exit(130)
    except WarehouseError as e:
        _fail(str(e))
    except duckdb.Error as e:
        message = " ".join(str(e).split())
        if "marts" in query.lower() and ("schema" in message.lower() or "does not exist" in message):
            message += " (hint: the marts are built by `juesuan build`)"
        _fail(message)
    if as_csv or xlsx is not None:
        from .present.export import write_result

        write_result(res.columns, res.rows, xlsx, "xlsx" if xlsx is not None else "csv", bom=bom)
        if xlsx is not None:
            err.print(f"{len(res.rows)} rows written to {xlsx}", highlight=False)
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


# ------------------------------------------------------------------------------- export
@app.command()
def export(
    unit: Annotated[Optional[str], typer.Argument(help="A unit: name, unique substring or id.")] = None,
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Workbook to write (default: <unit>.xlsx).")] = None,
    all_dir: Annotated[Optional[Path], typer.Option("--all", help="Dump every mart (Parquet + CSV + codebook) under DIR.")] = None,
    db: DbOption = None,
) -> None:
    """One unit's standard tables per year as an Excel workbook, or (--all DIR) a versioned open-data dump."""
    from .present.export import ExportError, export_all, export_unit
    from .present.selection import UnitChoiceError

    if (unit is None) == (all_dir is None):
        _fail("give a UNIT or --all DIR", 2)
    con = _open_readonly(db)
    try:
        if all_dir is not None:
            folder = export_all(con, all_dir)
            out.print(f"marts dumped to {folder}", highlight=False)
            return
        target = out_file or Path(f"{unit}.xlsx")
        counts = export_unit(con, unit, target)
        out.print(f"{len(counts)} sheets, {sum(counts.values())} rows written to {target}", highlight=False)
    except UnitChoiceError as e:
        _fail(str(e), 2)
    except ExportError as e:
        _fail(str(e))
    finally:
        con.close()


# -------------------------------------------------------------------------------- build
@app.command()
def build(
    db: DbOption = None,
    docs: Annotated[bool, typer.Option("--docs/--no-docs", help="Also run `dbt docs generate`.")] = True,
    publish_on_failure: Annotated[bool, typer.Option(
        "--publish-on-failure", help="Publish even when dbt build fails (to inspect what failed); still exits 1.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when nothing changed.")] = False,
    full_refresh: Annotated[bool, typer.Option(
        "--full-refresh", help="Rebuild every document (not only those changed since the last build).")] = False,
) -> None:
    """`dbt build` (+ docs) on a private copy of the warehouse, published when it succeeds and checks out."""
    from .store.build import build as run_build
    from .store.errors import disk_full_message, is_disk_full
    from .store.warehouse import WarehouseError

    t0 = time.monotonic()
    try:
        built = run_build(warehouse_path(db), docs=docs, publish_on_failure=publish_on_failure, on_wait=_wait_message,
                          echo=lambda m: err.print(m, highlight=False, markup=False), force=force,
                          full_refresh=full_refresh)
    except WarehouseError as e:
        _fail(str(e))
    except KeyboardInterrupt:
        err.print("interrupted: the build was discarded; the published warehouse is unchanged", highlight=False)
        raise typer.Exit(130)
    except OSError as e:
        if not is_disk_full(e):
            raise
        _fail(disk_full_message(e, warehouse_path(db)))
    if built:
        out.print(f"built and published {warehouse_path(db)} in {time.monotonic() - t0:.1f} s", highlight=False)
    else:
        out.print(f"{warehouse_path(db)} is up to date (use --force to rebuild)", highlight=False)


# --------------------------------------------------------------------- remove / repair
@app.command()
def remove(
    document: Annotated[list[str], typer.Argument(help="document_id (or a unique prefix of it, ≥ 8 characters).")],
    reason: Annotated[str, typer.Option(help="Why it is withdrawn (kept in raw.withdrawals).")] = "withdrawn",
    db: DbOption = None,
) -> None:
    """Withdraw documents: they stay in raw (raw.withdrawals) but leave the marts at the next build."""
    from .store.warehouse import WarehouseError
    from .store.withdraw import withdraw

    try:
        ids = withdraw(warehouse_path(db), document, reason=reason, on_wait=_wait_message)
    except WarehouseError as e:
        _fail(str(e))
    for doc_id in ids:
        out.print(f"withdrawn {doc_id}", highlight=False)
    out.print("run `juesuan build` to update the marts", highlight=False)


@app.command()
def repair(db: DbOption = None) -> None:
    """Rebuild a damaged or missing warehouse file from the raw shards (then run `juesuan build`)."""
    from .store.publish import prepare_published
    from .store.warehouse import WarehouseError, writer_lock

    path = warehouse_path(db)
    messages: list[str] = []
    try:
        with writer_lock(path, on_wait=_wait_message):
            prepare_published(path, say=messages.append)
    except WarehouseError as e:
        _fail(str(e))
    for m in messages:
        err.print(m, highlight=False, markup=False)
    out.print(f"{path}: " + ("repaired" if messages else "nothing to repair"), highlight=False)


# --------------------------------------------------------------------------- test, docs
@app.command("test")
def test_(
    db: DbOption = None,
    select: Annotated[Optional[str], typer.Option("--select", "-s", help="dbt node selection, e.g. fct_budget_totals.")] = None,
) -> None:
    """dbt data tests and unit tests on a locked private copy of the warehouse (nothing is published)."""
    from .present.dbt_tools import run_tests
    from .store.warehouse import WarehouseError

    try:
        rc = run_tests(warehouse_path(db), select, on_wait=_wait_message)
    except WarehouseError as e:
        _fail(str(e))
    if rc != 0:
        _fail(f"dbt test failed (exit code {rc})", rc)


@app.command()
def docs(
    db: DbOption = None,
    serve: Annotated[bool, typer.Option("--serve", help="Then serve the site on http://127.0.0.1:PORT.")] = False,
    port: Annotated[int, typer.Option(help="Port for --serve (bound to 127.0.0.1 only).")] = 8080,
) -> None:
    """dbt docs generate (from a locked copy of the warehouse); --serve shows them on 127.0.0.1."""
    from .present.dbt_tools import generate_docs, serve_docs
    from .store.warehouse import WarehouseError

    try:
        rc = generate_docs(warehouse_path(db), on_wait=_wait_message)
    except WarehouseError as e:
        _fail(str(e))
    if rc != 0:
        _fail(f"dbt docs generate failed (exit code {rc})", rc)
    out.print(f"dbt docs written to {PROJECT_ROOT / 'target'}", highlight=False)
    if serve:
        out.print(f"serving on http://127.0.0.1:{port} (Ctrl-C to stop)", highlight=False)
        serve_docs(port)


# ------------------------------------------------------------------------------- report
@app.command()
def report(
    db: DbOption = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Output folder.")] = PROJECT_ROOT / "report",
    units: Annotated[Optional[str], typer.Option(
        "--units", help="Units by name, unique substring or id, comma-separated (default: the largest units).")] = None,
    years: Annotated[Optional[str], typer.Option("--years", help="Fiscal years: 2021,2023 or 2020-2023.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild even when nothing changed.")] = False,
) -> None:
    """Execute the notebooks against the warehouse and write report/index.html."""
    from .present.report import build_report
    from .present.selection import UnitChoiceError

    db_path = warehouse_path(db)
    if not db_path.exists():
        _fail(f"no warehouse yet at {db_path}: run `juesuan load`")
    stamp_file, stamp = out_dir / ".juesuan-stamp", _report_stamp(db_path)
    if not force and stamp and (out_dir / "index.html").exists() and stamp_file.exists() \
            and stamp_file.read_text() == stamp:
        out.print(f"{out_dir / 'index.html'} is up to date (same marts, same notebooks; --force to rebuild)",
                  highlight=False)
        return
    try:
        result = build_report(db_path, out_dir, units=units, years=years)
    except UnitChoiceError as e:
        _fail(str(e), 2)
    except Exception as e:  # noqa: BLE001
        if type(e).__name__ in ("ReportError", "WarehouseError", "WarehouseMissing", "WarehouseBusy"):
            _fail(" ".join(str(e).split()))
        raise
    if stamp:
        stamp_file.write_text(stamp)
    out.print(f"report written to {result if result else out_dir}", highlight=False)


def _report_stamp(db_path: Path) -> str | None:
    """The marts' build stamp + the notebooks and report code; None when unknown (always rebuild)."""
    import hashlib

    from .store.build import built_from
    from .store.warehouse import WarehouseError

    try:
        marts = built_from(db_path)
    except WarehouseError:
        return None
    if not marts or marts == "failed":
        return None
    h = hashlib.sha256(marts.encode())
    for p in sorted((PROJECT_ROOT / "notebooks").glob("*.py")) + [Path(__file__).with_name("report.py")]:
        if p.exists():
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


if __name__ == "__main__":
    app()
