"""Execute the analyst notebooks headless and write a self-contained HTML report.

build_report(db_path, out_dir) runs every notebook in notebooks/ (the jupytext percent .py
files are the source) on the project's python kernel with nbclient, passing the warehouse
path and a chart folder as papermill parameters. It writes

    <out_dir>/index.html           one section per notebook: its prose, tables and interactive
                                   charts (loaders/present/page.py; nothing fetched at view time)
    <out_dir>/charts/*.png         one file per chart, named <notebook>-<chart>.png (for print)
    <out_dir>/notebooks/*.ipynb    the executed notebooks, outputs included

`units` and `years` (names, unique substrings or ids; see loaders/present/selection.py) are
resolved once, before any notebook runs, and passed to every notebook as papermill parameters.

A notebook that fails still gets its section (with the error) and the other notebooks still
run; build_report then raises ReportError naming the failures.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.present import charts as _charts  # noqa: F401  first: keeps jsonschema's import fast

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from papermill.parameterize import parameterize_notebook

from loaders.config import PROJECT_ROOT, warehouse_path
from loaders.present.page import SKIP_TAG, render_html, strip_ansi

__all__ = [
    "NOTEBOOK_DIR",
    "NOTEBOOKS",
    "ReportError",
    "NotebookRun",
    "load_notebook",
    "execute_notebook",
    "render_html",
    "build_report",
]

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
# report order; any other notebooks/*.py follow alphabetically
NOTEBOOKS: tuple[str, ...] = ("compare_units", "unit_profile", "subject_drilldown", "data_quality")
KERNEL_NAME = "python3"
CELL_TIMEOUT_S = 600


class ReportError(RuntimeError):
    """One or more notebooks failed; the report was still written."""


@dataclass
class NotebookRun:
    name: str
    notebook: nbformat.NotebookNode
    seconds: float
    error: str | None = None
    charts: list[Path] = field(default_factory=list)


def notebook_names(directory: Path = NOTEBOOK_DIR) -> list[str]:
    present = {p.stem for p in directory.glob("*.py") if not p.name.startswith("_")}
    ordered = [n for n in NOTEBOOKS if n in present]
    return ordered + sorted(present - set(ordered))


def load_notebook(name: str, directory: Path = NOTEBOOK_DIR) -> nbformat.NotebookNode:
    """The notebook from its jupytext percent source (the .py is the source of truth)."""
    nb = jupytext.read(directory / f"{name}.py")
    for cell in nb.cells:  # papermill expects every cell to carry a tags list
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    return nb


def execute_notebook(
    name: str,
    db_path: str | os.PathLike[str] | None,
    chart_dir: str | os.PathLike[str] | None = None,
    parameters: dict[str, Any] | None = None,
    directory: Path = NOTEBOOK_DIR,
    timeout: int = CELL_TIMEOUT_S,
    kernel_log: str | os.PathLike[str] | None = None,
) -> nbformat.NotebookNode:
    """Run one notebook top to bottom; raises CellExecutionError on the first failing cell
    (the partially executed notebook is on the exception as `.notebook`). The kernel
    process's own stderr (its start-up chatter) goes to `kernel_log` when given."""
    params: dict[str, Any] = {"db_path": str(warehouse_path(db_path))}
    if chart_dir is not None:
        params["chart_dir"] = str(Path(chart_dir).resolve())
    params.update(parameters or {})
    nb = parameterize_notebook(
        load_notebook(name, directory), params, kernel_name=KERNEL_NAME, language="python"
    )
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(directory)}},
    )
    log = open(kernel_log, "w", encoding="utf-8") if kernel_log else None  # noqa: SIM115
    try:
        client.execute(**({"stderr": log} if log else {}))
    except CellExecutionError as exc:
        exc.notebook = nb  # type: ignore[attr-defined]
        raise
    finally:
        if log:
            log.close()
    return nb


# ------------------------------------------------------------------ the entry point


def build_report(
    db_path: str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str] = "report",
    notebooks: list[str] | None = None,
    directory: Path = NOTEBOOK_DIR,
    units: Any = None,
    years: Any = None,
) -> Path:
    """Execute the notebooks against `db_path` (read-only) and write `<out_dir>/index.html`.
    Returns the index path; raises ReportError after writing it when a notebook failed, and
    loaders.present.selection.UnitChoiceError (before running anything) for a unit name that
    matches no unit or several."""
    started = time.perf_counter()
    db = warehouse_path(db_path)
    params, choice = _chosen(db, units, years)
    out = Path(out_dir).resolve()
    chart_dir = out / "charts"
    executed_dir = out / "notebooks"
    for folder in (chart_dir, executed_dir):
        folder.mkdir(parents=True, exist_ok=True)
    for stale in chart_dir.glob("*.png"):
        stale.unlink()

    runs: list[NotebookRun] = []
    for name in notebooks or notebook_names(directory):
        t0 = time.perf_counter()
        before = set(chart_dir.glob("*.png"))
        error: str | None = None
        try:
            nb = execute_notebook(
                name, db, chart_dir=chart_dir, directory=directory, parameters=params,
                kernel_log=executed_dir / f"{name}.kernel.log",
            )
        except CellExecutionError as exc:
            nb = getattr(exc, "notebook", None) or load_notebook(name, directory)
            error = strip_ansi(str(exc))
        charts = sorted(set(chart_dir.glob("*.png")) - before)
        runs.append(NotebookRun(name, nb, time.perf_counter() - t0, error, charts))
        nbformat.write(nb, executed_dir / f"{name}.ipynb")

    index = out / "index.html"
    index.write_text(render_html(runs, db, time.perf_counter() - started, choice), encoding="utf-8")
    failed = [r.name for r in runs if r.error]
    if failed:
        raise ReportError(f"notebooks failed: {', '.join(failed)} (see {index})")
    return index




def _chosen(db: Path, units: Any, years: Any) -> tuple[dict[str, Any], str]:
    """The notebooks' `units` / `years` parameters (ids, resolved once) and a sentence for the page."""
    from loaders.present.selection import UnitChoiceError, choose, parse_names, parse_years

    if not parse_names(units) and parse_years(years) is None:
        return {}, ""
    from loaders.present.session import open_warehouse

    with open_warehouse(db) as wh:
        if not wh.exists("marts.dim_unit"):
            raise UnitChoiceError("the marts are not built yet, so units cannot be chosen: run `juesuan build`")
        chosen = choose(wh.con, units, years)
    params: dict[str, Any] = {}
    words = []
    if parse_names(units):
        params["units"] = chosen.unit_ids
        words.append("指定单位：" + "、".join(chosen.unit_names[u] for u in chosen.unit_ids))
    if chosen.years:
        params["years"] = chosen.years
        words.append("指定年度：" + "、".join(str(y) for y in chosen.years))
    return params, "；".join(words) + "。"
