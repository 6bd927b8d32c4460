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
# # 数据质量：每份文件的勾稽核对
#
# 一份决算可以自我核对：收入合计等于支出合计，各类之和等于合计，人员经费加公用经费等于基本支出，
# “三公”各项之和等于合计。仓库对每份文件运行这些勾稽规则，把每条结果记入 `marts.fct_dq_findings`：
# 应为数、实为数、差额、允许的四舍五入容差，以及原文依据——写明该数字的句子或表格单元格。本节读取
# 这本台账：哪条未通过、在哪份文件、差多少、原文怎么说。

# %% tags=["parameters"]
db_path = None
units = None
years = None
chart_dir = None

# %% [markdown] tags=["report-skip"]
# Setup: the read-only warehouse session and the chart helpers (see `loaders/present/session.py`
# and `loaders/present/charts.py`). Tables are printed in full, evidence included. `units` and
# `years` choose documents as in compare_units.

# %%
from loaders.present import charts, frames  # first: it keeps altair's import fast
from loaders.present.session import notebook_session

import altair as alt
import polars as pl

pl.Config.set_tbl_rows(200)
pl.Config.set_fmt_str_lengths(200)
pl.Config.set_tbl_hide_dataframe_shape(True)
nb = notebook_session("data_quality", db_path, chart_dir, units=units, years=years)
wh, say, draw = nb.wh, nb.say, nb.draw


STATUS_LABELS = {
    "pass": "通过",
    "fail": "未通过",
    "not_applicable": "不适用",
    "insufficient_data": "数据不足",
}
STATUS_COLORS = ["#54a24b", "#e45756", "#bab0ac", "#eeca3b"]
say(f"数据仓库：`{wh.path}`" + ("" if wh.available else " —— **文件不存在**，没有核对结果。"))

# %% [markdown]
# ## 1. 核对台账
#
# 台账与文件关联，每条结果都写明所属单位、年度和文件。每条规则带有中文说明，以及应为数、实为数和
# 差额的计量单位（万元；pp 为百分点；个为文本中的命中次数）。

# %%
findings = pl.DataFrame()
if wh.exists("marts.fct_dq_findings"):
    has_docs = wh.exists("marts.dim_document")
    findings = wh.sql(
        f"""
        SELECT f.*,
               {"d.file_name, d.fiscal_year, d.unit_name" if has_docs else "f.document_id AS file_name, NULL AS fiscal_year, NULL AS unit_name"}
        FROM marts.fct_dq_findings f
        {"LEFT JOIN marts.dim_document d USING (document_id)" if has_docs else ""}
        {"WHERE list_contains($units, d.unit_id) AND " + nb.selection.sql_years("d.fiscal_year") if has_docs else ""}
        ORDER BY file_name, f.rule_id
        """,
        {"units": nb.unit_ids} if has_docs else None,
    )
if findings.is_empty():
    say("没有核对结果（`marts.fct_dq_findings` 为空或不存在）：先运行 `juesuan load` 和 `juesuan build`。")
else:
    # the rule's Chinese description and the unit of its amounts come from the ledger itself
    # (reference.dq_rules via marts.fct_dq_findings); a warehouse built before they existed
    # shows the rule's English name and no unit
    if "rule_description" not in findings.columns:
        findings = findings.with_columns(
            pl.col("rule_name").alias("rule_description"), pl.lit(None, pl.Utf8).alias("measure_unit")
        )
    findings = findings.with_columns(
        pl.col("status").replace_strict(STATUS_LABELS, default=pl.col("status")).alias("status_label"),
        pl.col("rule_description").alias("rule_text"),
        pl.coalesce(
            pl.col("unit_name") + " " + pl.col("fiscal_year").cast(pl.Utf8) + "年",
            pl.col("file_name"),
        ).alias("document"),
    )
    n_fail = findings.filter(pl.col("status") == "fail").height
    say(
        f"共 {findings['document_id'].n_unique()} 份文件、{findings.height} 条核对结果，"
        f"其中未通过 **{n_fail}** 条。"
    )

# %% [markdown]
# ## 2. 每份文件的核对结果
#
# 每份文件一根柱，按结果分段。“不适用”指文件中没有该规则可核对的内容（例如没有项目表）；“数据不足”
# 指规则需要的某个数字没有提取到，这本身也值得一看。

# %%
if findings.is_empty():
    say("没有可汇总的核对结果。")
