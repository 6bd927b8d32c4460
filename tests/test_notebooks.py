"""The analyst notebooks: jupytext pairing, literate structure, parameters, the chart helpers,
and headless execution (nbclient, the project's python kernel) on warehouses with no data.

Execution on the warehouse built from the sample corpus (`juesuan load data/samples` +
`juesuan build`) is in tests/test_report.py, which runs every notebook through build_report;
the sample warehouse is built once per test session (conftest.py: sample_warehouse_build) and
shared with tests/test_dbt_build.py.
"""

from __future__ import annotations

import re
import shutil
import struct
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import jupytext
import polars as pl
import pytest

from loaders.present import charts, report

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = report.notebook_names()

# ---------------------------------------------------------------- warehouses


NEEDED_MARTS = (
    "dim_unit", "dim_document", "dim_function_subject", "fct_budget_totals", "fct_income_by_source",
    "fct_spending_by_function", "fct_spending_by_class", "fct_three_public", "fct_project_execution",
    "fct_dq_findings", "fct_headcount",
)


def marts_built(db: Path) -> set[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {n for (n,) in con.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'").fetchall()}
    finally:
        con.close()


def emptied_copy(source: Path, target: Path) -> Path:
    """A copy of a built warehouse whose marts tables exist but hold no rows."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, target)
    con = duckdb.connect(str(target))
    try:
        tables = con.sql(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'marts' AND table_type = 'BASE TABLE'"
        ).fetchall()
        for (name,) in tables:
            con.execute(f'DELETE FROM marts."{name}"')
    finally:
        con.close()
    return target


@pytest.fixture(scope="session")
def samples_db(sample_warehouse_build) -> Path:
    """The shared sample warehouse (conftest.py). The build publishes even when a dbt *data
    test* fails (those belong to the dbt suite); the marts the notebooks read must exist."""
    missing = [m for m in NEEDED_MARTS if m not in marts_built(sample_warehouse_build.path)]
    assert not missing, f"marts not built: {missing}\n" + sample_warehouse_build.build_output[-4000:]
    return sample_warehouse_build.path


@pytest.fixture(scope="session")
def empty_db(samples_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return emptied_copy(samples_db, tmp_path_factory.mktemp("empty") / "juesuan.duckdb")


# ---------------------------------------------------------------- helpers


def outputs(nb, kind: str) -> list[str]:
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if kind in data:
                value = data[kind]
                found.append("".join(value) if isinstance(value, list) else value)
    return found


def errors(nb) -> list[str]:
    return [
        f"{o.get('ename')}: {o.get('evalue')}"
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.get("output_type") == "error"
    ]


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    return struct.unpack(">II", head[16:24])


# ---------------------------------------------------------------- structure


def test_the_report_notebooks_exist_in_order():
    assert NOTEBOOKS[:4] == ["compare_units", "unit_profile", "subject_drilldown", "data_quality"]


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_ipynb_pair_is_in_sync_with_the_py_source(name):
    py = jupytext.read(REPO / "notebooks" / f"{name}.py")
    ipynb_path = REPO / "notebooks" / f"{name}.ipynb"
    assert ipynb_path.exists(), f"run: jupytext --sync notebooks/{name}.py"
    paired = jupytext.read(ipynb_path)
    assert [(c.cell_type, c.source) for c in py.cells] == [
        (c.cell_type, c.source) for c in paired.cells
    ], f"{name}.ipynb is stale: run jupytext --sync notebooks/{name}.py"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_is_literate_and_parameterised(name):
    nb = report.load_notebook(name)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"
    assert re.search(r"^db_path = None$", tagged[0].source, re.M)
    assert re.search(r"^chart_dir = None$", tagged[0].source, re.M)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    # every code cell that draws or queries is introduced by a markdown cell
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and ("draw(" in cell.source or "wh.sql(" in cell.source):
            assert nb.cells[i - 1].cell_type == "markdown", f"cell {i} of {name} has no prose before it"
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "read_only" not in source and "duckdb.connect" not in source, "use loaders.present.session"
    for title in re.findall(r'title=f?"([^"]+)"\)?, width', source):
        assert re.search(r"[\u4e00-\u9fff]", title), f"chart title not in Chinese: {title}"


# ---------------------------------------------------------------- chart helpers


def test_for_chart_casts_decimal_only():
    frame = pl.DataFrame(
        {"name": ["甲", "乙"], "amount_wan": [Decimal("1.10"), None], "n": [1, 2]},
        schema={"name": pl.Utf8, "amount_wan": pl.Decimal(18, 2), "n": pl.Int64},
    )
    cast = charts.for_chart(frame)
    assert cast.schema == pl.Schema({"name": pl.Utf8, "amount_wan": pl.Float64, "n": pl.Int64})
    assert cast["amount_wan"].to_list() == [1.1, None]


def test_headroom_leaves_room_for_labels():
    frame = pl.DataFrame({"v": [Decimal("-10"), Decimal("100")]}, schema={"v": pl.Decimal(18, 2)})
    domain = charts.headroom(frame, "v", 1.2).to_dict()["domain"]
    assert domain[0] == pytest.approx(-12.0) and domain[1] == pytest.approx(120.0)
    assert charts.headroom(pl.DataFrame({"v": [0.0]}), "v").to_dict()["domain"] == [0, 1]


def test_table_html_escapes_and_formats():
    frame = pl.DataFrame(
        {"项": ["<b>x</b>"], "金额": [Decimal("1234.5")], "缺": [None]},
        schema={"项": pl.Utf8, "金额": pl.Decimal(18, 2), "缺": pl.Utf8},
    )
    html = charts.table_html(frame)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x" not in html
    assert "1,234.50" in html and "—" in html


def test_chinese_chart_renders_with_a_cjk_font(tmp_path):
    import altair as alt

    assert charts.cjk_font_dirs(), "no CJK font found (make fonts)"
    charts.enable_theme()
    frame = pl.DataFrame({"单位": ["米易县", "资阳市"], "v": [421.54, 622.34]})
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(x=alt.X("单位:N", title="单位"), y=alt.Y("v:Q", title="金额（万元）"))
        .properties(title="收支总计（万元）")
    )
    path = charts.save_png(chart, tmp_path / "c.png")
    width, height = png_size(path)
    assert width > 200 and height > 300
    # the font is actually used: the SVG text is laid out with the CJK family
    import vl_convert

    svg = vl_convert.vegalite_to_svg(chart.to_json())
    assert "WenQuanYi" in svg or "Noto Sans CJK" in svg


# ---------------------------------------------------------------- execution without data


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_says_so_when_the_marts_are_empty(name, empty_db, tmp_path):
    nb = report.execute_notebook(name, empty_db, chart_dir=tmp_path / "charts")
    assert not errors(nb)
    assert not list((tmp_path / "charts").glob("*.png")), "no data, no chart"
    assert not outputs(nb, "image/png")
    sentences = outputs(nb, "text/markdown")
    assert sum("没有" in s for s in sentences) >= 2, sentences


def test_notebook_says_so_when_the_warehouse_file_is_missing(tmp_path):
    nb = report.execute_notebook("compare_units", tmp_path / "absent.duckdb")
    assert not errors(nb)
    assert any("文件不存在" in s for s in outputs(nb, "text/markdown"))
    assert not (tmp_path / "absent.duckdb").exists(), "a reader must not create the warehouse"


# ---------------------------------------------------------------- parameters


def _units(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.sql(
            "SELECT unit_id, unit_name FROM marts.dim_unit WHERE unit_id <> '-1' ORDER BY unit_name"
        ).fetchall()
    finally:
        con.close()


def test_compare_units_takes_units_by_name(samples_db, tmp_path):
    units = _units(samples_db)
    assert len(units) >= 2
    keep_id, keep_name = units[0]
    nb = report.execute_notebook(
        "compare_units", samples_db, chart_dir=tmp_path, parameters={"units": keep_name[:4], "years": "2020-2023"}
    )
    assert not errors(nb)
    said = "\n".join(outputs(nb, "text/markdown"))
    assert f"共对比 **1** 个单位：{keep_name}。" in said
    for other_id, other_name in units[1:]:
        assert other_name not in "\n".join(outputs(nb, "text/html"))
    assert (tmp_path / "compare_units-total_income_expense.png").exists()


def _unit_colours(nb) -> dict[str, str]:
    """unit name -> colour, from the 收支总计 chart's colour scale."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            spec = out.get("data", {}).get(charts.VEGALITE_MIME)
            meta = out.get("metadata", {}).get("image/png", {}).get(charts.CHART_METADATA_KEY, {})
            if spec and meta.get("name") == "compare_units-total_income_expense":
                layer = spec["layer"][0]
                scale = layer["encoding"]["color"]["scale"]
                return dict(zip(scale["domain"], scale["range"]))
    raise AssertionError("no 收支总计 chart")


def test_each_unit_keeps_its_colour_when_the_loaded_set_changes(samples_db, tmp_path):
    (a_id, a_name), (b_id, b_name) = _units(samples_db)[:2]
    alone = _unit_colours(report.execute_notebook("compare_units", samples_db, parameters={"units": [a_id]}))
    both = _unit_colours(report.execute_notebook("compare_units", samples_db, parameters={"units": [b_id, a_id]}))
    assert set(alone) == {a_name} and set(both) == {a_name, b_name}
    assert alone[a_name] == both[a_name]
    from loaders.present.colours import colour_for

    assert both[b_name] == colour_for(b_id) and both[a_name] == colour_for(a_id)


def test_subject_drilldown_takes_a_class_code(samples_db, tmp_path):
    nb = report.execute_notebook(
        "subject_drilldown", samples_db, chart_dir=tmp_path, parameters={"class_code": "221"}
    )
    assert not errors(nb)
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert "subject_drilldown-class_221_xiang.png" in names, names
    assert any("221 住房保障支出" in s for s in outputs(nb, "text/markdown"))


# ---------------------------------------------------------------- stated vs derived encoding


def test_basis_legend_shows_the_style_the_bars_show():
    """Stated and derived bars differ in opacity and outline dash; the 口径 legend shows that
    same difference in neutral grey (not black swatches beside coloured bars)."""
    import altair as alt

    channels = charts.basis_channels()
    assert set(channels) == {"opacity", "strokeDash"}
    specs = {name: ch.to_dict() for name, ch in channels.items()}
    assert specs["opacity"]["scale"]["domain"] == [charts.BASIS_STATED, charts.BASIS_DERIVED]
    low, high = specs["opacity"]["scale"]["range"][1], specs["opacity"]["scale"]["range"][0]
    assert high == 1.0 and low < 0.6
    assert specs["strokeDash"]["scale"]["range"][0] != specs["strokeDash"]["scale"]["range"][1]
    for spec in specs.values():  # one shared legend with neutral swatches
        assert spec["legend"]["title"] == "口径"
        assert spec["legend"]["symbolFillColor"] == "#7f7f7f"
    frame = pl.DataFrame({"u": ["甲", "甲"], "y": ["2022", "2023"], "v": [1.0, 2.0], "basis": [charts.BASIS_DERIVED, charts.BASIS_STATED]})
    chart = alt.Chart(frame).mark_bar(strokeWidth=1.5).encode(
        x="y:O", y="v:Q", color="u:N", stroke="u:N", **channels
    )
    charts.render_png(chart)  # a valid spec that renders


def test_compare_units_marks_derived_values_with_the_shared_encoding():
    source = (REPO / "notebooks" / "compare_units.py").read_text(encoding="utf-8")
    assert "alt.Opacity(" not in source, "derived values use charts.basis_channels()"
    # 收支总计 and key totals through basis_bars; 类, 基本/项目 and projects directly
    assert source.count("basis_bars(base") >= 2 and source.count("charts.basis_channels(") >= 4


def test_data_quality_reads_rule_text_from_the_ledger():
    source = (REPO / "notebooks" / "data_quality.py").read_text(encoding="utf-8")
    assert "RULE_LABELS" not in source and "NON_MONEY_UNITS" not in source
    assert "rule_description" in source and "measure_unit" in source
