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
# # 单位对比：收支、结构与执行
#
# 本节把选定的预算单位放在一起比较（默认按本年支出合计从大到小取前几个单位；两个样例单位为
# 米易县集体土地征收补偿安置中心与资阳市土地开发整理中心），覆盖仓库中的每个年度。数据只读取
# DuckDB 数据仓库的 `marts` 层，金额单位均为万元。文件直接披露的数值画成实心柱；仓库**推算**
# 的数值（例如根据“与上年相比增加 X 万元”算出的上年数）画成浅色虚线柱，读者始终能分清印在文件上
# 的数字和推算出来的数字。每张图都不把不同单位或不同年度的数值相加；鼠标悬停可看到原文依据和所在文件。

# %% [markdown] tags=["report-skip"]
# Parameters (papermill `-p name value`, or `juesuan report --units … --years …`): `units` are unit
# names, unique substrings of names, or unit ids, comma-separated or a list; `years` is
# `2021,2023` or `2020-2023`. None means the ranked default subset and every year. `db_path`
# None means `JUESUAN_DB`, else the project's default warehouse.

# %% tags=["parameters"]
db_path = None
units = None
years = None
chart_dir = None

# %% [markdown] tags=["report-skip"]
# Setup: the read-only session (`loaders.present.session`), the chart helpers and the frame helpers.

# %%
from loaders.present import charts, frames  # first: it keeps altair's import fast
from loaders.present.session import notebook_session

import altair as alt
import polars as pl

nb = notebook_session("compare_units", db_path, chart_dir, units=units, years=years)
wh, say, draw = nb.wh, nb.say, nb.draw
STATED, DERIVED = frames.BASIS_STATED, frames.BASIS_DERIVED
METRIC_LABELS = frames.metric_labels()  # metric -> 中文名 (seeds/metrics.csv label_zh)
YOY_METRICS = [
    "total_income_expense", "total_income", "total_expense", "expense_basic", "expense_project", "basic_personnel",
    "basic_public", "office_running_cost", "three_public_total", "gpb_expense_total", "fin_approp_total",
]
TIPS = {"unit_name:N": "单位", "year:O": "年度", "amount_wan:Q": "金额（万元）", "basis:N": "披露/推算"}


def basis_bars(base: alt.Chart, data: pl.DataFrame) -> alt.Chart:
    """Bars coloured by unit (each unit its own stable colour); a derived value is pale with a
    dashed outline (the 口径 legend shows that style). One colour legend: stroke has none."""
    colour = charts.unit_colour(data)
    return base.mark_bar(strokeWidth=1.5).encode(
        color=colour,
        stroke=charts.stroke_like(colour),
        **charts.basis_channels(),
    )


def totals_of(metrics: list[str], derived: bool = True) -> pl.DataFrame:
    """One amount per unit, year and metric from fct_budget_totals (决算), 收入总计 and 支出总计
    of 收支总计 collapsed to one."""
    frame = nb.rows(
        "fct_budget_totals",
        "unit_id, fiscal_year, metric, qualifier, amount_wan, is_derived, evidence",
        f"measure = '决算' AND metric IN ({', '.join(repr(m) for m in metrics)})"
        + ("" if derived else " AND NOT is_derived"),
    )
    if frame.is_empty():
        return frame
    frame = frame.sort("unit_id", "fiscal_year", "metric", "qualifier").unique(
        subset=["unit_id", "fiscal_year", "metric"], keep="first", maintain_order=True
    )
    return frames.with_basis(frame).with_columns(pl.col("fiscal_year").cast(pl.Utf8).alias("year"))


say(f"数据仓库：`{wh.path}`" + ("" if wh.available else " —— **文件不存在**，以下各节均无数据。"))

# %% [markdown]
# ## 1. 参与对比的单位
#
# 参与对比的单位及仓库中每个单位的年度。单位名单来自 `marts.dim_unit`，年度来自该单位已载入的文件。

# %%
chosen = pl.DataFrame()
if nb.unit_ids and wh.exists("marts.dim_document"):
    chosen = wh.sql(
        """
        SELECT u.unit_id, coalesce(u.unit_name, '未识别名称的单位 ' || u.unit_id) AS unit_name, u.province, u.city,
               u.county, u.admin_level,
               string_agg(DISTINCT CAST(d.fiscal_year AS VARCHAR), '、' ORDER BY CAST(d.fiscal_year AS VARCHAR)) AS years
        FROM marts.dim_unit u LEFT JOIN marts.dim_document d USING (unit_id)
        WHERE list_contains($units, u.unit_id)
        GROUP BY ALL ORDER BY 2
        """,
        {"units": nb.unit_ids},
    )
