"""The published catalog: a small DuckDB file whose raw.* are views over the manifest's shards.

What it holds:

- ``_juesuan.<table>``: empty tables with the raw DDL (they give the views their types even
  before the first shard exists, and columns added later read as NULL in older shards);
- ``raw.<table>``: every row ever loaded (``_juesuan.<table> UNION ALL BY NAME read_parquet``);
  ``raw.documents`` adds ``superseded_by``, ``withdrawn_reason`` and ``is_current``;
- ``raw.withdrawals``: the manifest's withdrawn documents;
- ``raw.current_<table>``: the rows of current documents only (what the dbt sources read);
  ``raw.current_facts`` also leaves out approximate amounts (约/余/多: never taken as exact);
- ``_juesuan.state``: the manifest generation the views show and what the marts were built from;
- the marts, written by ``juesuan build``.

Supersession rule (one current version per unit, year, kind and part): among the
non-withdrawn documents with the same ``unit_name``, ``fiscal_year``, ``doc_kind`` and
``part`` (whole / narrative / tables), the current one is the one with the latest printed
``published_on`` date; without dates (or equal dates) the one with the longer text (a
correction or re-publication adds to the text); then the greatest ``document_id``. Every
key is a property of the document's bytes, so the order of loading never changes which
version is current. A document without a unit name or year is never superseded. The
others get ``superseded_by`` = the current version's document_id.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from .schema import RAW_DDL
from .shards import RAW_TABLES, Manifest, data_dir

HIDDEN = "_juesuan"
DOCUMENT_TABLES = ("document_texts", "blocks", "table_cells", "facts")
VERSION_KEY = ("unit_name", "fiscal_year", "doc_kind", "coalesce(part, 'whole')")


def _literal(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


def _union(db_path: Path, manifest: Manifest, table: str) -> str:
    files = manifest.files(db_path, table)
    base = f"SELECT * FROM {HIDDEN}.{table}"
    if not files:
        return base
    listed = ", ".join(_literal(f) for f in files)
    return f"{base} UNION ALL BY NAME SELECT * FROM read_parquet([{listed}])"


def _documents_view(db_path: Path, manifest: Manifest) -> str:
    key = ", ".join(VERSION_KEY)
    return f"""
        WITH d AS ({_union(db_path, manifest, 'documents')}),
        ranked AS (
            SELECT document_id,
                   row_number() OVER w AS version_rank,
                   first_value(document_id) OVER w AS current_id
            FROM d
            WHERE document_id NOT IN (SELECT document_id FROM raw.withdrawals)
            WINDOW w AS (
                PARTITION BY {key},
                    CASE WHEN unit_name IS NULL OR fiscal_year IS NULL THEN document_id END
                ORDER BY published_on DESC NULLS LAST, text_chars DESC NULLS LAST, document_id DESC)
        )
        SELECT d.*,
               CASE WHEN r.version_rank > 1 THEN r.current_id END AS superseded_by,
               w.reason AS withdrawn_reason,
               (w.document_id IS NULL AND r.version_rank = 1) AS is_current
        FROM d
        LEFT JOIN ranked r USING (document_id)
        LEFT JOIN raw.withdrawals w USING (document_id)
    """


def hidden_ddl() -> str:
    return RAW_DDL.replace("SCHEMA IF NOT EXISTS raw", f"SCHEMA IF NOT EXISTS {HIDDEN}").replace(
        "TABLE IF NOT EXISTS raw.", f"TABLE IF NOT EXISTS {HIDDEN}.")


def refresh(con: duckdb.DuckDBPyConnection, db_path: Path, manifest: Manifest) -> None:
    """(Re)define raw.* in the catalog ``con`` to show ``manifest`` (in one transaction)."""
    con.execute("BEGIN")
    try:
        _drop_legacy_tables(con)
        con.execute(hidden_ddl())
        _sync_columns(con)
        con.execute("CREATE SCHEMA IF NOT EXISTS raw")
        con.execute(f"CREATE TABLE IF NOT EXISTS {HIDDEN}.state (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute("CREATE OR REPLACE TABLE raw.withdrawals "
                    "(document_id VARCHAR PRIMARY KEY, reason VARCHAR, withdrawn_at TIMESTAMP)")
        for doc_id, w in sorted(manifest.withdrawn.items()):
            con.execute("INSERT INTO raw.withdrawals VALUES (?, ?, ?)", [doc_id, w.get("reason"), w.get("at")])
        for table in RAW_TABLES:
            body = _documents_view(db_path, manifest) if table == "documents" else _union(db_path, manifest, table)
            con.execute(f"CREATE OR REPLACE VIEW raw.{table} AS {body}")
        con.execute("CREATE OR REPLACE VIEW raw.current_documents AS "
                    "SELECT * FROM raw.documents WHERE is_current")
        for table in DOCUMENT_TABLES:
            exact = " WHERE NOT coalesce(t.approximate, false)" if table == "facts" else ""
            con.execute(f"CREATE OR REPLACE VIEW raw.current_{table} AS SELECT t.* FROM raw.{table} t "
                        f"SEMI JOIN raw.current_documents c USING (document_id){exact}")
        set_state(con, "manifest_generation", str(manifest.generation))
        set_state(con, "data_dir", str(data_dir(db_path)))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def _sync_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Columns added to the raw DDL since this catalog was made (CREATE IF NOT EXISTS keeps old tables)."""
    fresh = duckdb.connect(":memory:")
    try:
        fresh.execute(hidden_ddl())
        want = fresh.execute("SELECT table_name, column_name, data_type FROM information_schema.columns "
                             "ORDER BY table_name, ordinal_position").fetchall()
    finally:
        fresh.close()
    have = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = ?", [HIDDEN]).fetchall()}
    for t, c, ty in want:
        if (t, c) not in have:
            con.execute(f'ALTER TABLE {HIDDEN}.{t} ADD COLUMN "{c}" {ty}')


def _drop_legacy_tables(con: duckdb.DuckDBPyConnection) -> None:
    for (name,) in con.execute("SELECT table_name FROM information_schema.tables "
                               "WHERE table_schema = 'raw' AND table_type = 'BASE TABLE' "
                               "AND table_name <> 'withdrawals'").fetchall():
        con.execute(f"DROP TABLE raw.{name}")


def legacy_raw_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """raw.* base tables of a warehouse made before storage v2 (they hold the data itself)."""
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'raw' "
        "AND table_type = 'BASE TABLE' AND table_name <> 'withdrawals' ORDER BY 1").fetchall()]


def get_state(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    try:
        rows = con.execute(f"SELECT value FROM {HIDDEN}.state WHERE key = ?", [key]).fetchall()  # complete:
    except duckdb.CatalogException:  # a reader's connection must have no unfinished result left
        return None
    return rows[0][0] if rows else None


def set_state(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {HIDDEN}.state (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute(f"INSERT OR REPLACE INTO {HIDDEN}.state VALUES (?, ?)", [key, value])
