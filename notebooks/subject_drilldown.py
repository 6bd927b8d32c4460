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
# # 科目下钻：一个功能分类（类）的款与项
#
# The 政府收支分类 function classification is a three-level tree: 类 (e.g. 220
# 自然资源海洋气象等支出), 款 (22001 自然资源事务) and 项 (2200150 事业运行). This notebook
# takes one 类 — by default the one with the most spending in the warehouse — and opens it
# into its 款 and 项 for every unit and year, so one can see *which* lines carry the money.

# %% [markdown] tags=["report-skip"]
# Parameters: `class_code` is a 3-digit 类 code such as `"220"`; None picks the largest.
# `db_path` None means the `JUESUAN_DB` environment variable, else the default warehouse.

# %% tags=["parameters"]
db_path = None
class_code = None
chart_dir = None

# %% [markdown] tags=["report-skip"]
# Setup: the read-only warehouse session and the chart helpers.

# %%
from loaders.present import charts, frames  # first: it keeps altair's import fast
from loaders.present.session import notebook_session

import altair as alt
import polars as pl

pl.Config.set_tbl_rows(200)
pl.Config.set_fmt_str_lengths(120)
pl.Config.set_tbl_hide_dataframe_shape(True)
nb = notebook_session("subject_drilldown", db_path, chart_dir)
wh, say, draw = nb.wh, nb.say, nb.draw


say(f"数据仓库：`{wh.path}`" + ("" if wh.available else " —— **文件不存在**，没有可下钻的数据。"))

# %% [markdown]
# ## 1. 各类支出规模，选定要下钻的类
#
# The 类 totals over all units and years (决算, all fund scopes summed as reported), which
# also shows where the chosen 类 stands among the others.

# %%
classes = pl.DataFrame()
if wh.exists("marts.fct_spending_by_class"):
    classes = wh.sql(
        """
        SELECT c.class_code, coalesce(any_value(s.subject_name), '未识别科目') AS class_name,
               sum(c.amount_wan) AS amount_wan,
               count(DISTINCT c.unit_id) AS units, count(DISTINCT c.fiscal_year) AS years
        FROM marts.fct_spending_by_class c
        LEFT JOIN marts.dim_function_subject s ON s.subject_code = c.class_code
        WHERE c.measure = '决算' AND c.amount_wan IS NOT NULL
        GROUP BY c.class_code
        ORDER BY amount_wan DESC, c.class_code
        """
    )
if classes.is_empty():
    chosen = str(class_code) if class_code else None
    say("没有按类汇总的支出数据（`marts.fct_spending_by_class` 为空或不存在）。")
else:
    chosen = str(class_code) if class_code else classes["class_code"][0]
    chosen_name = dict(zip(classes["class_code"], classes["class_name"])).get(chosen, chosen)
    data = charts.for_chart(classes).with_columns(
        (pl.col("class_code") + " " + pl.col("class_name")).alias("label"),
        (pl.col("class_code") == chosen).alias("is_chosen"),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", title="功能分类（类）", sort=data["label"].to_list()),
        x=alt.X("amount_wan:Q", title="决算支出合计（万元）", scale=charts.headroom(data, "amount_wan")),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "is_chosen:N",
            title="下钻",
            scale=alt.Scale(domain=[True, False], range=["#f58518", "#9ecae9"]),
            legend=alt.Legend(labelExpr="datum.value ? '选定的类' : '其他类'"),
        )
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
    draw((bars + text).properties(title="各功能分类（类）决算支出（万元）", width=460), "class_totals")
    say(f"下钻的类：**{chosen} {chosen_name}**" + ("（参数指定）" if class_code else "（支出最大的类）") + "。")

# %% [markdown]
# ## 2. 类下各款：按单位和年度
#
# The chosen 类 split into its 款 for each unit, year and fund scope. Many documents state
# only 类 and 项; a 款 is then the sum of its stated 项 (marked 推算值 in the table below),
# and a stated 款 is used as printed.

