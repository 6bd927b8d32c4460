"""`juesuan build`, `remove`, `repair`, `test`, `docs`, `report`: the marts and what is made from them."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import PROJECT_ROOT, warehouse_path
from .app import _fail, _wait_message, app, DbOption, err, out


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
    from ..store.build import build as run_build
    from ..store.errors import disk_full_message, is_disk_full
    from ..store.warehouse import WarehouseError

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
    from ..store.warehouse import WarehouseError
    from ..store.withdraw import withdraw

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
    from ..store.publish import prepare_published
    from ..store.warehouse import WarehouseError, writer_lock

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
    from ..present.dbt_tools import run_tests
    from ..store.warehouse import WarehouseError

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
    from ..present.dbt_tools import generate_docs, serve_docs
    from ..store.warehouse import WarehouseError

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
    from ..present.report import build_report
    from ..present.selection import UnitChoiceError

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

    from ..store.build import built_from
    from ..store.warehouse import WarehouseError

    try:
        marts = built_from(db_path)
    except WarehouseError:
        return None
    if not marts or marts == "failed":
        return None
    h = hashlib.sha256(marts.encode())
    for p in report_inputs():
        h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def report_inputs() -> list[Path]:
    """The code a report is made from: the notebooks and loaders/present (the report stamp hashes them)."""
    return sorted((PROJECT_ROOT / "notebooks").glob("*.py")) + sorted((Path(__file__).parents[1] / "present").glob("*.py"))
