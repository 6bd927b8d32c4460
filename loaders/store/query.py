"""`juesuan sql`: one read-only statement against the published warehouse.

Three fences: only SELECT / WITH / FROM / DESCRIBE / SHOW / SUMMARIZE, read-only PRAGMAs and
EXPLAIN of those pass the statement check; the connection is opened ``read_only``; and it
runs with ``enable_external_access = false`` (no ATTACH, COPY or file reads) with the
configuration locked.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass
from typing import Any

import duckdb

from .warehouse import WarehouseError, connect_readonly

READ_PRAGMAS = frozenset({
    "table_info", "show_tables", "show_tables_expanded", "database_size", "database_list",
    "storage_info", "version", "platform", "show", "functions", "collations", "metadata_info",
    "user_agent",
})

SAFE_CONFIG = {"enable_external_access": False, "lock_configuration": True}


class RejectedStatement(WarehouseError):
    pass


@dataclass
class QueryResult:
    columns: list[str]
    types: list[str]
    rows: list[tuple[Any, ...]]


def _pragma_name(sql: str) -> str:
    m = re.match(r"\s*pragma\s+([a-z_][a-z0-9_]*)", sql, re.IGNORECASE)
    return m.group(1).lower() if m else ""


def check_read_only(sql: str) -> str:
    """Return the single statement if it only reads; raise RejectedStatement otherwise."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as e:
        raise RejectedStatement(f"cannot parse the statement: {str(e).splitlines()[0]}") from e
    if len(statements) != 1:
        raise RejectedStatement(f"give exactly one statement (got {len(statements)})")
    st = statements[0]
    kind = st.type
    if kind == duckdb.StatementType.SELECT:
        return st.query
    if kind == duckdb.StatementType.PRAGMA and _pragma_name(st.query) in READ_PRAGMAS:
        if "=" in st.query:
            raise RejectedStatement("PRAGMA assignments change settings; only reading PRAGMAs are allowed")
        return st.query
    if kind == duckdb.StatementType.EXPLAIN:
        inner = re.sub(r"^\s*explain\s+(analyze\s+)?", "", st.query, flags=re.IGNORECASE)
        check_read_only(inner)
        return st.query
    name = getattr(kind, "name", str(kind))
    raise RejectedStatement(f"{name} statements are not allowed: `juesuan sql` only reads "
                            "(SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, read-only PRAGMA)")


class QueryTimeout(WarehouseError):
    pass


def run_query(db_path, sql: str, timeout_s: float | None = None) -> QueryResult:
    """Run the statement in a worker thread; Ctrl-C or ``timeout_s`` interrupt DuckDB (con.interrupt)."""
    statement = check_read_only(sql)
    con = connect_readonly(db_path, config=SAFE_CONFIG)
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            rel = con.execute(statement)
            desc = rel.description or []
            rows = rel.fetchall()
            box["result"] = QueryResult(columns=[d[0] for d in desc], types=[str(d[1]) for d in desc], rows=rows)
        except BaseException as e:  # noqa: BLE001 - re-raised in the caller's thread
            box["error"] = e

    finished = threading.Event()  # not Thread.is_alive(): a join cut by Ctrl-C can make it lie

    def run() -> None:
        try:
            work()
        finally:
            finished.set()

    t = threading.Thread(target=run, name="juesuan-sql", daemon=True)
    deadline = time.monotonic() + timeout_s if timeout_s else None
    try:
        t.start()
        while not finished.wait(0.05):
            if deadline is not None and time.monotonic() > deadline:
                con.interrupt()
                finished.wait()
                raise QueryTimeout(f"the query ran longer than {timeout_s:g} s and was cancelled (--timeout)")
    except KeyboardInterrupt:
        for _ in range(100):  # the statement may not have reached DuckDB yet: repeat until it stops
            con.interrupt()
            if finished.wait(0.05):
                break
        raise
    finally:
        if finished.is_set():
            try:
                con.close()
            except duckdb.Error:
                pass
    if "error" in box:
        raise box["error"]
    return box["result"]