if chosen.is_empty():
    say("仓库中没有可对比的单位（`marts.dim_unit` 为空或不存在）。以下各节都将没有数据。")
else:
    say(f"共对比 **{chosen.height}** 个单位：" + "、".join(chosen["unit_name"]) + "。" + "".join(nb.selection.notes))
    if nb.selection.years:
        say("只看以下年度：" + "、".join(str(y) for y in nb.selection.years) + "。")
    charts.table(frames.labelled(chosen, ["unit_id", "unit_name", "province", "city", "county", "admin_level", "years"]))

# %% [markdown]
# ## 2. 收支总计
#
# 收支总计（收入或支出的总计，含结转结余）是每份决算的首要数字。文件同时说明与上年相比的增减时，
# 仓库据此推算上年总计，于是一份文件给出两个年度。

# %%
totals = totals_of(["total_income_expense"])
if totals.is_empty():
    say(frames.no_data("收支总计"))
else:
    data = charts.for_chart(totals)
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title="年度", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("unit_name:N"),
        y=alt.Y("amount_wan:Q", title="金额（万元）"),
        tooltip=charts.tips(TIPS),
    )
    labels = base.mark_text(dy=-6, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
    draw((basis_bars(base, data) + labels).properties(title="收支总计（万元）：披露值与推算的上年值", width=520),
         "total_income_expense")
    derived_n = totals.filter(pl.col("is_derived")).height
    say(
        f"覆盖年度：{'、'.join(sorted(totals['year'].unique()))}。共 {totals.height} 个单位-年度数值，其中 {derived_n} 个"
        "为根据上年比较语句推算的上年值（浅色、虚线框）。"
    )

# %% [markdown]
# ## 2a. 财政拨款、一般公共预算支出、机关运行经费与“三公”经费
#
# 决算还常与上年比较以下数字：财政拨款收支总计、一般公共预算财政拨款支出、机关运行经费和“三公”
# 经费合计。每个指标一个分图，各用自己的刻度。所有单位、年度均为 0 的分图不画，改用一句话说明。

# %%
KEY_METRICS = ["fin_approp_total", "gpb_expense_total", "office_running_cost", "three_public_total"]
key = totals_of(KEY_METRICS)
if not key.is_empty():
    key = key.with_columns(frames.metric_label())
    key, zero_panels = charts.zero_groups(key, "amount_wan", "metric_label")
if key.is_empty():
    say(frames.no_data("财政拨款、一般公共预算支出、机关运行经费或“三公”经费"))
else:
    data = charts.for_chart(key)
    base = alt.Chart().encode(
        x=alt.X("year:O", title="年度", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("unit_name:N"),
        y=alt.Y("amount_wan:Q", title="万元"),
        tooltip=charts.tips({"metric_label:N": "指标", **TIPS}),
    )
    layered = alt.layer(
        basis_bars(base, data),
        base.mark_text(dy=-6, fontSize=9).encode(text=alt.Text("amount_wan:Q", format=",.2f")),
        data=data,
    ).properties(width=250, height=190)
    order = [METRIC_LABELS[m] for m in KEY_METRICS if METRIC_LABELS[m] in set(data["metric_label"])]
    chart = (
        layered.facet(facet=alt.Facet("metric_label:N", title=None, sort=order), columns=2)
        .resolve_scale(y="independent")
        .properties(title="主要指标（万元）：披露值与推算的上年值")
    )
    draw(chart, "key_totals_by_year")
    shown = data.group_by("metric_label").agg(
        pl.col("year").unique().sort().str.join("、").alias("years"), pl.col("is_derived").sum().alias("derived")
    ).sort("metric_label")
    say("；".join(f"{r['metric_label']}：{r['years']} 年（推算 {r['derived']} 个）" for r in shown.iter_rows(named=True)) + "。")
    if zero_panels:
        say("以下指标在所有单位、年度均为 0 万元（原文所载），不作图：" + "、".join(zero_panels) + "。")

# %% [markdown]
# ## 3. 收入结构
#
# 钱从哪里来：财政拨款（一般公共预算或政府性基金）、事业收入、上级补助等。每个单位、每个年度一根
# 堆叠柱，只在同一单位同一年度内堆叠。

# %%
income = nb.rows("fct_income_by_source", "unit_id, fiscal_year, income_source, amount_wan, evidence", "measure = '决算'")
if income.is_empty():
    say(frames.no_data("收入来源"))
else:
    data = charts.for_chart(income).with_columns(frames.unit_year())
    sources = sorted(data["income_source"].unique())
    from loaders.present.colours import scale_for

    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("unit_year:N", title="单位及年度"),
            x=alt.X("amount_wan:Q", title="收入（万元）", stack="zero"),
            color=alt.Color("income_source:N", title="收入来源", scale=scale_for(((s, s) for s in sources), "income")),
            tooltip=charts.tips({"unit_year:N": "单位及年度", "income_source:N": "收入来源", "amount_wan:Q": "金额（万元）"}),
        )
        .properties(title="收入结构（万元）", width=480)
    )
    draw(chart, "income_by_source")
    charts.table(frames.labelled(
        income.sort("unit_name", "fiscal_year", "amount_wan", descending=[False, False, True]),
        ["unit_name", "fiscal_year", "income_source", "amount_wan"],
    ))

