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
# This notebook sets budget units side by side — by default 米易县集体土地征收补偿安置中心
# and 资阳市土地开发整理中心, the two sample units — across every fiscal year the warehouse
# holds. It reads only the `marts` schema of the DuckDB warehouse, read-only, and every
# amount is in 万元. Values a document states outright are drawn solid; values the warehouse
# *derived* (for example the prior year's total, computed from "与上年相比增加 X 万元") are
# drawn pale, so the reader can always tell a printed number from an inferred one.

# %% [markdown] tags=["report-skip"]
# The parameters below can be overridden by papermill (`-y 'unit_ids: [id1, id2]'`, or
# `-p unit_ids id1,id2`) or by the report builder. `db_path` None means: the `JUESUAN_DB` environment variable, else the
# project's default warehouse. `unit_ids` None means: every unit in `marts.dim_unit`.

# %% tags=["parameters"]
db_path = None
unit_ids = None
chart_dir = None

# %% [markdown] tags=["report-skip"]
# First the shared helpers: the read-only warehouse session (`loaders.notebook_data`), the
# chart theme with a Chinese font, and `draw`, which shows each chart and, when the report
# builder asks for it, saves it as a PNG.

# %%
from loaders import charts  # first: it keeps altair's import fast (see loaders/charts.py)
from loaders.notebook_data import notebook_session
from loaders.vocab.metrics import labels_for

import altair as alt
import polars as pl

nb = notebook_session("compare_units", db_path, chart_dir)
wh, say, draw = nb.wh, nb.say, nb.draw


STATED, DERIVED = charts.BASIS_STATED, charts.BASIS_DERIVED


def basis_bars(base: alt.Chart, field: str, title: str) -> alt.Chart:
    """Bars coloured by `field`; a derived value is pale with a dashed outline in the same colour
    (the 口径 legend shows that style in neutral grey)."""
    return base.mark_bar(strokeWidth=1.5).encode(
        color=alt.Color(field, title=title),
        stroke=alt.Stroke(field, title=title),  # same field and title: one merged colour legend
        **charts.basis_channels(),
    )


METRIC_LABELS = labels_for(  # labels from seeds/metrics.csv
    "total_income_expense",
    "total_income",
    "total_expense",
    "expense_basic",
    "expense_project",
    "basic_personnel",
    "basic_public",
    "office_running_cost",
    "three_public_total",
    "gpb_expense_total",
    "fin_approp_total",
)
say(f"数据仓库：`{wh.path}`" + ("" if wh.available else " —— **文件不存在**，以下各节均无数据。"))

# %% [markdown]
# ## 1. 参与对比的单位
#
# Which units are compared, and which fiscal years the warehouse holds for each. The unit
# list comes from `marts.dim_unit`; years come from the documents loaded for the unit.

# %%
units = pl.DataFrame(schema={"unit_id": pl.Utf8, "unit_name": pl.Utf8})
if wh.exists("marts.dim_unit"):
    units = wh.sql(
        """
        SELECT u.unit_id, coalesce(u.unit_name, '未识别名称的单位 ' || u.unit_id) AS unit_name, u.province, u.city, u.county, u.admin_level,
               string_agg(DISTINCT CAST(d.fiscal_year AS VARCHAR), '、' ORDER BY CAST(d.fiscal_year AS VARCHAR)) AS years
        FROM marts.dim_unit u
        LEFT JOIN marts.dim_document d USING (unit_id)
        WHERE u.unit_id <> '-1'  -- the 未知单位 member
        GROUP BY ALL
        ORDER BY 2
        """
        if wh.exists("marts.dim_document")
        else "SELECT unit_id, coalesce(unit_name, '未识别名称的单位 ' || unit_id) AS unit_name, province, city, county, admin_level FROM marts.dim_unit WHERE unit_id <> '-1' ORDER BY unit_name"
    )
if isinstance(unit_ids, str):  # papermill -p passes a string: "id1,id2"
    unit_ids = [u.strip() for u in unit_ids.split(",") if u.strip()]
if unit_ids:
    units = units.filter(pl.col("unit_id").is_in(list(unit_ids)))
selected = units["unit_id"].to_list()
unit_label = dict(zip(units["unit_id"], units["unit_name"]))

if units.is_empty():
    say("仓库中没有可对比的单位（`marts.dim_unit` 为空或不存在）。以下各节都将没有数据。")
