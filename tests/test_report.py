"""build_report: every notebook executed on the sample warehouse, report/index.html with its
charts inline, one non-trivial PNG per chart in report/charts, nothing fetched at view time."""

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
}


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
    assert "First the shared helpers" not in html, "report-skip cells are left out"


def test_one_png_per_chart_and_every_chart_inline(built):
    index, out = built
    html = index.read_text(encoding="utf-8")
    files = sorted((out / "charts").glob("*.png"))
    images = re.findall(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]+)">', html)
    assert len(images) == html.count("<img") == len(files)
    named = set(re.findall(r"<code>charts/([^<]+)\.png</code>", html))
    assert named == {f.stem for f in files}
    said = re.findall(r"<p>([^<]*没有[^<]*)</p>", html)
    assert EXPECTED_CHARTS <= named, f"missing {EXPECTED_CHARTS - named}; the notebooks said: {said}"
    for alt in images:
        assert re.search(r"[\u4e00-\u9fff]", alt), f"untitled or non-Chinese chart: {alt}"


def test_pngs_are_real_charts(built):
    _, out = built
    for png in (out / "charts").glob("*.png"):
        width, height = _png_size(png)
        assert width >= 400 and height >= 150, png.name
        assert png.stat().st_size > 10_000, f"{png.name} is suspiciously small"


def test_report_is_self_contained(built):
    index, _ = built
    html = index.read_text(encoding="utf-8")
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html), "nothing may load from the network"


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