# %% [markdown]
# ## 4. 按功能分类（类）的支出
#
# 按功能分类“类”看钱花在什么上。文件或按全部资金（支出决算表）给出，或只按一般公共预算财政拨款
# 给出；每个单位、年度取可得的最宽资金范围，图中注明。支出合计中没有按类明细的部分（例如政府性
# 基金支出只给了总数）单独说明，不计入图中。

# %%
# the mart's default scope: the broadest fund scope each unit-year's document gives
by_class = nb.rows(
    "fct_spending_by_class_broadest",
    "unit_id, fiscal_year, fund_scope, class_code, amount_wan, is_derived, evidence",
    "measure = '决算' AND amount_wan IS NOT NULL",
)
if not by_class.is_empty() and wh.exists("marts.dim_function_subject"):
    names = wh.sql("SELECT subject_code AS class_code, subject_name AS class_name FROM marts.dim_function_subject WHERE subject_level = '类'")
    by_class = by_class.join(names, on="class_code", how="left").with_columns(
        pl.coalesce("class_name", pl.lit("未识别科目")).alias("class_name"),
    )
if by_class.is_empty():
    say(frames.no_data("按功能分类（类）的支出"))
else:
    data = frames.with_basis(charts.for_chart(by_class)).with_columns(
        frames.unit_year(scope="fund_scope"), (pl.col("class_code") + " " + pl.col("class_name")).alias("class_label")
    )
    colour = charts.class_colour(data)
    chart = (
        alt.Chart(data)
        .mark_bar(strokeWidth=1.5)
        .encode(
            y=alt.Y("unit_year:N", title="单位、年度（资金范围）"),
            x=alt.X("amount_wan:Q", title="支出（万元）", stack="zero"),
            order=alt.Order("class_code:N"),
            color=colour,
            stroke=charts.stroke_like(colour),
            **charts.basis_channels(),
            tooltip=charts.tips({"unit_year:N": "单位、年度", "class_label:N": "类", "amount_wan:Q": "金额（万元）", "basis:N": "披露/推算"}),
        )
        .properties(title="按功能分类（类）的支出（万元）", width=460)
    )
    draw(chart, "spending_by_class")
    # spending the document gives without a 类 breakdown: stated 本年支出合计 minus the 类 shown
    total = totals_of(["total_expense", "gfb_expense_total"], derived=False)
    if not total.is_empty():
        shown = by_class.group_by("unit_id", "unit_name", "fiscal_year").agg(pl.col("amount_wan").sum().alias("classes_wan"))
        wide = total.pivot(on="metric", index=["unit_id", "fiscal_year"], values="amount_wan")
        gap = shown.join(wide, on=["unit_id", "fiscal_year"]).filter(
            pl.col("total_expense").is_not_null() & ((pl.col("total_expense") - pl.col("classes_wan")).abs() > 0.05)
        )
        for r in gap.sort("unit_name", "fiscal_year").iter_rows(named=True):
            fund = r.get("gfb_expense_total")
            say(
                f"注：{r['unit_name']} {r['fiscal_year']}年本年支出合计 {r['total_expense']:,.2f} 万元，图中各类合计 "
                f"{r['classes_wan']:,.2f} 万元，相差 {r['total_expense'] - r['classes_wan']:,.2f} 万元（计算值）没有按类的明细"
                + (f"；文件所载政府性基金预算财政拨款支出为 {fund:,.2f} 万元。" if fund else "。")
            )
    if not by_class["is_derived"].any():
        say("各类支出均为文件所载（披露值）；文件没有按类给出与上年的比较，无法推算上年各类支出。")

