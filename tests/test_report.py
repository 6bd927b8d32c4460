"""build_report: every notebook executed on the sample warehouse, report/index.html in Chinese with
its charts as interactive Vega-Lite specs (the vega scripts inlined once), one non-trivial PNG per
chart in report/charts (for print), nothing fetched at view time; and the page opened in headless
Chromium (the browser tier, marked `browser`)."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import nbformat
import pytest

from loaders.present import report

# charts the samples must produce (both sample documents state these figures)
EXPECTED_CHARTS = {
    "compare_units-total_income_expense",
    "compare_units-key_totals_by_year",
    "compare_units-cost_per_head",
    "compare_units-income_by_source",
    "compare_units-spending_by_class",
    "compare_units-basic_vs_project",
    "compare_units-year_on_year",
    "data_quality-findings_by_document",
    "subject_drilldown-class_totals",
    "unit_profile-unit_3b8be1d8f0de940b",
}

# sentences of the English report before issue 14; none may remain on the page
ENGLISH_SENTENCES = [
    "This notebook sets budget units side by side",
    "Which units are compared, and which fiscal years the warehouse holds for each.",
    "is the headline figure of",
    "Where the money comes from",
    "what the money was spent *on*",
    "keeps the unit running",
    "per head, where the document states a headcount",
    "the three spending lines the",
    "For each project with a budget and an executed amount",
    "Year-on-year change of the headline totals",
    "A final account checks itself",
    "The ledger joined to its documents",
    "One bar per document, split by outcome.",
    "Each failure with the amount the rule expected",
    "Rules that could not run for lack of data",
    "function classification is a three-level tree",
    "The chosen 类 split into its 款",
    "The finest level: every 项 of the chosen 类",
]
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def built(sample_warehouse_build, tmp_path_factory: pytest.TempPathFactory):
    db = sample_warehouse_build.path  # shared with the dbt and notebook tests (conftest.py)
    out = tmp_path_factory.mktemp("report")
    index = report.build_report(db, out)
    return index, out


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_index_has_a_section_per_notebook(built):
    index, _ = built
    html = index.read_text(encoding="utf-8")
    for name in report.notebook_names():
        assert f'<section class="notebook" id="{name}">' in html
    assert 'class="error"' not in html
    assert "<h2>" in html, "markdown is rendered"
    assert "Setup: the read-only" not in html, "report-skip cells are left out"


def _specs(html: str) -> list[dict]:
    import json

    return [json.loads(m.replace("<\\/", "</")) for m in
            re.findall(r'<script type="application/json" id="chart-\d+-spec">(.*?)</script>', html, re.S)]


def test_one_png_per_chart_and_every_chart_interactive(built):
    index, out = built
    html = index.read_text(encoding="utf-8")
    files = sorted((out / "charts").glob("*.png"))
    views = re.findall(r'<div class="vega-view" data-spec="chart-\d+-spec" data-name="([^"]+)"', html)
    assert sorted(views) == sorted(f.stem for f in files), "one interactive chart per PNG"
    prints = set(re.findall(r'<img class="print-only" src="charts/([^"]+)\.png"', html))
    assert prints == {f.stem for f in files}, "each chart keeps its PNG for print"
    said = re.findall(r"<p>([^<]*没有[^<]*)</p>", html)
    assert EXPECTED_CHARTS <= set(views), f"missing {EXPECTED_CHARTS - set(views)}; the notebooks said: {said}"
    specs = _specs(html)
    assert len(specs) == len(views)
    for spec in specs:
        title = spec.get("title")
        title = title.get("text") if isinstance(title, dict) else title
        assert CJK.search(str(title)), f"untitled or non-Chinese chart: {title}"


def test_vega_scripts_are_inlined_once(built):
    index, _ = built
    html = index.read_text(encoding="utf-8")
    assert html.count("window.vegaEmbed=") == 1, "the vega bundle appears exactly once"
    assert html.count("<script>") == 2  # the bundle and the boot script; specs are JSON blocks


def test_tooltips_carry_the_evidence_and_the_document(built):
    index, _ = built
    specs = _specs(index.read_text(encoding="utf-8"))

    def tooltip_titles(node) -> set[str]:
        found: set[str] = set()
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "tooltip" and isinstance(v, list):
                    found |= {t.get("title", "") for t in v if isinstance(t, dict)}
                else:
                    found |= tooltip_titles(v)
        elif isinstance(node, list):
            for v in node:
                found |= tooltip_titles(v)
        return found

    with_evidence = [s for s in specs if {"原文依据", "文件"} <= tooltip_titles(s)]
    assert len(with_evidence) >= len(specs) - 2, "nearly every chart shows evidence and document on hover"
    datasets = [row for s in with_evidence for rows in s.get("datasets", {}).values() for row in rows]
    assert any(str(r.get("file_name", "")).startswith("miyi-2023") and r.get("evidence") for r in datasets)


def test_report_is_in_chinese(built):
    index, _ = built
    html = index.read_text(encoding="utf-8")
    body = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    for tag in ("h1", "h2", "h3", "p", "th"):
        for text in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", body, re.S):
            assert CJK.search(re.sub(r"<[^>]+>", "", text)), f"<{tag}> without Chinese: {text[:120]}"
    for sentence in ENGLISH_SENTENCES:
        assert sentence not in html, sentence


def test_no_chart_sums_across_units_or_years(built):
    """The drill-down once drew 534.98 = 米易 2023 + 资阳 2021 as one bar."""
    index, _ = built
    for spec in _specs(index.read_text(encoding="utf-8")):
        for rows in spec.get("datasets", {}).values():
            amounts = {round(float(r["amount_wan"]), 2) for r in rows if r.get("amount_wan") is not None}
            assert 534.98 not in amounts


def test_spending_without_a_class_breakdown_is_noted(built):
    index, _ = built
    html = index.read_text(encoding="utf-8")
    assert re.search(r"资阳市土地开发整理中心 2021年本年支出合计 622\.34 万元，图中各类合计 210\.86 万元", html)
    assert "政府性基金预算财政拨款支出为 411.49 万元" in html


def test_pngs_are_real_charts(built):
    _, out = built
    for png in (out / "charts").glob("*.png"):
        width, height = _png_size(png)
        assert width >= 400 and height >= 150, png.name
        assert png.stat().st_size > 10_000, f"{png.name} is suspiciously small"


def test_report_is_self_contained(built):
    index, _ = built
    html = index.read_text(encoding="utf-8")
    assert not re.search(r'(src|href)="(https?:)?//', html), "nothing may load from the network"
    assert "<script src" not in html
    assert index.stat().st_size < 20_000_000


def test_executed_notebooks_are_kept(built):
    _, out = built
    for name in report.notebook_names():
        nb = nbformat.read(out / "notebooks" / f"{name}.ipynb", as_version=4)
        assert all(
            o.get("output_type") != "error" for c in nb.cells for o in c.get("outputs", [])
        )


def test_rebuild_replaces_stale_charts(tmp_path):
    out = tmp_path / "out"
    (out / "charts").mkdir(parents=True)
    stale = out / "charts" / "old-chart.png"
    stale.write_bytes(b"x")
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    (nb_dir / "ok.py").write_text('# %% [markdown]\n# # 测试\n\n# %% tags=["parameters"]\ndb_path = None\nchart_dir = None\n')
    index = report.build_report(tmp_path / "absent.duckdb", out, directory=nb_dir)
    assert not stale.exists()
    assert "测试" in index.read_text(encoding="utf-8")


def test_a_failing_notebook_is_reported_and_raises(tmp_path):
    nb_dir = tmp_path / "nbs"
    nb_dir.mkdir()
    (nb_dir / "good.py").write_text(
        '# %% [markdown]\n# # 好\n\n# %% tags=["parameters"]\ndb_path = None\nchart_dir = None\n\n'
        "# %%\nfrom IPython.display import Markdown, display\ndisplay(Markdown('一切正常'))\n"
    )
    (nb_dir / "bad.py").write_text(
        '# %% [markdown]\n# # 坏\n\n# %% tags=["parameters"]\ndb_path = None\nchart_dir = None\n\n'
        "# %%\nraise ValueError('boom')\n"
    )
    out = tmp_path / "out"
    with pytest.raises(report.ReportError, match="bad"):
        report.build_report(tmp_path / "absent.duckdb", out, directory=nb_dir)
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "一切正常" in html and "boom" in html and 'class="error"' in html


def test_compare_units_covers_every_stated_or_derived_year(built):
    """Issue 5: 米易 states 2023 and implies 2022, 资阳 states 2021 and implies 2020."""
    _, out = built
    nb = nbformat.read(out / "notebooks" / "compare_units.ipynb", as_version=4)
    said = "\n".join(
        "".join(o["data"]["text/markdown"]) if isinstance(o["data"]["text/markdown"], list) else o["data"]["text/markdown"]
        for c in nb.cells for o in c.get("outputs", []) if "text/markdown" in o.get("data", {})
    )
    assert "覆盖年度：2020、2021、2022、2023" in said, said
    assert "人均" in said or (out / "charts" / "compare_units-cost_per_head.png").exists()


# ---------------------------------------------------------------- the browser tier

CHART_STATE_JS = """
(() => Array.from(document.querySelectorAll('div.vega-view')).map(el => {
  const svg = el.querySelector('svg');
  const r = el.getBoundingClientRect();
  return {name: el.dataset.name, rendered: el.dataset.rendered || '', marks: svg ? svg.querySelectorAll('.mark-rect path, .mark-symbol path, .mark-rule line, .mark-tick path').length : 0,
          x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height};
}))()
"""
TEXT_JS = """
(() => Array.from(document.querySelectorAll('h1, h2, h3, h4, p, th')).filter(e => !e.closest('.vega-view')).map(e => e.tagName + ': ' + e.innerText))()
"""


@pytest.fixture(scope="module")
def browser():
    import browserkit

    binary = browserkit.chromium_path()
    if binary is None:
        pytest.skip(f"no chromium: {browserkit.INSTALL_HINT}")
    b = browserkit.launch(binary)
    yield b
    b.close()


@pytest.fixture(scope="module")
def opened(built, browser):
    import browserkit

    index, _ = built
    seconds = browser.open(browserkit.file_url(index), "document.body && document.body.dataset.charts === 'done'")
    return browser, seconds


@pytest.mark.browser
def test_browser_renders_every_chart_without_script_errors(opened):
    from io import BytesIO

    from PIL import Image

    browser, seconds = opened
    assert seconds < 60
    state = browser.js(CHART_STATE_JS)
    assert state and all(c["rendered"] == "yes" for c in state), [c for c in state if c["rendered"] != "yes"]
    assert browser.js("document.body.dataset.chartErrors") == "0"
    assert not browser.errors(), browser.errors()
    for chart in state:
        assert chart["marks"] > 0 and chart["width"] > 200 and chart["height"] > 100, chart
        shot = Image.open(BytesIO(browser.screenshot(
            {"x": chart["x"], "y": chart["y"], "width": chart["width"], "height": chart["height"]}
        ))).convert("RGB")
        colours = shot.getcolors(maxcolors=1 << 16) or [(0, (0, 0, 0))] * 100
        inked = sum(n for n, rgb in colours if sum(rgb) < 720)
        assert len(colours) > 8 and inked > 0.01 * shot.width * shot.height, f"{chart['name']} looks blank"


@pytest.mark.browser
def test_browser_page_text_is_chinese(opened):
    browser, _ = opened
    texts = browser.js(TEXT_JS)
    assert len(texts) > 30
    for text in texts:
        assert CJK.search(text), text
    page = browser.js("document.body.innerText")
    for sentence in ENGLISH_SENTENCES:
        assert sentence not in page


@pytest.mark.browser
def test_browser_tooltip_shows_evidence_and_document(opened):
    browser, _ = opened
    target = browser.js("""
    (() => { const el = document.querySelector('div.vega-view[data-name="compare_units-total_income_expense"] .mark-rect path');
             el.scrollIntoView({block: 'center'}); const r = el.getBoundingClientRect();
             return {x: r.left + r.width / 2, y: r.top + Math.max(2, r.height / 2)}; })()
    """)
    browser.hover(target["x"], target["y"])
    tip = ""
    for _ in range(20):
        tip = browser.js("(document.getElementById('vg-tooltip-element') || {innerText: ''}).innerText") or ""
        if "原文依据" in tip:
            break
        import time

        time.sleep(0.1)
    assert "原文依据" in tip and "文件" in tip and "万元" in tip, tip


# ---------------------------------------------------------------- at any N


def _scaled_copy(source: Path, target: Path, copies: int) -> Path:
    """The sample warehouse with every unit repeated `copies` times (new unit ids and names,
    amounts scaled so the units rank differently) — 2 × copies units, about as many documents."""
    import shutil

    import duckdb

    shutil.copy(source, target)
    con = duckdb.connect(str(target))
    try:
        tables = [t for (t,) in con.sql(
            "SELECT DISTINCT c.table_name FROM information_schema.columns c JOIN information_schema.tables t "
            "ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
            "WHERE c.table_schema = 'marts' AND t.table_type = 'BASE TABLE' AND c.column_name IN ('unit_id', 'document_id')"
        ).fetchall()]
        for table in tables:
            cols = {c for (c,) in con.sql(f"SELECT column_name FROM information_schema.columns WHERE table_schema = 'marts' AND table_name = '{table}'").fetchall()}
            replace = [f"{c} || '-' || i AS {c}" for c in ("unit_id", "document_id") if c in cols]
            if "unit_name" in cols:
                replace.append("unit_name || i AS unit_name")
            if "amount_wan" in cols:
                replace.append("CAST(amount_wan * (1 + i / 1000) AS DECIMAL(18, 2)) AS amount_wan")
            keep = "unit_id <> '-1'" if "unit_id" in cols else "document_id <> '-1'"
            con.execute(f"CREATE TABLE marts.{table}_n AS SELECT * REPLACE ({', '.join(replace)}) "
                        f"FROM marts.{table}, range({copies}) r(i) WHERE {keep}")
            con.execute(f"DELETE FROM marts.{table} WHERE {keep}")
            con.execute(f"INSERT INTO marts.{table} SELECT * EXCLUDE (i) FROM marts.{table}_n")
            con.execute(f"DROP TABLE marts.{table}_n")
    finally:
        con.close()
    return target


@pytest.mark.slow
def test_report_at_ten_thousand_units_stays_small_and_ranked(sample_warehouse_build, tmp_path):
    db = _scaled_copy(sample_warehouse_build.path, tmp_path / "big.duckdb", 5000)
    index = report.build_report(db, tmp_path / "out")
    html = index.read_text(encoding="utf-8")
    assert index.stat().st_size < 20_000_000
    assert 'class="error"' not in html
    assert "仓库共有 10000 个单位，这里按本年支出合计从大到小列出前 8 个" in html
    for spec in _specs(html):
        assert sum(len(rows) for rows in spec.get("datasets", {}).values()) < 5000
