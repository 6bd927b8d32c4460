"""Charts for the notebooks: a CJK altair theme, the Decimal -> float boundary, stable colours,
tooltips, and each chart shown twice: as a Vega-Lite spec (interactive in JupyterLab and in the
report) and as a PNG (for print and for the charts/ folder).

Money stays Decimal everywhere else; only here, at the chart boundary, are DECIMAL columns
cast to Float64, because Vega-Lite draws floats. PNGs are rendered by vl-convert (no
browser, nothing downloaded) with a CJK font directory registered, so Chinese titles and
labels are real glyphs, not boxes.
"""

from __future__ import annotations

import base64
import html
import re
from decimal import Decimal
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

# jsonschema (imported by altair) probes the optional IRI checker `rfc3987_syntax`, whose
# import compiles a Lark grammar for ~5 s of CPU. Altair never validates IRIs, so the probe
# is answered "not installed" in processes that draw charts — unless it is already loaded.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

import altair as alt  # noqa: E402
import polars as pl  # noqa: E402
import vl_convert  # noqa: E402

__all__ = [
    "CJK_FONT",
    "PNG_MIME",
    "CHART_METADATA_KEY",
    "cjk_font_dirs",
    "enable_theme",
    "for_chart",
    "render_png",
    "save_png",
    "show",
    "chart_title",
    "headroom",
    "basis_channels",
    "BASIS_STATED",
    "BASIS_DERIVED",
    "table",
    "table_html",
    "VEGALITE_MIME",
    "tips",
    "EVIDENCE_TIPS",
    "unit_colour",
    "class_colour",
    "zero_groups",
    "stroke_like",
]

CJK_FONT = "WenQuanYi Micro Hei"
PNG_MIME = "image/png"
CHART_METADATA_KEY = "juesuan_chart"
VEGALITE_MIME = f"application/vnd.vegalite.{alt.SCHEMA_VERSION.split('.')[0]}+json"
_FALLBACK_FONT_DIRS = ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts/opentype/noto")
_FONT_STACK = f"'{CJK_FONT}', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif"
_PALETTE = [
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2",
    "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac",
]


@lru_cache(maxsize=1)
def cjk_font_dirs() -> tuple[str, ...]:
    """Directories holding a CJK font, as fontconfig reports them (fallback: known paths)."""
    dirs: list[str] = []
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(
                ["fc-list", ":lang=zh", "file"], capture_output=True, text=True, timeout=20
            ).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        for line in out.splitlines():
            font_file = line.split(":", 1)[0].strip()
            if font_file:
                parent = str(Path(font_file).parent)
                if parent not in dirs:
                    dirs.append(parent)
    for fallback in _FALLBACK_FONT_DIRS:
        if fallback not in dirs and Path(fallback).is_dir():
            dirs.append(fallback)
    return tuple(dirs)


@lru_cache(maxsize=1)
def _register_fonts() -> tuple[str, ...]:
    dirs = cjk_font_dirs()
    for directory in dirs:
        vl_convert.register_font_directory(directory)
    return dirs


def _theme() -> alt.theme.ThemeConfig:
    return {
        "config": {
            "font": _FONT_STACK,
            "background": "white",
            "view": {"continuousWidth": 520, "continuousHeight": 300, "stroke": None},
            "title": {"font": _FONT_STACK, "fontSize": 15, "anchor": "start", "offset": 10},
            "axis": {
                "labelFont": _FONT_STACK,
                "titleFont": _FONT_STACK,
                "labelFontSize": 11,
                "titleFontSize": 12,
                "labelLimit": 420,
                "gridColor": "#e6e6e6",
            },
            "axisX": {"labelAngle": 0},
            # Vega estimates CJK label widths too narrow in headless rendering, so a rotated
            # y title beside long labels would overlap them: put it level, above the axis.
            "axisY": {
                "titleAngle": 0,
                "titleAnchor": "end",
                "titleAlign": "right",
                "titleBaseline": "bottom",
                "titleX": 0,
                "titleY": -8,
            },
            "legend": {
                "labelFont": _FONT_STACK,
                "titleFont": _FONT_STACK,
                "labelLimit": 360,
                "orient": "bottom",
                "direction": "vertical",
                "columns": 2,
            },
            "header": {"labelFont": _FONT_STACK, "titleFont": _FONT_STACK, "labelFontSize": 12},
            "text": {"font": _FONT_STACK},
            "range": {"category": _PALETTE},
            "bar": {"continuousBandSize": 18},
        }
    }


