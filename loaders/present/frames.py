"""The frame helpers every notebook used to repeat: unit-year labels, Chinese column labels, the
stated/derived label, metric labels, and the one sentence for "no data".

Notebooks tell the story; the expressions that turn mart rows into labelled frames live here, once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Mapping

import polars as pl

__all__ = [
    "BASIS_STATED",
    "BASIS_DERIVED",
    "COLUMN_LABELS",
    "unit_year",
    "with_basis",
    "labelled",
    "metric_labels",
    "metric_label",
    "no_data",
]

BASIS_STATED, BASIS_DERIVED = "披露值", "推算值"

# Chinese headers of the columns the marts share; a notebook passes its own labels for the rest
COLUMN_LABELS: dict[str, str] = {
    "unit_id": "单位编号",
    "unit_name": "单位",
    "fiscal_year": "年度",
    "unit_year": "单位及年度",
    "fund_scope": "资金范围",
    "measure": "口径",
    "metric_label": "指标",
    "amount_wan": "金额（万元）",
    "basis": "披露/推算",
    "class_label": "功能分类（类）",
    "income_source": "收入来源",
    "item": "项目",
    "evidence": "原文依据",
    "document_id": "文件编号",
    "file_name": "文件",
    "page": "页码",
    "line": "行号",
    "province": "省",
    "city": "市",
    "county": "县",
    "admin_level": "层级",
    "years": "年度",
}

def unit_year(
    unit: str = "unit_name", year: str = "fiscal_year", scope: str | None = None, alias: str = "unit_year"
) -> pl.Expr:
    """'米易县… 2023年', or with a fund scope column '米易县… 2023年（全部资金）'."""
    expr = pl.col(unit) + pl.lit(" ") + pl.col(year).cast(pl.Utf8) + pl.lit("年")
    if scope:
        expr = expr + pl.lit("（") + pl.col(scope) + pl.lit("）")
    return expr.alias(alias)


def with_basis(frame: pl.DataFrame, flag: str = "is_derived", alias: str = "basis") -> pl.DataFrame:
    """Add the 披露值/推算值 label from the derived flag (unchanged when there is no flag)."""
    if flag not in frame.columns:
        return frame
    return frame.with_columns(
        pl.when(pl.col(flag)).then(pl.lit(BASIS_DERIVED)).otherwise(pl.lit(BASIS_STATED)).alias(alias)
    )


def labelled(
    frame: pl.DataFrame, columns: Iterable[str] | Mapping[str, str], labels: Mapping[str, str] | None = None
) -> pl.DataFrame:
    """The given columns in order, headed in Chinese: a mapping gives its own header, a plain
    name takes COLUMN_LABELS (then `labels`). Missing columns are skipped."""
    pairs = columns.items() if isinstance(columns, Mapping) else ((c, None) for c in columns)
    known = {**COLUMN_LABELS, **(labels or {})}
    chosen = [(c, h or known.get(c, c)) for c, h in pairs if c in frame.columns]
    return frame.select(pl.col(c).alias(h) for c, h in chosen)


@lru_cache(maxsize=1)
def metric_labels() -> dict[str, str]:
    """metric -> Chinese label, from seeds/metrics.csv (label_zh): the one home of metric labels."""
    from loaders.vocab import read_seed

    return {r["metric"]: r["label_zh"] for r in read_seed("metrics") if r.get("label_zh")}


def metric_label(column: str = "metric", alias: str = "metric_label") -> pl.Expr:
    return pl.col(column).replace_strict(metric_labels(), default=pl.col(column)).alias(alias)


def no_data(what: str, hint: str = "") -> str:
    """The one sentence a section says when it has nothing to show."""
    return f"没有{what}数据。" + hint
