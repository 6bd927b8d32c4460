"""The load ledger: exactly one row per input file per run (loaded / duplicate / quarantined /
skipped — not attempted because the batch stopped: Ctrl-C or a full disk; the next run loads it)."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timezone

import duckdb

from .. import __version__

LOADED = "loaded"
DUPLICATE = "duplicate"
QUARANTINED = "quarantined"
SKIPPED = "skipped"
STATUSES = (LOADED, DUPLICATE, QUARANTINED, SKIPPED)


def now() -> datetime:
    """UTC wall clock without tzinfo (the ledger's TIMESTAMP columns are UTC)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def new_run_id() -> str:
    """Sortable and unique: UTC time, pid and a random suffix."""
    return f"{now():%Y%m%dT%H%M%S}-{os.getpid()}-{secrets.token_hex(3)}"


@dataclass
class LedgerEntry:
    run_id: str
    seq: int
    input_path: str
    status: str
    started_at: datetime
    finished_at: datetime
    reason: str | None = None
    document_id: str | None = None
    format: str | None = None
    bytes: int | None = None
    facts: int | None = None
    loader_version: str = __version__

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown ledger status {self.status!r}")
        if self.reason is not None:
            self.reason = " ".join(self.reason.split()) or None

    @property
    def seconds(self) -> float:
        return (self.finished_at - self.started_at).total_seconds()


COLUMNS = ("run_id", "seq", "input_path", "document_id", "status", "reason", "format", "bytes",
            "facts", "started_at", "finished_at", "loader_version")


def insert(con: duckdb.DuckDBPyConnection, e: LedgerEntry) -> None:
    con.execute(
        f"INSERT INTO raw.load_ledger ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
        [getattr(e, c) for c in COLUMNS],
    )


def last_run_id(con: duckdb.DuckDBPyConnection) -> str | None:
    row = con.execute(
        "SELECT run_id FROM raw.load_ledger GROUP BY run_id ORDER BY min(started_at) DESC, run_id DESC LIMIT 1"
    ).fetchone()
    return row[0] if row else None
