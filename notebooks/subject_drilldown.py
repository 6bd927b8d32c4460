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
# 政府收支分类的功能分类是三级树：类（如 220 自然资源海洋气象等支出）、款（22001 自然资源事务）和项
# （2200150 事业运行）。本节选取一个类——默认取单个单位、单个年度中支出最大的类——把它展开到款和项，
# 逐个单位、逐个年度地看钱落在哪些科目上。不同单位、不同年度的数值从不相加。

# %% [markdown] tags=["report-skip"]
# Parameters: `class_code` is a 3-digit 类 code such as `"220"`; None picks the largest. `units` and
# `years` as in compare_units (names, unique substrings or ids; `2021,2023` or `2020-2023`).

# %% tags=["parameters"]
db_path = None
class_code = None
units = None
years = None
chart_dir = None

# %% [markdown] tags=["report-skip"]
# Setup: the read-only warehouse session and the chart helpers.

# %%
from loaders.present import charts, frames  # first: it keeps altair's import fast
from loaders.present.session import notebook_session

import altair as alt
import polars as pl

nb = notebook_session("subject_drilldown", db_path, chart_dir, units=units, years=years)
wh, say, draw = nb.wh, nb.say, nb.draw
say(f"数据仓库：`{wh.path}`" + ("" if wh.available else " —— **文件不存在**，没有可下钻的数据。"))

# %% [markdown]
# ## 1. 各单位、各年度的类支出，选定要下钻的类
#
# 每个单位、每个年度按类的决算支出（取该单位该年度可得的最宽资金范围），每根柱是一个单位一个年度，
# 不做跨单位或跨年度的加总。选定的类用粗黑边标出。

# %%
classes = nb.rows(  # the mart's default scope: the broadest fund scope of each unit-year
    "fct_spending_by_class_broadest", "unit_id, fiscal_year, fund_scope, class_code, amount_wan, evidence",
    "measure = '决算' AND amount_wan IS NOT NULL",
)
if not classes.is_empty() and wh.exists("marts.dim_function_subject"):
    names = wh.sql("SELECT subject_code AS class_code, subject_name AS class_name FROM marts.dim_function_subject WHERE subject_level = '类'")
    classes = classes.join(names, on="class_code", how="left").with_columns(
        pl.coalesce("class_name", pl.lit("未识别科目")).alias("class_name")
    )
if classes.is_empty():
    chosen = str(class_code) if class_code else None
    chosen_name = chosen
    say("没有按类汇总的支出数据（`marts.fct_spending_by_class_broadest` 为空或不存在）。")
else:
    largest = classes.sort("amount_wan", "class_code", descending=[True, False])
    chosen = str(class_code) if class_code else largest["class_code"][0]
    chosen_name = dict(zip(classes["class_code"], classes["class_name"])).get(chosen, chosen)
    data = charts.for_chart(classes).with_columns(
        (pl.col("class_code") + " " + pl.col("class_name")).alias("label"),
        frames.unit_year(scope="fund_scope"),
        (pl.col("class_code") == chosen).alias("is_chosen"),
    )
    order = data.group_by("label").agg(pl.col("amount_wan").max()).sort("amount_wan", descending=True)["label"].to_list()
    base = alt.Chart(data).encode(
        y=alt.Y("label:N", title="功能分类（类）", sort=order),
        yOffset=alt.YOffset("unit_year:N"),
        x=alt.X("amount_wan:Q", title="决算支出（万元）", scale=charts.headroom(data, "amount_wan")),
        tooltip=charts.tips({"unit_year:N": "单位、年度（资金范围）", "label:N": "类", "amount_wan:Q": "决算支出（万元）"}),
    )
    bars = base.mark_bar().encode(
        color=charts.unit_colour(data),
        strokeWidth=alt.condition("datum.is_chosen", alt.value(2), alt.value(0)),
        stroke=alt.value("black"),
    )
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
    draw((bars + text).properties(title="各单位、各年度的功能分类（类）决算支出（万元）", width=460), "class_totals")
    say(f"下钻的类：**{chosen} {chosen_name}**" + ("（参数指定）。" if class_code else "（单个单位单个年度中支出最大的类）。"))