else:
    counts = findings.group_by("document", "status_label").len("n")
    chart = (
        alt.Chart(counts)
        .mark_bar()
        .encode(
            y=alt.Y("document:N", title="文件"),
            x=alt.X("n:Q", title="核对规则数（条）", axis=alt.Axis(tickMinStep=1)),
            tooltip=charts.tips({"document:N": "文件", "status_label:N": "结果", "n:Q": "规则数（条）"}, evidence=False),
            color=alt.Color(
                "status_label:N",
                title="结果",
                scale=alt.Scale(domain=list(STATUS_LABELS.values()), range=STATUS_COLORS),
            ),
        )
        .properties(title="各文件勾稽核对结果（条）", width=460)
    )
    draw(chart, "findings_by_document")
    charts.table(
        findings.pivot(on="status_label", index="document", values="rule_id", aggregate_function="len")
        .fill_null(0)
        .rename({"document": "文件"})
    )

# %% [markdown]
# ## 3. 未通过的核对：差多少，原文怎么说
#
# 每条未通过的核对：规则的应为数、文件所载的实为数、差额与四舍五入容差的比较，以及原文依据。差一两分
# 通常是原文四舍五入，更大的差额才是真正的不一致。

# %%
failed = findings.filter(pl.col("status") == "fail") if not findings.is_empty() else findings
if failed.is_empty():
    say("没有未通过的核对。" if not findings.is_empty() else "没有核对结果。")
else:
    for document, rows in failed.group_by("document", maintain_order=True):
        say(f"**{document[0]}**（{rows.height} 条未通过）")
        charts.table(
            rows.select(
                (pl.col("rule_id") + " " + pl.col("rule_text")).alias("规则"),
                pl.col("severity").alias("级别"),
                *([pl.format("{}/{}", "n_failed", "n_checks").alias("未通过/核对数")] if "n_checks" in rows.columns else []),
                pl.col("expected").alias("应为"),
                pl.col("actual").alias("实为"),
                pl.col("difference").alias("差额"),
                pl.col("tolerance").alias("容差"),
                pl.col("measure_unit").alias("单位"),
                pl.col("evidence").alias("原文依据"),
            )
        )

# %% [markdown]
# 同样的未通过核对画成图：每条金额规则的差额绝对值，旁边的黑色刻度是它超出的容差。以百分点或个数
# 计量的规则只列在上表中。

# %%
measured = (
    failed.filter(pl.col("difference").is_not_null() & (pl.col("measure_unit") == "万元"))
    if not failed.is_empty()
    else failed
)
if measured.is_empty():
    say("没有带差额的未通过核对，不作图。")
else:
    data = charts.for_chart(measured).with_columns(
        pl.col("difference").abs().alias("abs_difference"),
        (pl.col("document") + " · " + pl.col("rule_id") + " " + pl.col("rule_text")).alias("row"),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("row:N", title="文件 · 规则"),
        tooltip=charts.tips({"row:N": "文件 · 规则", "expected:Q": "应为", "actual:Q": "实为", "difference:Q": "差额",
                             "tolerance:Q": "容差", "file_name:N": "文件", "evidence:N": "原文依据"}, evidence=False),
    )
    bars = base.mark_bar(color="#e45756").encode(
        x=alt.X("abs_difference:Q", title="差额绝对值（万元）", scale=charts.headroom(data, "abs_difference", 1.3))
    )
    ticks = base.mark_tick(color="black", thickness=2).encode(x="tolerance:Q")
    text = base.mark_text(align="left", dx=4, fontSize=10).encode(
        x="abs_difference:Q", text=alt.Text("abs_difference:Q", format=",.2f")
    )
    draw((bars + ticks + text).properties(title="未通过核对的差额（万元，黑色刻度为容差）", width=420), "failed_differences")

# %% [markdown]
# ## 4. 未能核对的规则
#
# 因缺少数据而无法运行的规则：台账无法担保的提取缺口或披露缺口。

# %%
unchecked = (
    findings.filter(pl.col("status") == "insufficient_data") if not findings.is_empty() else findings
)
if unchecked.is_empty():
    say("所有规则都有足够数据（或没有核对结果）。")
else:
    charts.table(
        unchecked.select(
            pl.col("document").alias("文件"),
            (pl.col("rule_id") + " " + pl.col("rule_text")).alias("规则"),
            pl.col("severity").alias("级别"),
        )
    )
na = findings.filter(pl.col("status") == "not_applicable") if not findings.is_empty() else findings
if not na.is_empty():
    say(
        "不适用（文件中没有可核对内容）的规则："
        + "；".join(
            f"{doc}：" + "、".join(rows["rule_id"].to_list())
            for (doc,), rows in na.group_by("document", maintain_order=True)
        )
        + "。"
    )

# %%
wh.close()