else:
    say(f"共对比 **{len(selected)}** 个单位：" + "、".join(units["unit_name"]) + "。")
    charts.table(units.rename({"unit_id": "单位编号", "unit_name": "单位", "province": "省", "city": "市", "county": "县", "admin_level": "层级", "years": "年度"}, strict=False))


# %% [markdown] tags=["report-skip"]
# A small helper queries a mart for the selected units only and adds a readable unit name
# and the stated/derived label; every later step goes through it.

# %%
def unit_frame(table: str, select: str, where: str = "TRUE") -> pl.DataFrame:
    """Rows of marts.<table> for the selected units, with unit_name (and basis when derived)."""
    if not selected or not wh.exists(f"marts.{table}"):
        return pl.DataFrame()
    frame = wh.sql(
        f"SELECT {select} FROM marts.{table} WHERE list_contains($units, unit_id) AND ({where})",
        {"units": selected},
    )
    frame = frame.with_columns(pl.col("unit_id").replace_strict(unit_label).alias("unit_name"))
    if "is_derived" in frame.columns:
        frame = frame.with_columns(
            pl.when(pl.col("is_derived")).then(pl.lit(DERIVED)).otherwise(pl.lit(STATED)).alias("basis")
        )
    return frame


def one_per_metric(frame: pl.DataFrame) -> pl.DataFrame:
    """fct_budget_totals may state one metric twice (收入总计 and 支出总计 of 收支总计): keep one."""
    if frame.is_empty():
        return frame
    return frame.sort("unit_id", "fiscal_year", "metric", "qualifier").unique(
        subset=["unit_id", "fiscal_year", "metric"], keep="first", maintain_order=True
    )


# %% [markdown]
# ## 2. 收支总计
#
# 收支总计 (total of income or of spending, carry-overs included) is the headline figure of
# every final account. Where a document also says how much it changed against the previous
# year, the warehouse derives the prior year's total, so one document yields two years.

# %%
totals = one_per_metric(
    unit_frame(
        "fct_budget_totals",
        "unit_id, fiscal_year, metric, qualifier, amount_wan, is_derived",
        "metric = 'total_income_expense' AND measure = '决算'",
    )
)
if totals.is_empty():
    say("没有收支总计数据。")
