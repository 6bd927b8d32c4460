"""What an incremental `juesuan build` rebuilds: the documents whose current version changed.

The catalog keeps what its marts were built from, in ``_juesuan.built_documents``: one row per
current document at that build, with a hash of its raw.documents row (a reload — a new
EXTRACTOR_VERSION — writes a new row, so a new hash), its unit_id and a hash of its unit row.
Before dbt runs, the build writes ``_juesuan.build_delta``: the documents that entered or left
the current set or whose row changed since (new, superseded, un-superseded, withdrawn,
reloaded). dbt reads both (models/intermediate/int_build_scope.sql widens the delta to every
document of an affected unit); the incremental models delete and re-insert the rows of those
documents (macros/incremental.sql). After dbt succeeds, the build records the new state.

A build is full (``dbt build --full-refresh``) when there is nothing to compare with: the
first build, a build after a failed one, a catalog rebuilt by `juesuan repair`, or models /
seeds / macros that changed since the marts were built (the project hash).
"""

from __future__ import annotations

import duckdb

from .catalog import HIDDEN, get_state, set_state

BUILT = f"{HIDDEN}.built_documents"
DELTA = f"{HIDDEN}.build_delta"

# the current state of every current document: its raw.documents row (the supersession
# columns are left out: a change of current-ness shows as a document entering or leaving)
CURRENT_STATE = """
    SELECT document_id, md5(to_json(d)::varchar) AS state_hash
    FROM (SELECT * EXCLUDE (superseded_by, withdrawn_reason, is_current) FROM raw.current_documents) d
"""


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"CREATE TABLE IF NOT EXISTS {BUILT} "
                "(document_id VARCHAR PRIMARY KEY, state_hash VARCHAR, unit_id VARCHAR, unit_hash VARCHAR)")
    con.execute(f"CREATE TABLE IF NOT EXISTS {DELTA} (document_id VARCHAR)")


def full_refresh_needed(con: duckdb.DuckDBPyConnection, project: str) -> str | None:
    """Why this build must be a full one (None: it can be incremental)."""
    built = get_state(con, "built_from")
    if built is None:
        return "no marts built yet"
    if built == "failed":
        return "the last build failed"
    if get_state(con, "built_project") != project:
        return "models, seeds or macros changed since the last build"
    if get_state(con, "built_subjects") is None:
        return "the catalog holds no build state"
    marts = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'marts' "
                        "AND table_catalog = current_database()").fetchone()[0]
    return None if marts else "the catalog holds no marts"


def write_delta(con: duckdb.DuckDBPyConnection) -> int:
    """Write ``_juesuan.build_delta`` (documents whose current version changed); returns its size."""
    ensure_tables(con)
    con.execute(f"""
        CREATE OR REPLACE TABLE {DELTA} AS
        WITH now AS ({CURRENT_STATE})
        SELECT coalesce(n.document_id, b.document_id) AS document_id
        FROM now n FULL OUTER JOIN {BUILT} b ON b.document_id = n.document_id
        WHERE n.state_hash IS DISTINCT FROM b.state_hash
    """)
    return con.execute(f"SELECT count(*) FROM {DELTA}").fetchone()[0]


def record_built(con: duckdb.DuckDBPyConnection, project: str) -> None:
    """After a successful dbt build: what the marts now hold (read by the next build)."""
    ensure_tables(con)
    built = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = "
                                       "'intermediate' AND table_name IN ('int_build_documents', 'int_build_fingerprint') "
                                       "AND table_catalog = current_database()").fetchall()}
    if len(built) < 2:  # a project without the incremental models: the next build is a full one
        forget_built(con)
        return
    con.execute(f"""
        CREATE OR REPLACE TABLE {BUILT} AS
        SELECT s.document_id, s.state_hash, b.unit_id, b.unit_hash
        FROM ({CURRENT_STATE}) s
        LEFT JOIN intermediate.int_build_documents b USING (document_id)
    """)
    fingerprint = con.execute("SELECT subjects_fingerprint FROM intermediate.int_build_fingerprint").fetchone()[0]
    set_state(con, "built_subjects", fingerprint)
    set_state(con, "built_project", project)


def forget_built(con: duckdb.DuckDBPyConnection) -> None:
    """A build that failed or was published on failure: the next build is a full one."""
    ensure_tables(con)
    con.execute(f"DELETE FROM {BUILT}")
    con.execute(f"DELETE FROM {HIDDEN}.state WHERE key IN ('built_subjects', 'built_project')")