# %% [markdown]
# ## 5. 基本支出与项目支出
#
# 基本支出维持单位运转（人员和日常公用），项目支出用于特定任务。两者之比说明单位有多少钱用于项目工作。

# %%
split = totals_of(["expense_basic", "expense_project"])
if split.is_empty():
    say(frames.no_data("基本支出/项目支出"))
else:
    data = charts.for_chart(split).with_columns(frames.metric_label(), frames.unit_year())
    data = data.with_columns((pl.col("amount_wan") / pl.col("amount_wan").sum().over("unit_year")).alias("share"))
    base = alt.Chart(data).encode(
        y=alt.Y("unit_year:N", title="单位及年度"),
        x=alt.X("amount_wan:Q", title="支出（万元）", stack="zero"),
        order=alt.Order("metric:N"),
    )
    nature = alt.Scale(domain=[METRIC_LABELS["expense_basic"], METRIC_LABELS["expense_project"]], range=["#4c78a8", "#f58518"])
    bars = base.mark_bar(strokeWidth=1.5).encode(
        color=alt.Color("metric_label:N", title="支出性质", scale=nature),
        stroke=alt.Stroke("metric_label:N", scale=nature, legend=None),
        tooltip=charts.tips({"unit_year:N": "单位及年度", "metric_label:N": "支出性质", "amount_wan:Q": "金额（万元）", "basis:N": "披露/推算"}),
        **charts.basis_channels(),
    )
    text = base.mark_text(dx=-4, align="right", color="white", fontSize=10).encode(
        x=alt.X("amount_wan:Q", stack="zero"), text=alt.Text("share:Q", format=".1%")
    )
    draw((bars + text).properties(title="基本支出与项目支出（万元）", width=480), "basic_vs_project")

# %% [markdown]
# ## 6. 人均人员经费与公用经费
#
# 文件披露人数（年末实有人数或在职人数）时，按人计算的人员经费与公用经费。没有披露人数的单位不计入，不作猜测。

# %%
costs = totals_of(["basic_personnel", "basic_public"], derived=False)
# marts.fct_cost_per_head divides by the one per-head headcount of fct_headcount (年末实有 > 在职 > 在编)
per_head = nb.rows(
    "fct_cost_per_head",
    "unit_id, fiscal_year, metric, amount_wan, persons, headcount_kind, headcount_name_printed, per_head_wan, "
    "evidence, headcount_evidence",
    "measure = '决算'",
)
if costs.is_empty():
    say(frames.no_data("人员经费/公用经费"))
elif per_head.is_empty():
    say("没有披露人数的单位-年度（`marts.fct_cost_per_head` 为空），无法计算人均经费；人员经费与公用经费总额见下表。")
    charts.table(frames.labelled(costs.with_columns(frames.metric_label()), ["unit_name", "fiscal_year", "metric_label", "amount_wan"]))
else:
    per_head = charts.for_chart(per_head).with_columns(frames.metric_label(), frames.unit_year())
    base = alt.Chart(per_head).encode(
        y=alt.Y("unit_year:N", title="单位及年度"),
        yOffset=alt.YOffset("metric_label:N"),
        x=alt.X("per_head_wan:Q", title="人均金额（万元/人）", scale=charts.headroom(per_head, "per_head_wan")),
        tooltip=charts.tips({"unit_year:N": "单位及年度", "metric_label:N": "经费", "amount_wan:Q": "金额（万元）",
                             "persons:Q": "人数", "per_head_wan:Q": "人均（万元/人）", "headcount_evidence:N": "人数依据"}),
    )
    bars = base.mark_bar().encode(color=alt.Color("metric_label:N", title="经费"))
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("per_head_wan:Q", format=".2f"))
    draw((bars + text).properties(title="人均人员经费与公用经费（万元/人）", width=460), "cost_per_head")
    charts.table(frames.labelled(
        per_head.sort("unit_name", "fiscal_year", "metric").with_columns(
            (pl.col("headcount_name_printed") + "（" + pl.col("headcount_kind") + "）").alias("head_basis"),
            pl.col("per_head_wan").round(2),
        ),
        {"unit_name": "单位", "fiscal_year": "年度", "metric_label": "经费", "amount_wan": "金额（万元）",
         "head_basis": "人数口径", "persons": "人数", "per_head_wan": "人均（万元/人）"},
    ))
    missing = sorted(set(costs["unit_name"]) - set(per_head["unit_name"]))
    if missing:
        say("未披露人数、未计入人均的单位：" + "、".join(missing) + "。")