def enable_theme() -> None:
    """Register and enable the 'juesuan' altair theme (idempotent). Charts receive ranked or
    aggregated frames (the SQL does the work), so altair's 5000-row guard is lifted rather than
    failing a report at some N."""
    if "juesuan" not in alt.theme.names():
        alt.theme.register("juesuan", enable=False)(_theme)
    alt.theme.enable("juesuan")
    alt.data_transformers.disable_max_rows()


# ------------------------------------------------------------------ colours, tooltips, zeros


def unit_colour(frame: pl.DataFrame, field: str = "unit_name", key: str = "unit_id", title: str = "单位",
                **legend: object) -> alt.Color:
    """Colour by unit, each unit in its own stable colour (loaders.present.colours)."""
    from loaders.present.colours import scale_for

    pairs = frame.select(key, field).unique(maintain_order=True).sort(field).iter_rows()
    return alt.Color(f"{field}:N", title=title, scale=scale_for(pairs, "unit"),
                     **({"legend": alt.Legend(**legend)} if legend else {}))


def class_colour(frame: pl.DataFrame, field: str = "class_label", key: str = "class_code",
                 title: str = "功能分类（类）") -> alt.Color:
    """Colour by 功能分类 类, each 类 in its own stable colour."""
    from loaders.present.colours import scale_for

    pairs = frame.select(key, field).unique(maintain_order=True).sort(key).iter_rows()
    return alt.Color(f"{field}:N", title=title, scale=scale_for(pairs, "class"))


def stroke_like(colour: alt.Color) -> alt.Stroke:
    """An outline in the bar's own colour: same field, scale and title, so Vega-Lite merges it
    into the colour legend (one legend per meaning)."""
    spec = colour.to_dict()
    return alt.Stroke(**{k: spec[k] for k in ("field", "type", "scale", "title", "legend") if k in spec})


EVIDENCE_TIPS: dict[str, str] = {"file_name:N": "文件", "evidence:N": "原文依据"}


def tips(fields: dict[str, str], evidence: bool = True) -> list[alt.Tooltip]:
    """Tooltips with Chinese titles; by default followed by the document and the evidence."""
    chosen = {**fields, **(EVIDENCE_TIPS if evidence else {})}
    return [alt.Tooltip(f, title=t, **({"format": ",.2f"} if f.endswith(":Q") else {})) for f, t in chosen.items()]


def zero_groups(frame: pl.DataFrame, value: str, by: str | list[str]) -> tuple[pl.DataFrame, list[str]]:
    """The one rule for all-zero panels: a group whose values are all zero (stated zeros, not
    missing) is not drawn; its label is returned so the notebook says so in one sentence."""
    keys = [by] if isinstance(by, str) else by
    if frame.is_empty():
        return frame, []
    zero = (
        frame.group_by(keys)
        .agg((pl.col(value).fill_null(0) == 0).all().alias("_all_zero"))
        .filter(pl.col("_all_zero"))
        .drop("_all_zero")
    )
    kept = frame.join(zero, on=keys, how="anti")
    labels = sorted(" ".join(str(v) for v in row) for row in zero.iter_rows())
    return kept, labels


def for_chart(frame: pl.DataFrame) -> pl.DataFrame:
    """The chart boundary: DECIMAL columns become Float64, everything else is unchanged."""
    casts = [
        pl.col(name).cast(pl.Float64)
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Decimal)
    ]
    return frame.with_columns(casts) if casts else frame


from loaders.present.frames import BASIS_DERIVED, BASIS_STATED  # noqa: E402
# legend swatches are drawn in a neutral grey: the bars' colour belongs to the colour legend
# (unit), the 口径 legend only shows the fill and outline style
_BASIS_LEGEND = dict(
    title="口径",
    symbolType="square",
    symbolSize=220,
    symbolFillColor="#7f7f7f",
    symbolStrokeColor="#333333",
    symbolStrokeWidth=1.5,
)


