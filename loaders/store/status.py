"""Read-only queries behind `juesuan status` (documents, last run, warehouse summary)."""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb

from . import ledger

# Metric name -> family, by prefix (longest first). Names are in docs/FACTS.md.
_FAMILY_PREFIXES = (
    ("prior_year_change", "year-on-year change"),
    ("total_", "totals"),
    ("fin_approp", "totals"),
    ("carryover", "totals"),
    ("nonfiscal", "totals"),
    ("income", "income"),
    ("expense", "expenditure"),
    ("gpb_", "general public budget"),
    ("basic_", "basic expenditure"),
    ("econ_", "basic expenditure"),
    ("three_public", "三公经费"),
    ("reception", "三公经费"),
    ("outbound", "三公经费"),
    ("vehicle", "三公经费"),
    ("office_running", "机关运行经费"),
    ("procurement", "government procurement"),
    ("project_", "projects"),
    ("perf_", "performance"),
    ("self_eval", "performance"),
    ("headcount", "headcount"),
    ("share_pct", "shares"),
)


def metric_family(metric: str) -> str:
    for prefix, family in _FAMILY_PREFIXES:
        if metric.startswith(prefix):
            return family
    return "other"


def documents(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """One row per document; the last column is its DQ ledger coverage ("validated n of m
    applicable", from marts.fct_dq_coverage) or None before the first build."""
    dq = dq_coverage(con)
    rows = con.execute(
        """
        SELECT d.document_id, d.file_name, d.unit_name, d.fiscal_year, d.doc_kind, d.format,
               d.pages, count(f.fact_no) AS facts, d.loaded_at
        FROM raw.documents d LEFT JOIN raw.facts f USING (document_id)
        GROUP BY ALL ORDER BY d.unit_name NULLS LAST, d.fiscal_year, d.file_name
        """
    ).fetchall()
    return [(*r, dq.get(r[0])) for r in rows]


def dq_coverage(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """document_id -> "validated n of m applicable" (pass or fail of the applicable DQ rules)."""
    if "fct_dq_coverage" not in _tables(con, "marts"):
        return {}
    return dict(con.execute("SELECT document_id, summary FROM marts.fct_dq_coverage").fetchall())


def last_run(con: duckdb.DuckDBPyConnection) -> tuple[str | None, list[tuple]]:
    run_id = ledger.last_run_id(con)
    if run_id is None:
        return None, []
    rows = con.execute(
        """
        SELECT seq, input_path, status, reason, format, bytes, facts,
               date_diff('millisecond', started_at, finished_at) / 1000.0 AS seconds
        FROM raw.load_ledger WHERE run_id = ? ORDER BY seq
        """,
        [run_id],
    ).fetchall()
    return run_id, rows


@dataclass
class Summary:
    documents: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    units: int = 0
    years: tuple[int | None, int | None] = (None, None)
    facts: int = 0
    facts_by_family: dict[str, int] = field(default_factory=dict)
    runs: int = 0
    ledger: dict[str, int] = field(default_factory=dict)
    marts: dict[str, int] | None = None  # None: no marts schema yet
    dq_findings: int | None = None  # None: no marts.fct_dq_findings yet
    dq_by_status: dict[str, int] = field(default_factory=dict)  # pass / fail / insufficient_data / not_applicable
    superseded: int = 0  # older versions of a disclosure (kept in raw, out of the marts)
    withdrawn: int = 0  # `juesuan remove`


def _tables(con: duckdb.DuckDBPyConnection, schema: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name", [schema]
    ).fetchall()]


def summary(con: duckdb.DuckDBPyConnection) -> Summary:
    s = Summary()
    s.documents = con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]
    s.by_kind = dict(con.execute(
        "SELECT coalesce(doc_kind, '?'), count(*) FROM raw.documents GROUP BY 1 ORDER BY 1").fetchall())
    s.units = con.execute("SELECT count(DISTINCT unit_name) FROM raw.documents").fetchone()[0]
    s.superseded, s.withdrawn = con.execute(
        "SELECT count(superseded_by), count(withdrawn_reason) FROM raw.documents").fetchone()
    s.years = tuple(con.execute("SELECT min(fiscal_year), max(fiscal_year) FROM raw.documents").fetchone())
    s.facts = con.execute("SELECT count(*) FROM raw.facts").fetchone()[0]
    fam: dict[str, int] = {}
    for metric, n in con.execute("SELECT metric, count(*) FROM raw.facts GROUP BY 1").fetchall():
        f = metric_family(metric)
        fam[f] = fam.get(f, 0) + n
    s.facts_by_family = dict(sorted(fam.items(), key=lambda kv: -kv[1]))
    s.runs = con.execute("SELECT count(DISTINCT run_id) FROM raw.load_ledger").fetchone()[0]
    s.ledger = dict(con.execute(
        """SELECT status, count(*) FROM raw.load_ledger l
           WHERE seq = (SELECT max(seq) FROM raw.load_ledger m WHERE m.run_id = l.run_id AND m.input_path = l.input_path)
             AND run_id = (SELECT max(run_id) FROM raw.load_ledger m WHERE m.input_path = l.input_path)
           GROUP BY 1 ORDER BY 1"""
    ).fetchall())
    marts = _tables(con, "marts")
    if marts:
        s.marts = {t: con.execute(f'SELECT count(*) FROM marts."{t}"').fetchone()[0] for t in marts}
        if "fct_dq_findings" in marts:
            s.dq_findings = s.marts["fct_dq_findings"]
            cols = {r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = 'marts' AND table_name = 'fct_dq_findings'").fetchall()}
            if "status" in cols:
                s.dq_by_status = dict(con.execute(
                    "SELECT status, count(*) FROM marts.fct_dq_findings GROUP BY 1 ORDER BY 1").fetchall())
    return s