# %% [markdown]
# ## 2. 类下各款：按单位和年度
#
# 选定的类按单位、年度和资金范围展开到款。许多文件只列类和项；此时款为其所列各项之和（下表标为
# 推算值），文件列出的款按原文使用。

# %%
detail = pl.DataFrame()
if chosen and wh.exists("marts.dim_function_subject"):
    detail = nb.rows(
        "fct_spending_by_function",
        "unit_id, fiscal_year, fund_scope, subject_code, subject_level, subject_name_printed, amount_wan, completion_pct, evidence",
        f"measure = '决算' AND expense_nature = '合计' AND subject_code LIKE '{int(chosen):03d}%' "
        "AND subject_level IN ('款', '项') AND amount_wan IS NOT NULL",
    )
if not detail.is_empty():
    names = wh.sql("SELECT subject_code, subject_name, section_code, section_name FROM marts.dim_function_subject")
    kuan_names = names.select(pl.col("subject_code").alias("section_code"), pl.col("subject_name").alias("kuan_name"))
    detail = (
        detail.join(names, on="subject_code", how="left")
        .with_columns(pl.coalesce("section_code", pl.col("subject_code").str.slice(0, 5)).alias("section_code"))
        .join(kuan_names, on="section_code", how="left")
        .with_columns(
            pl.coalesce("subject_name", "subject_name_printed").alias("subject_name"),
            pl.coalesce("kuan_name", "section_name").alias("section_name"),
            frames.unit_year(scope="fund_scope"),
        )
        .with_columns((pl.col("subject_code") + " " + pl.col("subject_name")).alias("subject"))
        .sort("subject_code", "unit_name", "fiscal_year")
    )
keys = ["unit_id", "unit_name", "unit_year", "fund_scope", "section_code"]
kuan = pl.DataFrame()
if not detail.is_empty():
    stated_kuan = detail.filter(pl.col("subject_level") == "款").select(
        *keys, "section_name", "amount_wan", "evidence", "file_name", pl.lit(frames.BASIS_STATED).alias("basis")
    )
    summed_kuan = (
        detail.filter(pl.col("subject_level") == "项")
        .group_by(keys)
        .agg(pl.col("section_name").first(), pl.col("amount_wan").sum(), pl.lit("各项之和").alias("evidence"),
             pl.col("file_name").first())
        .with_columns(pl.lit(frames.BASIS_DERIVED).alias("basis"))
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
            **charts.basis_channels(),
            tooltip=charts.tips({"unit_year:N": "单位、年度", "section:N": "款", "amount_wan:Q": "决算（万元）", "basis:N": "披露/推算"}),
        )
        .properties(title=f"{chosen} {chosen_name}：各款决算支出（万元）", width=460)
    )
    draw(chart, f"class_{chosen}_kuan")
    charts.table(frames.labelled(kuan.sort("section_code", "unit_year"),
                                 {"unit_year": "单位、年度", "section": "款", "amount_wan": "决算（万元）", "basis": "披露/推算"}))

# %% [markdown]
# ## 3. 各项明细
#
# 最细一级：选定类的每一项，按单位和年度分组。文件列出完成预算百分比时，表中一并列出，并附原文依据。

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
        tooltip=charts.tips({"unit_year:N": "单位、年度", "subject:N": "项", "amount_wan:Q": "决算（万元）"}),
    )
    bars = base.mark_bar().encode(color=charts.unit_colour(data))
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
    draw((bars + text).properties(title=f"{chosen} {chosen_name}：各项决算支出（万元）", width=440), f"class_{chosen}_xiang")
    charts.table(frames.labelled(xiang, {"unit_year": "单位、年度", "subject": "项", "amount_wan": "决算（万元）",
                                         "completion_pct": "完成预算%", "evidence": "原文依据"}))

# %%
wh.close()
