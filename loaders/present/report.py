"""Execute the analyst notebooks headless and write a self-contained HTML report.

build_report(db_path, out_dir) runs every notebook in notebooks/ (the jupytext percent .py
files are the source) on the project's python kernel with nbclient, passing the warehouse
path and a chart folder as papermill parameters. It writes

    <out_dir>/index.html           one section per notebook: its prose and charts (PNG data
                                   URIs, no script, nothing fetched at view time)
    <out_dir>/charts/*.png         one file per chart, named <notebook>-<chart>.png
    <out_dir>/notebooks/*.ipynb    the executed notebooks, outputs included

A notebook that fails still gets its section (with the error) and the other notebooks still
run; build_report then raises ReportError naming the failures.
"""

from __future__ import annotations

import html
import os
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from loaders.present.charts import CHART_METADATA_KEY, PNG_MIME  # first: keeps jsonschema import fast

import jupytext
import nbformat
from markdown_it import MarkdownIt
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from papermill.parameterize import parameterize_notebook

from loaders.config import PROJECT_ROOT, warehouse_path

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
NOTEBOOKS: tuple[str, ...] = ("compare_units", "data_quality", "subject_drilldown")
KERNEL_NAME = "python3"
SKIP_TAG = "report-skip"  # cells about plumbing (parameters, setup) stay in the notebook only
CELL_TIMEOUT_S = 600

_MD = MarkdownIt("commonmark", {"html": False}).enable("table")


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


# ------------------------------------------------------------------ HTML rendering

_CSS = """
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif;
       max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.6; }
h1 { border-bottom: 2px solid #4c78a8; padding-bottom: .3em; }
section.notebook { border-top: 1px solid #ccc; margin-top: 3em; }
figure { margin: 1.5em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .85em; color: #666; }
table { border-collapse: collapse; font-size: .85em; margin: 1em 0; }
th, td { border: 1px solid #ddd; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f3f6fa; }
td { max-width: 36em; overflow-wrap: anywhere; }
.meta { color: #666; font-size: .9em; }
.error { background: #fdecea; border: 1px solid #e45756; padding: 1em; white-space: pre-wrap; }
nav ul { columns: 2; }
"""


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _chart_figure(output: Any) -> str:
    png = _text(output["data"][PNG_MIME]).replace("\n", "")
    meta = (output.get("metadata") or {}).get(PNG_MIME, {}).get(CHART_METADATA_KEY, {})
    title = meta.get("title") or _text(output["data"].get("text/plain", "图表"))
    name = meta.get("name", "")
    caption = html.escape(title) + (f" — <code>charts/{html.escape(name)}.png</code>" if name else "")
    return (
        f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(title)}">'
        f"<figcaption>{caption}</figcaption></figure>"
    )


def _output_html(output: Any) -> str:
    kind = output.get("output_type")
    if kind == "error":
        trace = "\n".join(output.get("traceback", []))
        return f'<pre class="error">{html.escape(_strip_ansi(trace))}</pre>'
    if kind not in ("display_data", "execute_result"):
        return ""
    data = output.get("data", {})
    if PNG_MIME in data:
        return _chart_figure(output)
    if "text/markdown" in data:
        return _MD.render(_text(data["text/markdown"]))
    if "text/html" in data:
        return f'<div class="table">{_text(data["text/html"])}</div>'
    return ""


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _section(run: NotebookRun) -> str:
    parts = [f'<section class="notebook" id="{html.escape(run.name)}">']
    parts.append(
        f'<p class="meta">notebook <code>notebooks/{html.escape(run.name)}.py</code> · '
        f"{run.seconds:.1f} s · {len(run.charts)} 张图表</p>"
    )
    for cell in run.notebook.cells:
        if SKIP_TAG in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "markdown":
            parts.append(_MD.render(cell.source))
        elif cell.cell_type == "code":
            parts.extend(_output_html(o) for o in cell.get("outputs", []))
    if run.error:
        parts.append(f'<pre class="error">{html.escape(run.error)}</pre>')
    parts.append("</section>")
    return "\n".join(p for p in parts if p)


def _heading(nb: nbformat.NotebookNode, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def render_html(runs: list[NotebookRun], db_path: Path, seconds: float) -> str:
    toc = "".join(
        f'<li><a href="#{html.escape(r.name)}">{html.escape(_heading(r.notebook, r.name))}</a></li>'
        for r in runs
    )
    body = "\n".join(_section(r) for r in runs)
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>juesuan 决算分析报告</title>
<style>{_CSS}</style>
</head>
<body>
<h1>juesuan 决算分析报告</h1>
<p class="meta">数据仓库 <code>{html.escape(str(db_path))}</code> · 生成于 {stamp} · 用时 {seconds:.1f} s ·
金额单位均为万元 · 浅色柱为推算值（非文件直接披露）</p>
<nav><ul>{toc}</ul></nav>
{body}
</body>
</html>
"""


# ------------------------------------------------------------------ the entry point


def build_report(
    db_path: str | os.PathLike[str] | None,
    out_dir: str | os.PathLike[str] = "report",
    notebooks: list[str] | None = None,
    directory: Path = NOTEBOOK_DIR,
) -> Path:
    """Execute the notebooks against `db_path` (read-only) and write `<out_dir>/index.html`.
    Returns the index path; raises ReportError after writing it when a notebook failed."""
    started = time.perf_counter()
    db = warehouse_path(db_path)
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
                name, db, chart_dir=chart_dir, directory=directory,
                kernel_log=executed_dir / f"{name}.kernel.log",
            )
        except CellExecutionError as exc:
            nb = getattr(exc, "notebook", None) or load_notebook(name, directory)
            error = _strip_ansi(str(exc))
        charts = sorted(set(chart_dir.glob("*.png")) - before)
        runs.append(NotebookRun(name, nb, time.perf_counter() - t0, error, charts))
        nbformat.write(nb, executed_dir / f"{name}.ipynb")

    index = out / "index.html"
    index.write_text(render_html(runs, db, time.perf_counter() - started), encoding="utf-8")
    failed = [r.name for r in runs if r.error]
    if failed:
        raise ReportError(f"notebooks failed: {', '.join(failed)} (see {index})")
    return index


