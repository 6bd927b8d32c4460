# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 单位档案：每个单位的年度、报表与核对结果
#
# 每个选定单位一页：仓库中它有哪些年度和文件，它的主要报表数字（收支总计、支出结构、“三公”经费），
# 以及它的文件在勾稽核对中有哪些未通过。默认列出按本年支出合计排名靠前的单位；用
# `juesuan report --units 名称` 指定单位。

# %% [markdown] tags=["report-skip"]
# Parameters: `units` and `years` as in compare_units (names, unique substrings or ids).

# %% tags=["parameters"]
db_path = None
units = None
years = None
chart_dir = None

# %% [markdown] tags=["report-skip"]
# Setup: the read-only session, the chart and frame helpers.

# %%
from loaders.present import charts, frames  # first: it keeps altair's import fast
from loaders.present.session import notebook_session

import altair as alt
import polars as pl

nb = notebook_session("unit_profile", db_path, chart_dir, units=units, years=years)
wh, say, draw = nb.wh, nb.say, nb.draw
PROFILE_METRICS = ["total_income_expense", "total_income", "total_expense", "expense_basic", "expense_project",
                   "basic_personnel", "basic_public", "three_public_total"]
say(f"数据仓库：`{wh.path}`" + ("" if wh.available else " —— **文件不存在**，没有单位档案。"))

# %% [markdown]
# ## 单位一览
#
# 下面逐个列出选定的单位。每个单位先列出它的文件，再列出主要数字（披露值与推算值分列），最后是它的
# 文件未通过的勾稽核对。

# %%
docs = pl.DataFrame()
if nb.unit_ids and wh.exists("marts.dim_document"):
    docs = nb.rows("dim_document", "unit_id, document_id, fiscal_year, doc_kind, file_name AS file, page_count, fact_count")
totals = nb.rows(
    "fct_budget_totals", "unit_id, fiscal_year, metric, qualifier, amount_wan, is_derived, evidence",
    f"measure = '决算' AND metric IN ({', '.join(repr(m) for m in PROFILE_METRICS)})",
)
if not totals.is_empty():
    totals = frames.with_basis(
        totals.sort("unit_id", "fiscal_year", "metric", "qualifier").unique(
            subset=["unit_id", "fiscal_year", "metric"], keep="first", maintain_order=True)
    ).with_columns(frames.metric_label(), pl.col("fiscal_year").cast(pl.Utf8).alias("year"))
fails = pl.DataFrame()
if wh.exists("marts.fct_dq_findings") and wh.exists("marts.dim_document") and nb.unit_ids:
    fails = wh.sql(
        f"""SELECT d.unit_id, d.fiscal_year, f.rule_id, f.rule_description, f.expected, f.actual, f.difference, f.evidence
            FROM marts.fct_dq_findings f JOIN marts.dim_document d USING (document_id)
            WHERE f.status = 'fail' AND list_contains($units, d.unit_id) AND {nb.selection.sql_years("d.fiscal_year")}
            ORDER BY d.fiscal_year, f.rule_id""",
        {"units": nb.unit_ids},
    )
if not nb.unit_ids:
    say("仓库中没有可列出的单位（`marts.dim_unit` 为空或不存在）。")
    say("因此没有文件、主要指标或核对结果可显示。")
for unit_id in nb.unit_ids:
    name = nb.selection.unit_names[unit_id]
    say(f"### {name}")
    mine = docs.filter(pl.col("unit_id") == unit_id) if not docs.is_empty() else docs
    if mine.is_empty():
        say(frames.no_data("该单位的文件"))
    else:
        say(f"{mine.height} 份文件，年度：" + "、".join(str(y) for y in sorted(mine["fiscal_year"].drop_nulls().unique())) + "。")
        charts.table(frames.labelled(mine.sort("fiscal_year"), {"fiscal_year": "年度", "doc_kind": "类别", "file": "文件",
                                                              "page_count": "页数", "fact_count": "数据条数"}))
    figures = totals.filter(pl.col("unit_id") == unit_id) if not totals.is_empty() else totals
    if figures.is_empty():
        say(frames.no_data("该单位的主要指标"))
    else:
        wide = figures.pivot(on="year", index="metric_label", values="amount_wan", sort_columns=True)
        charts.table(wide.rename({c: ("指标（万元）" if c == "metric_label" else f"{c}年") for c in wide.columns}))
        drawn, zero = charts.zero_groups(figures, "amount_wan", "metric_label")
        if not drawn.is_empty():
            data = charts.for_chart(drawn)
            base = alt.Chart(data).encode(
                y=alt.Y("metric_label:N", title="指标", sort=[frames.metric_labels()[m] for m in PROFILE_METRICS]),
                yOffset=alt.YOffset("year:N"),
                x=alt.X("amount_wan:Q", title="金额（万元）", scale=charts.headroom(data, "amount_wan")),
                tooltip=charts.tips({"metric_label:N": "指标", "year:N": "年度", "amount_wan:Q": "金额（万元）", "basis:N": "披露/推算"}),
            )
            colour = charts.unit_colour(data)
            bars = base.mark_bar(strokeWidth=1.5).encode(color=colour, stroke=charts.stroke_like(colour), **charts.basis_channels())
            text = base.mark_text(align="left", dx=3, fontSize=9).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
            draw((bars + text).properties(title=f"{name}：主要指标（万元）", width=440), f"unit_{unit_id}")
        if zero:
            say("各年度均为 0 万元（原文所载）、不作图的指标：" + "、".join(zero) + "。")
    mine_fails = fails.filter(pl.col("unit_id") == unit_id) if not fails.is_empty() else fails
    if mine_fails.is_empty():
        say("该单位的文件没有未通过的勾稽核对。")
    else:
        say(f"未通过的勾稽核对 {mine_fails.height} 条：")
        charts.table(frames.labelled(mine_fails, {"fiscal_year": "年度", "rule_id": "规则", "rule_description": "说明",
                                                  "expected": "应为", "actual": "实为", "difference": "差额", "evidence": "原文依据"}))

# %%
wh.close()
