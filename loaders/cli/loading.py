"""`juesuan load` and `juesuan reload`: documents into raw.*, one ledger row per input."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import warehouse_path
from .app import _fail, _wait_message, app, DbOption, err, out, Table


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
    from ..store.load import Limits, load_paths
    from ..store.warehouse import WarehouseError

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)} (nothing loaded, the ledger is unchanged)", 2)
    from ..store.load import discover

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

    from ..store.errors import disk_full_message, is_disk_full

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
    from ..store.distributed import dask_client

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
    from ..store.reload import FROM_TEXT, reload_stale
    from ..store.warehouse import WarehouseError

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
