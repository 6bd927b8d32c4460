"""Excel and open data out of the warehouse (read-only).

    write_result(columns, rows, path|stream, kind, bom)   a query result as CSV or xlsx
    export_unit(con, unit, path)   one unit's standard tables, one sheet per table and year, with
                                   the evidence columns (openpyxl workbook)
    export_all(con, directory)     a versioned dump of every mart as Parquet and CSV, with a
                                   manifest (row counts) and the codebook

Money stays exact: Decimal values go to xlsx as numbers written from their decimal text, to CSV
as their decimal text, and to Parquet as DECIMAL.
"""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Sequence

__all__ = ["UNIT_TABLES", "write_result", "export_unit", "export_all", "ExportError"]


class ExportError(RuntimeError):
    """The export cannot be written (no marts, unknown unit, target exists)."""


@dataclass(frozen=True)
class UnitTable:
    mart: str
    title: str  # sheet title prefix (Chinese)
    columns: str  # SELECT list (evidence and document columns included)
    order: str


# a unit's standard tables, as the marts hold them; evidence and document columns on every sheet
UNIT_TABLES: tuple[UnitTable, ...] = (
    UnitTable("fct_budget_totals", "收支总计", "measure AS 口径, metric AS 指标, fund_scope AS 资金范围, qualifier AS 限定, "
              "amount_wan AS 金额万元, is_derived AS 推算, derivation_method AS 推算方法", "metric, qualifier"),
    UnitTable("fct_income_by_source", "收入来源", "measure AS 口径, income_source AS 收入来源, amount_wan AS 金额万元",
              "income_source"),
    UnitTable("fct_spending_by_function", "功能分类支出", "measure AS 口径, fund_scope AS 资金范围, subject_code AS 科目编码, "
              "subject_level AS 级次, subject_name_printed AS 科目名称, expense_nature AS 支出性质, amount_wan AS 金额万元, "
              "completion_pct AS 完成预算百分比, is_derived AS 推算", "fund_scope, subject_code, expense_nature"),
    UnitTable("fct_spending_by_economic", "经济分类支出", "*", "1"),
    UnitTable("fct_three_public", "三公经费", "measure AS 口径, item AS 项目, actual_wan AS 决算数万元, budget_wan AS 预算数万元, "
              "completion_pct AS 完成预算百分比", "item"),
    UnitTable("fct_three_public_counts", "三公数量", "measure AS 口径, three_public_item_name AS 项目, count_name AS 数量名称, "
              "count_value AS 数量, count_unit AS 数量单位", "three_public_item_name, count_name"),
    UnitTable("fct_project_execution", "项目执行", "project_name AS 项目, budget_wan AS 预算数万元, adjusted_budget_wan AS 调整预算数万元, "
              "executed_wan AS 执行数万元, execution_rate AS 执行率, source AS 来源", "project_name"),
    UnitTable("fct_headcount", "人员情况", "measure AS 口径, headcount_kind AS 人数口径, headcount_name_printed AS 原文口径, "
              "persons AS 人数, is_per_head_basis AS 人均分母", "headcount_kind"),
)
_LINEAGE = ("document_id", "evidence")


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "、".join(str(v) for v in value)
    return value