def basis_channels(
    field: str = "basis",
    domain: tuple[str, str] = (BASIS_STATED, BASIS_DERIVED),
    title: str | None = None,
) -> dict[str, object]:
    """Encodings that tell a stated value from a derived one on a bar also coloured by another
    field: solid vs pale with a dashed outline. Both channels share one legend whose
    swatches are neutral grey, so the legend shows exactly the difference the bars show. Use
    with mark_bar(strokeWidth=1.5) and a `stroke` encoding equal to the colour encoding."""
    legend = alt.Legend(**{**_BASIS_LEGEND, **({"title": title} if title else {})})
    values = list(domain)
    return {
        # opacity (not fillOpacity): Vega-Lite draws each legend swatch with its entry's opacity
        "opacity": alt.Opacity(
            f"{field}:N", scale=alt.Scale(domain=values, range=[1.0, 0.4]), legend=legend
        ),
        "strokeDash": alt.StrokeDash(
            f"{field}:N", scale=alt.Scale(domain=values, range=[[1, 0], [4, 2]]), legend=legend
        ),
    }


def headroom(frame: pl.DataFrame, column: str, factor: float = 1.18) -> alt.Scale:
    """A linear scale whose domain leaves room right of the longest bar for its text label."""
    values = for_chart(frame.select(column)).to_series().drop_nulls()
    top = max(float(values.max()) if len(values) else 0.0, 0.0)
    bottom = min(float(values.min()) if len(values) else 0.0, 0.0)
    if top == 0.0 and bottom == 0.0:
        return alt.Scale(domain=[0, 1])
    return alt.Scale(domain=[bottom * factor, top * factor], nice=False)


def chart_title(chart: alt.TopLevelMixin) -> str:
    """The chart's title text (first line when it is a list), '' when untitled."""
    title = chart.to_dict(validate=False).get("title", "")
    if isinstance(title, dict):
        title = title.get("text", "")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title)


def render_png(chart: alt.TopLevelMixin, scale: float = 2.0) -> bytes:
    """Render with vl-convert, CJK fonts registered; embedded data only (no URLs)."""
    _register_fonts()
    spec = chart.to_json(validate=True)
    return vl_convert.vegalite_to_png(spec, scale=scale)


def save_png(chart: alt.TopLevelMixin, path: str | Path, scale: float = 2.0) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(render_png(chart, scale=scale))
    return target


_SAFE_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def show(
    chart: alt.TopLevelMixin,
    name: str,
    chart_dir: str | Path | None = None,
    prefix: str = "",
) -> Path | None:
    """Display the chart (its Vega-Lite spec, interactive, and a PNG for print) and, with
    chart_dir, save the PNG as `<chart_dir>/<prefix>-<name>.png` instead of embedding it
    (a report holds each PNG once, in charts/, not again in its executed notebook). The
    display carries metadata the report reads."""
    from IPython.display import display

    stem = _SAFE_NAME.sub("_", f"{prefix}-{name}" if prefix else name).strip("_")
    png = render_png(chart)
    saved: Path | None = None
    if chart_dir:
        saved = Path(chart_dir) / f"{stem}.png"
        saved.parent.mkdir(parents=True, exist_ok=True)
        saved.write_bytes(png)
    title = chart_title(chart)
    data = {VEGALITE_MIME: chart.to_dict(validate=False), "text/plain": f"[图表] {title}"}
    if saved is None:
        data[PNG_MIME] = base64.b64encode(png).decode("ascii")
    display(
        data,
        raw=True,
        metadata={PNG_MIME: {CHART_METADATA_KEY: {"name": stem, "title": title}}},
    )
    return saved


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,.2f}"
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1 else f"{value:,.2f}"
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return str(value)


def table_html(frame: pl.DataFrame, max_rows: int = 200) -> str:
    """A plain, escaped HTML table: amounts with two decimals, missing values as —."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = [
        "<tr>" + "".join(f"<td>{html.escape(_cell(v))}</td>" for v in row) + "</tr>"
        for row in frame.head(max_rows).iter_rows()
    ]
    more = (
        f"<caption>前 {max_rows} 行，共 {frame.height} 行</caption>" if frame.height > max_rows else ""
    )
    return f'<table class="juesuan">{more}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def table(frame: pl.DataFrame, max_rows: int = 200) -> None:
    """Display a frame as a plain HTML table (what the report shows, too)."""
    from IPython.display import HTML, display

    display(HTML(table_html(frame, max_rows)))
