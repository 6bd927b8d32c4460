"""`juesuan remove`: withdraw documents (a manifest change; their rows stay in raw)."""

from __future__ import annotations

from pathlib import Path

from . import ledger
from .publish import commit_and_publish, prepare_published
from .warehouse import WaitCallback, WarehouseError, print_to_stderr, writer_lock

MIN_PREFIX = 8


def withdraw(db_path: Path, documents: list[str], reason: str = "withdrawn",
             on_wait: WaitCallback | None = print_to_stderr) -> list[str]:
    """Withdraw each document (id or unique prefix); returns the full ids. One publish."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise WarehouseError(f"no warehouse yet at {db_path}: run `juesuan load`")
    with writer_lock(db_path, on_wait=on_wait):
        manifest = prepare_published(db_path, say=on_wait or (lambda m: None))
        known = _document_ids(db_path, manifest)
        ids = [_resolve(d, known) for d in documents]
        for doc_id in ids:
            manifest = manifest.with_withdrawn(doc_id, {"reason": reason, "at": ledger.now().isoformat()})
        commit_and_publish(db_path, manifest)
    return ids


def _document_ids(db_path: Path, manifest) -> list[str]:
    import duckdb

    files = manifest.files(db_path, "documents")
    if not files:
        return []
    con = duckdb.connect(":memory:")
    try:
        listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
        return [r[0] for r in con.execute(f"SELECT DISTINCT document_id FROM read_parquet([{listed}])").fetchall()]
    finally:
        con.close()


def _resolve(given: str, known: list[str]) -> str:
    given = given.strip().lower()
    if len(given) < MIN_PREFIX:
        raise WarehouseError(f"give at least {MIN_PREFIX} characters of the document_id (got {given!r})")
    hits = [k for k in known if k.startswith(given)]
    if not hits:
        raise WarehouseError(f"no document {given!r} in the warehouse (see `juesuan status`)")
    if len(hits) > 1:
        raise WarehouseError(f"{given!r} matches {len(hits)} documents; give more characters")
    return hits[0]
