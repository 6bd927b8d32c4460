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
# A final account checks itself: 收入合计 equals 支出合计, the 类 add up to the total, 人员经费
# plus 公用经费 make 基本支出, the "三公" items add up to their total. The warehouse runs these
# reconciliation rules on every document and records each result in `marts.fct_dq_findings`
# with the expected and actual value, the difference, the tolerance allowed for rounding, and
# the evidence — the sentence or table cell that states the number. This notebook reads that
# ledger: what failed, in which document, by how much, and where the document says so.

# %% tags=["parameters"]
db_path = None
chart_dir = None

# %% [markdown] tags=["report-skip"]
# Setup: the read-only warehouse session and the chart helpers (see `loaders/present/session.py`
# and `loaders/present/charts.py`). Tables are printed in full, evidence included.

# %%
from loaders.present import charts, frames  # first: it keeps altair's import fast
from loaders.present.session import notebook_session

import altair as alt
import polars as pl

pl.Config.set_tbl_rows(200)
pl.Config.set_fmt_str_lengths(200)
pl.Config.set_tbl_hide_dataframe_shape(True)
nb = notebook_session("data_quality", db_path, chart_dir)
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
# The ledger joined to its documents, so each finding names the unit, year and file it is
# about. Each rule carries its Chinese description and the unit its expected / actual /
# difference are measured in (万元; pp = 百分点; 个 = hits in the text).

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
        ORDER BY file_name, f.rule_id
        """
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
# One bar per document, split by outcome. 不适用 means the document has nothing the rule
# could check (for example no project table); 数据不足 means a number the rule needs was not
# extracted, which is itself worth a look.

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
# Each failure with the amount the rule expected, the amount the document states, the
# difference against the rounding tolerance, and the evidence sentence or cell. A difference
# of a cent or two is usually rounding in the source; larger ones are real inconsistencies.

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
# The same failures as a chart: the absolute difference of each failed money rule next to
# the tolerance it exceeded (the black tick). Rules measured in percentage points or counts
# are in the table above only.

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
    base = alt.Chart(data).encode(y=alt.Y("row:N", title="文件 · 规则"))
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
# Rules that could not run for lack of data: the gaps in extraction or disclosure that the
# ledger cannot vouch for.

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
