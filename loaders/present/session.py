"""The notebooks' one door to the warehouse: open it read-only, run SQL, get polars frames.

Notebooks never write. The path comes from an explicit argument (a papermill parameter),
else JUESUAN_DB, else the project default (loaders.config.warehouse_path). When the store's
`connect_readonly` exists it is used (it retries while a writer publishes a new snapshot);
otherwise a plain read-only DuckDB connection is opened.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import duckdb
import polars as pl

from loaders.config import warehouse_path

__all__ = ["NotebookSession", "Warehouse", "notebook_session", "open_warehouse", "resolve_path"]


def resolve_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The warehouse file the notebook should read."""
    return warehouse_path(explicit)


def _connect(path: Path) -> duckdb.DuckDBPyConnection:
    try:
        from loaders.store.warehouse import connect_readonly  # type: ignore[import-not-found]
    except ImportError:
        return duckdb.connect(str(path), read_only=True)
    return connect_readonly(path, retries=40)


@dataclass
class Warehouse:
    """A read-only session on one warehouse snapshot. `con` is None when the file is absent."""

    path: Path
    con: duckdb.DuckDBPyConnection | None = None
    _tables: frozenset[str] = field(default_factory=frozenset)

    @property
    def available(self) -> bool:
        return self.con is not None

    def exists(self, table: str) -> bool:
        """True when `schema.table` (e.g. 'marts.fct_dq_findings') is in the warehouse."""
        return table.lower() in self._tables

    def columns(self, table: str) -> list[str]:
        if not self.exists(table):
            return []
        schema, name = table.split(".", 1)
        rows = self.sql(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position",
            [schema, name],
        )
        return rows["column_name"].to_list()

    def sql(self, query: str, params: Sequence[Any] | dict[str, Any] | None = None) -> pl.DataFrame:
        """Run one query and return its result as a polars frame (DECIMAL stays Decimal)."""
        if self.con is None:
            raise FileNotFoundError(f"no warehouse at {self.path}")
        return self.con.sql(query, params=params).pl()

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def __enter__(self) -> "Warehouse":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_warehouse(path: str | os.PathLike[str] | None = None) -> Warehouse:
    """Open the warehouse read-only; a missing file gives a Warehouse with available=False."""
    resolved = resolve_path(path)
    if not resolved.is_file():
        return Warehouse(path=resolved)
    con = _connect(resolved)
    names = con.sql(
        "SELECT lower(table_schema || '.' || table_name) FROM information_schema.tables"
    ).fetchall()
    return Warehouse(path=resolved, con=con, _tables=frozenset(n for (n,) in names))


@dataclass
class NotebookSession:
    """What every notebook sets up first: the read-only warehouse, the chosen units and years
    (loaders.present.selection), ``say`` for a sentence of Markdown, ``draw`` to show a chart
    (and save its PNG when the report asks) and ``rows`` to read a mart for the chosen units."""

    wh: Warehouse
    prefix: str
    chart_dir: str | None = None
    selection: Any = None

    def say(self, text: str) -> None:
        from IPython.display import Markdown, display

        display(Markdown(text))

    def draw(self, chart: Any, name: str) -> None:
        from loaders.present import charts

        charts.show(chart, name, self.chart_dir, prefix=self.prefix)

    @property
    def unit_ids(self) -> list[str]:
        return list(self.selection.unit_ids) if self.selection else []

    def rows(self, table: str, select: str, where: str = "TRUE") -> pl.DataFrame:
        """Rows of marts.<table> for the chosen units and years, with unit_name and the
        document's file_name (for tooltips); an empty frame when nothing is chosen or built.
        `select` must include unit_id."""
        if not self.unit_ids or not self.wh.exists(f"marts.{table}"):
            return pl.DataFrame()
        has_doc = "document_id" in self.wh.columns(f"marts.{table}") and self.wh.exists("marts.dim_document")
        years = self.selection.sql_years("fiscal_year")
        return self.wh.sql(
            f"""
            WITH t AS (
                SELECT {select}{", document_id AS _doc" if has_doc else ""} FROM marts.{table}
                WHERE list_contains($units, unit_id) AND {years} AND ({where})
            )
            SELECT t.*{" EXCLUDE (_doc)" if has_doc else ""}, coalesce(u.unit_name, t.unit_id) AS unit_name,
                   {"d.file_name" if has_doc else "NULL::VARCHAR AS file_name"}
            FROM t LEFT JOIN marts.dim_unit u ON u.unit_id = t.unit_id
            {"LEFT JOIN marts.dim_document d ON d.document_id = t._doc" if has_doc else ""}
            """,
            {"units": self.unit_ids},
        )


def notebook_session(prefix: str, db_path: str | os.PathLike[str] | None = None,
                     chart_dir: str | None = None, units: Any = None, years: Any = None) -> NotebookSession:
    """The chart theme with a CJK font, the warehouse opened read-only, the chosen units and
    years (names, unique substrings or ids; none = the ranked default), the chart folder
    (parameter, else JUESUAN_CHART_DIR)."""
    from loaders.present import charts
    from loaders.present.selection import Selection, choose

    charts.enable_theme()
    wh = open_warehouse(db_path)
    selection = Selection([], {}, None, False)
    if wh.exists("marts.dim_unit") and wh.exists("marts.fct_budget_totals"):
        selection = choose(wh.con, units, years)
    return NotebookSession(wh, prefix, chart_dir or os.environ.get("JUESUAN_CHART_DIR"), selection)