def _csv_text(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return _cell(value)


def write_result(columns: Sequence[str], rows: Sequence[Sequence[Any]], target: str | Path | IO[str] | None,
                 kind: str = "csv", bom: bool = False) -> None:
    """A query result as CSV (stdout when target is None; UTF-8, with a BOM for Excel when asked)
    or as an xlsx workbook with one sheet."""
    if kind == "xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "结果"
        ws.append(list(columns))
        for row in rows:
            ws.append([_cell(v) for v in row])
        ws.freeze_panes = "A2"
        wb.save(str(target))
        return
    if target is None or hasattr(target, "write"):
        stream: IO[str] = target if target is not None else sys.stdout  # type: ignore[assignment]
        _write_csv(stream, columns, rows, bom)
        return
    with open(target, "w", encoding="utf-8", newline="") as fh:
        _write_csv(fh, columns, rows, bom)


def _write_csv(stream: IO[str], columns: Sequence[str], rows: Sequence[Sequence[Any]], bom: bool) -> None:
    if bom:
        stream.write("\ufeff")
    w = csv.writer(stream, lineterminator="\n")
    w.writerow(columns)
    w.writerows([[_csv_text(v) for v in r] for r in rows])


def _tables(con: Any) -> set[str]:
    return {n for (n,) in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'marts'").fetchall()}


def export_unit(con: Any, unit: str, path: str | Path) -> dict[str, int]:
    """Write one unit's standard tables (one sheet per table and year) to an xlsx workbook;
    returns sheet -> rows. `unit` is a name, unique substring or id."""
    from openpyxl import Workbook

    from loaders.present.selection import resolve_units

    marts = _tables(con)
    if "dim_unit" not in marts:
        raise ExportError("the marts are not built yet: run `juesuan build`")
    candidates = [(r[0], r[1]) for r in con.execute(
        "SELECT unit_id, coalesce(unit_name, unit_id) FROM marts.dim_unit WHERE unit_id <> '-1' ORDER BY 2").fetchall()]
    ((unit_id, unit_name),) = resolve_units(candidates, [unit])
    wb = Workbook()
    about = wb.active
    about.title = "说明"
    about.append(["单位", unit_name])
    about.append(["单位编号", unit_id])
    about.append(["导出时间", datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")])
    about.append(["金额单位", "万元；原文依据为文件原文中载明该数字的文字；文件编号为所载文件的 sha256"])
    counts: dict[str, int] = {}
    for table in UNIT_TABLES:
        if table.mart not in marts:
            continue
        cols = [c for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'marts' AND table_name = ?",
            [table.mart]).fetchall()]
        lineage = ", ".join(
            [f"t.{c} AS {label}" for c, label in (("document_id", "文件编号"), ("page", "页码"), ("line_no", "行号"), ("evidence", "原文依据"))
             if c in cols and not (table.columns == "*" and c in ("page", "line_no"))]
            + (["d.file_name AS 文件"] if "document_id" in cols else [])
        )
        select = table.columns if table.columns != "*" else "t.* EXCLUDE (unit_id, fiscal_year" + (
            ", document_id, evidence)" if all(c in cols for c in _LINEAGE) else ")")
        join = "LEFT JOIN marts.dim_document d ON d.document_id = t.document_id" if "document_id" in cols else ""
        years = [y for (y,) in con.execute(
            f"SELECT DISTINCT fiscal_year FROM marts.{table.mart} WHERE unit_id = ? ORDER BY 1", [unit_id]).fetchall()]
        for year in years:
            rel = con.execute(
                f"SELECT {select}{', ' + lineage if lineage else ''} FROM marts.{table.mart} t {join} "
                f"WHERE t.unit_id = ? AND t.fiscal_year IS NOT DISTINCT FROM ? ORDER BY {table.order}",
                [unit_id, year],
            )
            header = [d[0] for d in rel.description]
            rows = rel.fetchall()
            sheet = wb.create_sheet(f"{year}年{table.title}"[:31])
            sheet.append(header)
            for row in rows:
                sheet.append([_cell(v) for v in row])
            sheet.freeze_panes = "A2"
            counts[sheet.title] = len(rows)
    wb.save(str(path))
    return counts


def export_all(con: Any, directory: str | Path, codebook: str | None = None) -> Path:
    """A versioned dump of every mart: <directory>/juesuan-marts-<UTC stamp>/{parquet,csv}/<mart>.*,
    manifest.json (version, time, row counts) and CODEBOOK.md. Returns the dump folder."""
    from importlib.metadata import PackageNotFoundError, version

    marts = sorted(_tables(con))
    if not marts:
        raise ExportError("the marts are not built yet: run `juesuan build`")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = Path(directory) / f"juesuan-marts-{stamp}"
    if target.exists():
        raise ExportError(f"{target} exists")
    (target / "parquet").mkdir(parents=True)
    (target / "csv").mkdir()
    counts: dict[str, int] = {}
    for mart in marts:
        counts[mart] = con.execute(f"SELECT count(*) FROM marts.{mart}").fetchall()[0][0]
        pq = str(target / "parquet" / f"{mart}.parquet").replace("'", "''")
        cs = str(target / "csv" / f"{mart}.csv").replace("'", "''")
        con.execute(f"COPY (SELECT * FROM marts.{mart}) TO '{pq}' (FORMAT parquet)")
        con.execute(f"COPY (SELECT * FROM marts.{mart}) TO '{cs}' (FORMAT csv, HEADER)")
    try:
        pkg_version = version("juesuan")
    except PackageNotFoundError:
        pkg_version = "unknown"
    manifest = {"dataset": "juesuan marts", "version": stamp, "juesuan_version": pkg_version,
                "created_utc": stamp, "row_counts": counts,
                "formats": {"parquet": "parquet/<mart>.parquet", "csv": "csv/<mart>.csv (UTF-8, header)"}}
    (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    if codebook is None:
        from loaders.present.codebook import codebook_markdown

        codebook = codebook_markdown()
    (target / "CODEBOOK.md").write_text(codebook, encoding="utf-8")
    return target
