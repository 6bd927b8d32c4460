"""The report page: executed notebooks -> one HTML file, in Chinese, with interactive charts.

Each chart is its Vega-Lite spec in a ``<script type="application/json">`` block, drawn in the
browser by vega-embed (SVG, tooltips on); the Vega, Vega-Lite and vega-embed scripts are
inlined ONCE per page from vl-convert's bundle (nothing is fetched from a CDN or anywhere else).
The PNG of each chart stays in charts/ and is what a printed page shows. When the scripts finish,
``<body>`` carries ``data-charts="done"``, ``data-charts-rendered`` and ``data-chart-errors``, which
is what the browser test reads.
"""

from __future__ import annotations

import html
import json
import os
import re
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from loaders.present.charts import CHART_METADATA_KEY, PNG_MIME, VEGALITE_MIME

__all__ = ["vega_bundle", "render_html", "strip_ansi", "SKIP_TAG"]

SKIP_TAG = "report-skip"  # cells about plumbing (parameters, setup) stay in the notebook only
_MD = MarkdownIt("commonmark", {"html": False}).enable("table")

_CSS = """
body { font-family: 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif;
       max-width: 1040px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.6; }
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
.print-only { display: none; }
@media print { .vega-view { display: none; } .print-only { display: block; } }
#vg-tooltip-element { max-width: 36em; white-space: normal; }
"""

_BOOT = """
(function () {
  var state = { rendered: 0, errors: [] };
  window.__juesuan = state;
  window.addEventListener('error', function (e) { state.errors.push(String(e.message)); });
  var views = Array.prototype.slice.call(document.querySelectorAll('div.vega-view'));
  var jobs = views.map(function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    return vegaEmbed(el, spec, { actions: false, renderer: 'svg', tooltip: true })
      .then(function () { el.setAttribute('data-rendered', 'yes'); state.rendered += 1; })
      .catch(function (err) {
        el.setAttribute('data-rendered', 'error');
        el.textContent = '图表无法显示：' + err;
        state.errors.push(String(err));
      });
  });
  Promise.all(jobs).then(function () {
    document.body.setAttribute('data-charts-rendered', String(state.rendered));
    document.body.setAttribute('data-chart-errors', String(state.errors.length));
    document.body.setAttribute('data-charts', 'done');
  });
})();
"""


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "juesuan"


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    """vega + vega-lite + vega-embed as one script (vl-convert builds it offline; cached on disk
    per vl-convert version because building takes seconds)."""
    import altair as alt
    import vl_convert

    vl_version = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]  # e.g. '6.4', the version altair writes
    version = getattr(vl_convert, "__version__", "x")
    cached = _cache_dir() / f"vega-bundle-{version}-vl{vl_version}.js"
    if cached.is_file():
        return cached.read_text(encoding="utf-8")
    bundle = vl_convert.javascript_bundle(vl_version=vl_version)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(bundle, encoding="utf-8")
        tmp.replace(cached)
    except OSError:
        pass
    return bundle


def strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _script_json(value: Any) -> str:
    """JSON safe inside a <script> element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


class _Page:
    """Collects figures while the sections are rendered (each chart gets a page-unique id)."""

    def __init__(self) -> None:
        self.charts = 0

    def figure(self, output: Any) -> str:
        data = output["data"]
        meta = (output.get("metadata") or {}).get(PNG_MIME, {}).get(CHART_METADATA_KEY, {})
        title = meta.get("title") or _text(data.get("text/plain", "图表"))
        name = meta.get("name", "")
        png_link = f"charts/{html.escape(name)}.png" if name else ""
        caption = html.escape(title) + (f' · <a href="{png_link}">PNG（打印用）</a>' if png_link else "")
        spec = data.get(VEGALITE_MIME)
        if spec is None:  # a PNG-only display: inline it
            png = _text(data[PNG_MIME]).replace("\n", "")
            return (f'<figure><img src="data:image/png;base64,{png}" alt="{html.escape(title)}">'
                    f"<figcaption>{caption}</figcaption></figure>")
        self.charts += 1
        cid = f"chart-{self.charts}"
        printed = f'<img class="print-only" src="{png_link}" alt="{html.escape(title)}">' if png_link else ""
        return (
            f'<figure class="chart" id="{cid}"><div class="vega-view" data-spec="{cid}-spec" '
            f'data-name="{html.escape(name)}" aria-label="{html.escape(title)}"></div>'
            f'<script type="application/json" id="{cid}-spec">{_script_json(spec)}</script>'
            f"{printed}<figcaption>{caption}</figcaption></figure>"
        )

    def output(self, output: Any) -> str:
        kind = output.get("output_type")
        if kind == "error":
            trace = "\n".join(output.get("traceback", []))
            return f'<pre class="error">{html.escape(strip_ansi(trace))}</pre>'
        if kind not in ("display_data", "execute_result"):
            return ""
        data = output.get("data", {})
        if PNG_MIME in data or VEGALITE_MIME in data:
            return self.figure(output)
        if "text/markdown" in data:
            return _MD.render(_text(data["text/markdown"]))
        if "text/html" in data:
            return f'<div class="table">{_text(data["text/html"])}</div>'
        return ""

    def section(self, run: Any) -> str:
        parts = [f'<section class="notebook" id="{html.escape(run.name)}">']
        parts.append(
            f'<p class="meta">笔记本 <code>notebooks/{html.escape(run.name)}.py</code> · '
            f"用时 {run.seconds:.1f} 秒 · {len(run.charts)} 张图表</p>"
        )
        for cell in run.notebook.cells:
            if SKIP_TAG in cell.metadata.get("tags", []):
                continue
            if cell.cell_type == "markdown":
                parts.append(_MD.render(cell.source))
            elif cell.cell_type == "code":
                parts.extend(self.output(o) for o in cell.get("outputs", []))
        if run.error:
            parts.append(f'<p class="error">笔记本执行失败：</p><pre class="error">{html.escape(run.error)}</pre>')
        parts.append("</section>")
        return "\n".join(p for p in parts if p)


def _heading(nb: Any, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def render_html(runs: list[Any], db_path: Path, seconds: float, choice: str = "") -> str:
    page = _Page()
    body = "\n".join(page.section(r) for r in runs)
    toc = "".join(
        f'<li><a href="#{html.escape(r.name)}">{html.escape(_heading(r.notebook, r.name))}</a></li>' for r in runs
    )
    scripts = (f"<script>{vega_bundle()}</script>\n<script>{_BOOT}</script>" if page.charts else "")
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    chosen = f"<p class=\"meta\">{html.escape(choice)}</p>" if choice else ""
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
<p class="meta">数据仓库 <code>{html.escape(str(db_path))}</code> · 生成于 {stamp} · 用时 {seconds:.1f} 秒 ·
金额单位均为万元 · 浅色柱为推算值（非文件直接披露）· 鼠标悬停在图上可查看原文依据与所在文件</p>
{chosen}
<nav><ul>{toc}</ul></nav>
{body}
{scripts}
</body>
</html>
"""