# %%
detail = pl.DataFrame()
if chosen and wh.exists("marts.fct_spending_by_function") and wh.exists("marts.dim_function_subject"):
    detail = wh.sql(
        """
        SELECT f.unit_id, coalesce(u.unit_name, f.unit_id) AS unit_name, f.fiscal_year, f.fund_scope,
               f.subject_code, f.subject_level,
               coalesce(s.subject_name, f.subject_name_printed) AS subject_name,
               coalesce(s.section_code, left(f.subject_code, 5)) AS section_code,
               coalesce(k.subject_name, s.section_name) AS section_name,
               f.amount_wan, f.completion_pct, f.is_derived, f.evidence
        FROM marts.fct_spending_by_function f
        LEFT JOIN marts.dim_function_subject s USING (subject_code)
        LEFT JOIN marts.dim_function_subject k ON k.subject_code = left(f.subject_code, 5)
        LEFT JOIN marts.dim_unit u USING (unit_id)
        WHERE f.measure = '决算' AND f.expense_nature = '合计' AND f.subject_code LIKE $prefix || '%'
          AND f.subject_level IN ('款', '项') AND f.amount_wan IS NOT NULL
        ORDER BY f.subject_code, unit_name, f.fiscal_year
        """,
        {"prefix": chosen},
    ).with_columns(
        frames.unit_year(scope="fund_scope"),
        (pl.col("subject_code") + " " + pl.col("subject_name")).alias("subject"),
    )
keys = ["unit_id", "unit_year", "fund_scope", "section_code"]
kuan = pl.DataFrame()
if not detail.is_empty():
    stated_kuan = detail.filter(pl.col("subject_level") == "款").select(
        *keys, "section_name", "amount_wan", pl.lit("披露值").alias("basis")
    )
    summed_kuan = (
        detail.filter(pl.col("subject_level") == "项")
        .group_by(keys)
        .agg(pl.col("section_name").first(), pl.col("amount_wan").sum())
        .with_columns(pl.lit("推算值").alias("basis"))
        .join(stated_kuan.select(keys), on=keys, how="anti")
        .select(stated_kuan.columns)
    )
    kuan = pl.concat([stated_kuan, summed_kuan.cast(stated_kuan.schema)]).with_columns(
        (pl.col("section_code") + " " + pl.coalesce("section_name", pl.lit("未识别款"))).alias("section")
    )
if kuan.is_empty():
    say("选定的类没有款级或项级支出数据。" if chosen else "没有选定的类，无法下钻。")
else:
    data = charts.for_chart(kuan)
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("unit_year:N", title="单位、年度（资金范围）"),
            x=alt.X("amount_wan:Q", title="决算支出（万元）", stack="zero"),
            color=alt.Color("section:N", title="款"),
            opacity=alt.Opacity("basis:N", title="口径", scale=alt.Scale(domain=["披露值", "推算值"], range=[1.0, 0.55])),
        )
        .properties(title=f"{chosen} {chosen_name}：各款决算支出（万元）", width=460)
    )
    draw(chart, f"class_{chosen}_kuan")
    charts.table(
        kuan.sort("section_code", "unit_year").select(
            pl.col("unit_year").alias("单位、年度"),
            pl.col("section").alias("款"),
            pl.col("amount_wan").alias("决算（万元）"),
            pl.col("basis").alias("口径"),
        )
    )

# %% [markdown]
# ## 3. 各项明细
#
# The finest level: every 项 of the chosen 类, bars grouped by unit and year. 完成预算 %
# is shown in the table where the document states it, with the evidence text.

# %%
xiang = detail.filter(pl.col("subject_level") == "项") if not detail.is_empty() else detail
if xiang.is_empty():
    say("选定的类没有项级支出数据。" if chosen else "没有选定的类，无法下钻。")
else:
    data = charts.for_chart(xiang)
    base = alt.Chart(data).encode(
        y=alt.Y("subject:N", title="项", sort=alt.EncodingSortField("amount_wan", op="max", order="descending")),
        yOffset=alt.YOffset("unit_year:N"),
        x=alt.X("amount_wan:Q", title="决算支出（万元）", scale=charts.headroom(data, "amount_wan")),
    )
    bars = base.mark_bar().encode(color=alt.Color("unit_year:N", title="单位、年度（资金范围）"))
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
    draw((bars + text).properties(title=f"{chosen} {chosen_name}：各项决算支出（万元）", width=440), f"class_{chosen}_xiang")
    charts.table(
        xiang.select(
            pl.col("unit_year").alias("单位、年度"),
            pl.col("subject").alias("项"),
            pl.col("amount_wan").alias("决算（万元）"),
            pl.col("completion_pct").alias("完成预算%"),
            pl.col("evidence").alias("原文依据"),
        )
    )

# %%
wh.close()