else:
    data = charts.for_chart(totals).with_columns(pl.col("fiscal_year").cast(pl.Utf8).alias("year"))
    base = alt.Chart(data).encode(
        x=alt.X("year:O", title="年度", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("unit_name:N"),
        y=alt.Y("amount_wan:Q", title="金额（万元）"),
    )
    bars = basis_bars(base, "unit_name:N", "单位")
    labels = base.mark_text(dy=-6, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
    draw((bars + labels).properties(title="收支总计（万元）：披露值与推算的上年值", width=520), "total_income_expense")
    derived_n = totals.filter(pl.col("is_derived")).height
    years = "、".join(str(y) for y in sorted(totals["fiscal_year"].unique()))
    say(
        f"覆盖年度：{years}。共 {totals.height} 个单位-年度数值，其中 {derived_n} 个为根据上年比较语句"
        "推算的上年值（浅色、虚线框）。"
    )

# %% [markdown]
# ## 2a. 财政拨款、一般公共预算支出、机关运行经费与“三公”经费
#
# The same stated-or-derived view for the other headline figures a final account compares
# with the year before: 财政拨款收支总计, 一般公共预算财政拨款支出, 机关运行经费 and the
# “三公”经费 total. One panel per figure, each with its own scale; a year appears wherever a
# document states the figure or lets the warehouse derive it.

# %%
KEY_METRICS = ["fin_approp_total", "gpb_expense_total", "office_running_cost", "three_public_total"]
key = one_per_metric(
    unit_frame(
        "fct_budget_totals",
        "unit_id, fiscal_year, metric, qualifier, amount_wan, is_derived",
        f"measure = '决算' AND metric IN ({', '.join(repr(m) for m in KEY_METRICS)})",
    )
)
if key.is_empty():
    say("没有财政拨款、一般公共预算支出、机关运行经费或“三公”经费数据。")
else:
    data = charts.for_chart(key).with_columns(
        pl.col("fiscal_year").cast(pl.Utf8).alias("year"),
        pl.col("metric").replace_strict(METRIC_LABELS, default=pl.col("metric")).alias("metric_label"),
    )
    base = alt.Chart().encode(
        x=alt.X("year:O", title="年度", axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("unit_name:N"),
        y=alt.Y("amount_wan:Q", title="万元"),
    )
    layered = alt.layer(
        basis_bars(base, "unit_name:N", "单位"),
        base.mark_text(dy=-6, fontSize=9).encode(text=alt.Text("amount_wan:Q", format=",.2f")),
        data=data,
    ).properties(width=250, height=190)
    chart = (
        layered.facet(facet=alt.Facet("metric_label:N", title=None, sort=[METRIC_LABELS[m] for m in KEY_METRICS]), columns=2)
        .resolve_scale(y="independent")
        .properties(title="主要指标（万元）：披露值与推算的上年值")
    )
    draw(chart, "key_totals_by_year")
    shown = data.group_by("metric_label").agg(
        pl.col("year").unique().sort().str.join("、").alias("years"), pl.col("is_derived").sum().alias("derived")
    ).sort("metric_label")
    say(
        "；".join(f"{r['metric_label']}：{r['years']} 年（推算 {r['derived']} 个）" for r in shown.iter_rows(named=True))
        + "。"
    )

# %% [markdown]
# ## 3. 收入结构
#
# Where the money comes from: 财政拨款 (general budget or government funds), 事业收入,
# 上级补助 and so on. One stacked bar per unit and year shows the mix.

# %%
income = unit_frame(
    "fct_income_by_source", "unit_id, fiscal_year, income_source, amount_wan", "measure = '决算'"
)
if income.is_empty():
    say("没有收入来源数据。")
else:
    data = charts.for_chart(income).with_columns(
        (pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年").alias("unit_year")
    )
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("unit_year:N", title="单位及年度"),
            x=alt.X("amount_wan:Q", title="收入（万元）", stack="zero"),
            color=alt.Color("income_source:N", title="收入来源"),
        )
        .properties(title="收入结构（万元）", width=480)
    )
    draw(chart, "income_by_source")
    shares = income.group_by("unit_name", "fiscal_year", "income_source").agg(pl.col("amount_wan").sum())
    charts.table(
        shares.sort("unit_name", "fiscal_year", "amount_wan", descending=[False, False, True]).rename(
            {"unit_name": "单位", "fiscal_year": "年度", "income_source": "收入来源", "amount_wan": "金额（万元）"}
        )
    )

# %% [markdown]
# ## 4. 按功能分类（类）的支出
#
# Spending by 功能分类 类 — what the money was spent *on*. Documents report it for all funds
# (支出决算表) or only for the general public budget (一般公共预算财政拨款); for each unit
# and year the broadest scope available is used, and the chart says which.

# %%
class_names = (
    wh.sql("SELECT subject_code AS class_code, subject_name AS class_name FROM marts.dim_function_subject WHERE subject_level = '类'")
    if wh.exists("marts.dim_function_subject")
    else pl.DataFrame(schema={"class_code": pl.Utf8, "class_name": pl.Utf8})
)
by_class = unit_frame(
    "fct_spending_by_class",
    "unit_id, fiscal_year, fund_scope, class_code, amount_wan, is_derived",
    "measure = '决算' AND amount_wan IS NOT NULL",
)
if not by_class.is_empty():
    by_class = by_class.join(class_names, on="class_code", how="left").with_columns(
        pl.coalesce("class_name", pl.lit("未识别科目")).alias("class_name")
    )
if by_class.is_empty():
    say("没有按功能分类（类）的支出数据。")
else:
    scope_rank = {"全部资金": 0, "财政拨款": 1, "一般公共预算财政拨款": 2, "政府性基金": 3, "国有资本经营预算": 4}
    best = (
        by_class.with_columns(pl.col("fund_scope").replace_strict(scope_rank, default=9).alias("rank"))
        .group_by("unit_id", "fiscal_year")
        .agg(pl.col("rank").min())
    )
    by_class = by_class.with_columns(
        pl.col("fund_scope").replace_strict(scope_rank, default=9).alias("rank")
    ).join(best, on=["unit_id", "fiscal_year", "rank"])
    data = charts.for_chart(by_class).with_columns(
        (pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年（" + pl.col("fund_scope") + "）").alias("unit_year"),
        (pl.col("class_code") + " " + pl.col("class_name")).alias("class_label"),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("unit_year:N", title="单位、年度（资金范围）"),
        x=alt.X("amount_wan:Q", title="支出（万元）", stack="zero"),
        order=alt.Order("class_code:N"),
    )
    chart = basis_bars(base, "class_label:N", "功能分类（类）").properties(
        title="按功能分类（类）的支出（万元）", width=460
    )
    draw(chart, "spending_by_class")
    if not by_class["is_derived"].any():
        say("各类支出均为文件所载（披露值）；文件没有按类给出与上年的比较，无法推算上年各类支出。")

# %% [markdown]
# ## 5. 基本支出与项目支出
#
# 基本支出 keeps the unit running (staff and office costs); 项目支出 pays for specific tasks.
# The split says how much of a unit's money is discretionary project work.

# %%
split = one_per_metric(
    unit_frame(
        "fct_budget_totals",
        "unit_id, fiscal_year, metric, qualifier, amount_wan, is_derived",
        "metric IN ('expense_basic', 'expense_project') AND measure = '决算'",
    )
)
if split.is_empty():
    say("没有基本支出/项目支出数据。")
else:
    data = charts.for_chart(split).with_columns(
        pl.col("metric").replace_strict(METRIC_LABELS, default=pl.col("metric")).alias("metric_label"),
        (pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年").alias("unit_year"),
    )
    data = data.with_columns(
        (pl.col("amount_wan") / pl.col("amount_wan").sum().over("unit_year")).alias("share")
    )
    base = alt.Chart(data).encode(
        y=alt.Y("unit_year:N", title="单位及年度"),
        x=alt.X("amount_wan:Q", title="支出（万元）", stack="zero"),
        order=alt.Order("metric:N"),
    )
    bars = basis_bars(base, "metric_label:N", "支出性质")
    text = base.mark_text(dx=-4, align="right", color="white", fontSize=10).encode(
        x=alt.X("amount_wan:Q", stack="zero"), text=alt.Text("share:Q", format=".1%")
    )
    draw((bars + text).properties(title="基本支出与项目支出（万元）", width=480), "basic_vs_project")

# %% [markdown]
# ## 6. 人均人员经费与公用经费
#
# 人员经费 and 公用经费 per head, where the document states a headcount (年末实有人数 or
# 在职人数). Units without a stated headcount are left out rather than guessed.

# %%
costs = one_per_metric(
    unit_frame(
        "fct_budget_totals",
        "unit_id, fiscal_year, metric, qualifier, amount_wan, is_derived",
        "metric IN ('basic_personnel', 'basic_public') AND measure = '决算' AND NOT is_derived",
    )
)
# the denominator is the one headcount per unit-year marked is_per_head_basis in marts.fct_headcount
# (年末实有 > 在职 > 在编; never 编制 posts or 退休 staff)
heads = unit_frame(
    "fct_headcount", "unit_id, fiscal_year, headcount_kind, headcount_name_printed, persons",
    "is_per_head_basis AND measure = '决算'",
)
if costs.is_empty():
    say("没有人员经费/公用经费数据。")
elif heads.is_empty():
    say(
        "仓库中没有人数数据（`marts.fct_headcount` 为空或不存在），无法计算人均经费；"
        "人员经费与公用经费总额见下表。"
    )
    charts.table(
        costs.select(
            pl.col("unit_name").alias("单位"),
            pl.col("fiscal_year").alias("年度"),
            pl.col("metric").replace_strict(METRIC_LABELS, default=pl.col("metric")).alias("指标"),
            pl.col("amount_wan").alias("金额（万元）"),
        )
    )
else:
    head = heads.select("unit_id", "fiscal_year", "headcount_kind", "headcount_name_printed", "persons")
    per_head = charts.for_chart(costs).join(head, on=["unit_id", "fiscal_year"]).with_columns(
        (pl.col("amount_wan") / pl.col("persons")).alias("per_head_wan"),
        pl.col("metric").replace_strict(METRIC_LABELS, default=pl.col("metric")).alias("metric_label"),
        (pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年").alias("unit_year"),
    )
    if per_head.is_empty():
        say("披露人数的单位-年度与有人员/公用经费的单位-年度没有重合，无法计算人均经费。")
    else:
        base = alt.Chart(per_head).encode(
            y=alt.Y("unit_year:N", title="单位及年度"),
            yOffset=alt.YOffset("metric_label:N"),
            x=alt.X("per_head_wan:Q", title="人均金额（万元/人）", scale=charts.headroom(per_head, "per_head_wan")),
        )
        bars = base.mark_bar().encode(color=alt.Color("metric_label:N", title="经费"))
        text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("per_head_wan:Q", format=".2f"))
        draw((bars + text).properties(title="人均人员经费与公用经费（万元/人）", width=460), "cost_per_head")
        charts.table(
            per_head.sort("unit_name", "fiscal_year", "metric").select(
                pl.col("unit_name").alias("单位"),
                pl.col("fiscal_year").alias("年度"),
                pl.col("metric_label").alias("经费"),
                pl.col("amount_wan").alias("金额（万元）"),
                (pl.col("headcount_name_printed") + "（" + pl.col("headcount_kind") + "）").alias("人数口径"),
                pl.col("persons").alias("人数"),
                pl.col("per_head_wan").round(2).alias("人均（万元/人）"),
            )
        )
        missing = sorted(set(costs["unit_name"]) - set(per_head["unit_name"]))
        if missing:
            say("未披露人数、未计入人均的单位：" + "、".join(missing) + "。")

# %% [markdown]
# ## 7. “三公”经费
#
# 因公出国（境）费, 公务用车购置及运行维护费 and 公务接待费 — the three spending lines the
# public watches most. Many small units report zero; a zero is a stated value (not missing),
# and when every unit reports zero a table says so instead of an empty chart.

# %%
three = unit_frame(
    "fct_three_public",
    "unit_id, fiscal_year, item, actual_wan AS amount_wan",
    "actual_wan IS NOT NULL AND item <> '合计'",
)
if three.is_empty():
    say("没有“三公”经费数据。")
elif three.filter(pl.col("amount_wan") != 0).is_empty():
    say("所有单位-年度的“三公”经费各项决算数均为 0 万元（原文所载），不作图；明细如下。")
    charts.table(
        three.sort("unit_name", "fiscal_year", "item").select(
            pl.col("unit_name").alias("单位"),
            pl.col("fiscal_year").alias("年度"),
            pl.col("item").alias("项目"),
            pl.col("amount_wan").alias("决算数（万元）"),
        )
    )
else:
    data = charts.for_chart(three).with_columns(
        (pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年").alias("unit_year")
    )
    base = alt.Chart(data).encode(
        y=alt.Y("item:N", title="项目"),
        yOffset=alt.YOffset("unit_year:N"),
        x=alt.X("amount_wan:Q", title="决算数（万元）", scale=charts.headroom(data, "amount_wan")),
    )
    bars = base.mark_bar().encode(color=alt.Color("unit_year:N", title="单位及年度"))
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("amount_wan:Q", format=",.2f"))
    draw((bars + text).properties(title="“三公”经费决算（万元）", width=420), "three_public")
    zero = data.group_by("unit_year").agg(pl.col("amount_wan").sum()).filter(pl.col("amount_wan") == 0)
    if zero.height:
        say("“三公”经费全部为 0 的单位-年度：" + "、".join(zero["unit_year"].sort()) + "。")

# %% [markdown]
# ## 8. 项目预算执行率
#
# For each project with a budget and an executed amount, the execution rate against the
# 100 % line: bars short of the line are money budgeted but not spent.

# %%
projects = unit_frame(
    "fct_project_execution",
    "unit_id, fiscal_year, project_name, budget_wan, adjusted_budget_wan, executed_wan, execution_rate",
    "project_name IS NOT NULL AND project_name <> '部门整体' AND executed_wan IS NOT NULL",
)
if not projects.is_empty():
    # the stated rate where the document prints one, else executed / (adjusted) budget
    projects = charts.for_chart(projects).with_columns(
        pl.coalesce("adjusted_budget_wan", "budget_wan").alias("base_wan")
    ).with_columns(
        pl.when(pl.col("execution_rate").is_not_null())
        .then(pl.col("execution_rate"))
        .when(pl.col("base_wan") > 0)
        .then(pl.col("executed_wan") / pl.col("base_wan") * 100)
        .alias("rate"),
        pl.when(pl.col("execution_rate").is_not_null()).then(pl.lit(STATED)).otherwise(pl.lit("计算值")).alias("rate_basis"),
    ).filter(pl.col("rate").is_not_null())
if projects.is_empty():
    say("没有可计算执行率的项目数据。")
else:
    data = projects.with_columns(
        (pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年").alias("unit_year")
    )
    bars = (
        alt.Chart(data)
        .mark_bar(strokeWidth=1.5)
        .encode(
            y=alt.Y("project_name:N", title="项目", sort=alt.EncodingSortField("rate", op="max", order="descending")),
            x=alt.X(
                "rate:Q",
                title="预算执行率（%）",
                scale=alt.Scale(domain=[0, max(115.0, float(data["rate"].max()) * 1.12)], nice=False),
            ),
            color=alt.Color("unit_year:N", title="单位及年度"),
            stroke=alt.Stroke("unit_year:N", title="单位及年度"),
            **charts.basis_channels("rate_basis", (STATED, "计算值"), "执行率来源"),
        )
    )
    text = bars.mark_text(align="left", dx=3, fontSize=10, strokeWidth=0).encode(
        text=alt.Text("rate:Q", format=".1f"), color=alt.value("black"), fillOpacity=alt.value(1), strokeDash=alt.value([1, 0])
    )
    rule = alt.Chart(pl.DataFrame({"target": [100.0]})).mark_rule(color="#e45756", strokeDash=[4, 3]).encode(x="target:Q")
    draw((bars + text + rule).properties(title="项目预算执行率（%，红线为 100%）", width=420), "project_execution")
    low = projects.filter(pl.col("rate") < 90)
    say(
        f"共 {projects.height} 个项目，其中 {projects.filter(pl.col('rate_basis') == STATED).height} 个的执行率为原文所载，"
        f"其余由执行数 ÷ 预算数计算；执行率低于 90% 的有 {low.height} 个。"
    )

# %% [markdown]
# ## 9. 同比变化
#
# Year-on-year change of the headline totals, for every unit that has two consecutive years
# (a stated year and the prior year derived from the same document count).

# %%
yoy_source = one_per_metric(
    unit_frame(
        "fct_budget_totals",
        "unit_id, fiscal_year, metric, qualifier, amount_wan, is_derived",
        f"measure = '决算' AND metric IN ({', '.join(repr(m) for m in METRIC_LABELS)})",
    )
)
yoy = pl.DataFrame()
if not yoy_source.is_empty():
    current = charts.for_chart(yoy_source).group_by("unit_id", "unit_name", "metric", "fiscal_year").agg(
        pl.col("amount_wan").first()
    )
    prior = current.select(
        "unit_id", "metric", (pl.col("fiscal_year") + 1).alias("fiscal_year"), pl.col("amount_wan").alias("prior_wan")
    )
    yoy = current.join(prior, on=["unit_id", "metric", "fiscal_year"]).with_columns(
        (pl.col("amount_wan") - pl.col("prior_wan")).alias("change_wan"),
        pl.when(pl.col("prior_wan") != 0)
        .then((pl.col("amount_wan") - pl.col("prior_wan")) / pl.col("prior_wan"))
        .alias("change_pct"),
        pl.col("metric").replace_strict(METRIC_LABELS, default=pl.col("metric")).alias("metric_label"),
    )
if yoy.is_empty():
    say("没有相邻两个年度的数据，无法计算同比变化。")
else:
    data = yoy.with_columns(
        (pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年 · " + pl.col("metric_label")).alias("row"),
        pl.when(pl.col("change_wan") >= 0).then(pl.lit("增加")).otherwise(pl.lit("减少")).alias("direction"),
        pl.format(
            "{}万元（{}）",
            pl.col("change_wan").round(2),
            pl.when(pl.col("change_pct").is_not_null())
            .then((pl.col("change_pct") * 100).round(1).cast(pl.Utf8) + "%")
            .otherwise(pl.lit("—")),
        ).alias("label"),
        pl.max_horizontal(pl.col("change_wan"), pl.lit(0.0)).alias("label_x"),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("row:N", title="单位、年度 · 指标"),
        x=alt.X("change_wan:Q", title="较上年变化（万元）", scale=charts.headroom(data, "change_wan", 1.5)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("direction:N", title="方向", scale=alt.Scale(domain=["增加", "减少"], range=["#54a24b", "#e45756"]))
    )
    # labels start right of the bar, or right of zero for a decrease, never over the axis
    text = base.mark_text(align="left", dx=4, fontSize=10).encode(
        x=alt.X("label_x:Q"), text="label:N"
    )
    draw((bars + text).properties(title="主要指标较上年变化（万元）", width=460), "year_on_year")
    charts.table(
        yoy.sort("unit_name", "fiscal_year", "metric_label").select(
            pl.col("unit_name").alias("单位"),
            pl.col("fiscal_year").alias("年度"),
            pl.col("metric_label").alias("指标"),
            pl.col("prior_wan").alias("上年（万元）"),
            pl.col("amount_wan").alias("本年（万元）"),
            pl.col("change_wan").alias("变化（万元）"),
            (pl.col("change_pct") * 100).round(1).alias("变化率（%）"),
        )
    )

# %% [markdown] tags=["report-skip"]
# Done: the session is closed so the warehouse file is free for the next writer.

# %%
wh.close()