# %% [markdown]
# ## 7. “三公”经费
#
# 因公出国（境）费、公务用车购置及运行维护费和公务接待费——公众最关注的三项支出。许多小单位为 0；
# 0 是文件所载的数值（不是缺失）。与全报告同一规则：各项全部为 0 的单位-年度不作图，用一句话列出。

# %%
three = nb.rows(
    "fct_three_public", "unit_id, fiscal_year, item, actual_wan AS amount_wan, evidence",
    "actual_wan IS NOT NULL AND item <> '合计'",
)
if three.is_empty():
    say(frames.no_data("“三公”经费"))
else:
    three = three.with_columns(frames.unit_year())
    drawn, zero = charts.zero_groups(three, "amount_wan", "unit_year")
    if drawn.is_empty():
        say("所有单位-年度的“三公”经费各项决算数均为 0 万元（原文所载），不作图；明细如下。")
        charts.table(frames.labelled(three.sort("unit_name", "fiscal_year", "item"),
                                     {"unit_name": "单位", "fiscal_year": "年度", "item": "项目", "amount_wan": "决算数（万元）"}))
    else:
        data = charts.for_chart(drawn)
        base = alt.Chart(data).encode(
            y=alt.Y("item:N", title="项目"),
            yOffset=alt.YOffset("unit_year:N"),
            x=alt.X("amount_wan:Q", title="决算数（万元）", scale=charts.headroom(data, "amount_wan")),
            tooltip=charts.tips({"unit_year:N": "单位及年度", "item:N": "项目", "amount_wan:Q": "决算数（万元）"}),
        )
        bars = base.mark_bar().encode(color=charts.unit_colour(data))
        text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
        draw((bars + text).properties(title="“三公”经费决算（万元）", width=420), "three_public")
        if zero:
            say("“三公”经费各项全部为 0 万元（原文所载）、不作图的单位-年度：" + "、".join(zero) + "。")

# %% [markdown]
# ## 8. 项目预算执行率
#
# 每个同时有预算数和执行数的项目的执行率，红线为 100%：短于红线的部分是已安排但未花出的预算。
# 项目多时只画执行数最大的 30 个。

# %%
TOP_PROJECTS = 30
projects = nb.rows(
    "fct_project_execution",
    "unit_id, fiscal_year, project_name, budget_wan, adjusted_budget_wan, executed_wan, execution_rate, evidence",
    "project_name IS NOT NULL AND project_name <> '部门整体' AND executed_wan IS NOT NULL",
)
if not projects.is_empty():
    # the stated rate where the document prints one, else executed / (adjusted) budget
    projects = charts.for_chart(projects).with_columns(pl.coalesce("adjusted_budget_wan", "budget_wan").alias("base_wan")).with_columns(
        pl.when(pl.col("execution_rate").is_not_null()).then(pl.col("execution_rate"))
        .when(pl.col("base_wan") > 0).then(pl.col("executed_wan") / pl.col("base_wan") * 100).alias("rate"),
        pl.when(pl.col("execution_rate").is_not_null()).then(pl.lit(STATED)).otherwise(pl.lit("计算值")).alias("rate_basis"),
    ).filter(pl.col("rate").is_not_null())
if projects.is_empty():
    say("没有可计算执行率的项目数据。")
else:
    data = projects.sort("executed_wan", descending=True).head(TOP_PROJECTS).with_columns(frames.unit_year())
    colour = charts.unit_colour(data)
    bars = (
        alt.Chart(data)
        .mark_bar(strokeWidth=1.5)
        .encode(
            y=alt.Y("project_name:N", title="项目", sort=alt.EncodingSortField("rate", op="max", order="descending")),
            x=alt.X("rate:Q", title="预算执行率（%）",
                    scale=alt.Scale(domain=[0, max(115.0, float(data["rate"].max()) * 1.12)], nice=False)),
            color=colour,
            stroke=charts.stroke_like(colour),
            **charts.basis_channels("rate_basis", (STATED, "计算值"), "执行率来源"),
            tooltip=charts.tips({"unit_year:N": "单位及年度", "project_name:N": "项目", "base_wan:Q": "预算数（万元）",
                                 "executed_wan:Q": "执行数（万元）", "rate:Q": "执行率（%）", "rate_basis:N": "执行率来源"}),
        )
    )
    text = bars.mark_text(align="left", dx=3, fontSize=10, strokeWidth=0).encode(
        text=alt.Text("rate:Q", format=".1f"), color=alt.value("black"), opacity=alt.value(1), strokeDash=alt.value([1, 0])
    )
    rule = alt.Chart(pl.DataFrame({"target": [100.0]})).mark_rule(color="#e45756", strokeDash=[4, 3]).encode(x="target:Q")
    draw((bars + text + rule).properties(title="项目预算执行率（%，红线为 100%）", width=420), "project_execution")
    low = projects.filter(pl.col("rate") < 90)
    say(
        f"共 {projects.height} 个项目" + (f"（图中为执行数最大的 {TOP_PROJECTS} 个）" if projects.height > TOP_PROJECTS else "")
        + f"，其中 {projects.filter(pl.col('rate_basis') == STATED).height} 个的执行率为原文所载，其余由执行数 ÷ 预算数计算；"
        f"执行率低于 90% 的有 {low.height} 个。"
    )

# %% [markdown]
# ## 9. 同比变化
#
# 主要指标较上年的变化，只比较同一单位相邻两个年度（文件所载的本年数与根据同一文件推算的上年数）。

# %%
# marts.fct_year_on_year pairs each value with the same unit's value for the year before
yoy = nb.rows(
    "fct_year_on_year",
    "unit_id, fiscal_year, metric, amount_wan, prior_wan, change_wan, change_pct, evidence",
    f"measure = '决算' AND metric IN ({', '.join(repr(m) for m in YOY_METRICS)})",
)
if not yoy.is_empty():
    yoy = charts.for_chart(yoy).with_columns(frames.metric_label())
if yoy.is_empty():
    say("没有相邻两个年度的数据，无法计算同比变化。")
else:
    data = yoy.with_columns(
        (frames.unit_year(alias="uy") + " · " + pl.col("metric_label")).alias("row"),
        pl.when(pl.col("change_wan") >= 0).then(pl.lit("增加")).otherwise(pl.lit("减少")).alias("direction"),
        pl.format("{}万元（{}）", pl.col("change_wan").round(2),
                  pl.when(pl.col("change_pct").is_not_null()).then(pl.col("change_pct").round(1).cast(pl.Utf8) + "%")
                  .otherwise(pl.lit("—"))).alias("label"),
        pl.max_horizontal(pl.col("change_wan"), pl.lit(0.0)).alias("label_x"),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("row:N", title="单位、年度 · 指标"),
        x=alt.X("change_wan:Q", title="较上年变化（万元）", scale=charts.headroom(data, "change_wan", 1.5)),
        tooltip=charts.tips({"row:N": "单位、年度 · 指标", "prior_wan:Q": "上年（万元）", "amount_wan:Q": "本年（万元）",
                             "change_wan:Q": "变化（万元）"}),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("direction:N", title="方向", scale=alt.Scale(domain=["增加", "减少"], range=["#54a24b", "#e45756"]))
    )
    text = base.mark_text(align="left", dx=4, fontSize=10).encode(x=alt.X("label_x:Q"), text="label:N")
    draw((bars + text).properties(title="主要指标较上年变化（万元）", width=460), "year_on_year")
    charts.table(frames.labelled(
        yoy.sort("unit_name", "fiscal_year", "metric_label").with_columns(pl.col("change_pct").round(1)),
        {"unit_name": "单位", "fiscal_year": "年度", "metric_label": "指标", "prior_wan": "上年（万元）",
         "amount_wan": "本年（万元）", "change_wan": "变化（万元）", "change_pct": "变化率（%）"},
    ))

# %% [markdown] tags=["report-skip"]
# Done: the session is closed so the warehouse file is free for the next writer.

# %%
wh.close()
