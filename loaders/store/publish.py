"""Publishing a manifest: commit it, then atomically replace the published catalog.

Order (each step is durable before the next starts):

1. the shards of the batch exist under their content names (shards.write_batch);
2. the manifest that lists them is committed (rename) — the raw layer's commit point;
3. a copy of the published catalog gets views over the new manifest and is renamed over
   the published file (the readers' commit point).

A crash between 2 and 3 leaves readers on the previous, complete catalog; the next writer
sees that the catalog shows an older manifest generation and publishes the current one
(``prepare_published``), which also rebuilds a damaged catalog from the manifest and
migrates a warehouse made before storage v2.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import duckdb

from . import catalog
from .faults import fault_point
from .interrupts import deferred_interrupts
from .shards import Manifest, ManifestDamaged, commit_manifest, data_dir, fsync_path, read_manifest, \
    remove_stale_tmp, write_shard

ORDERS = {
    "documents": "document_id",
    "document_texts": "document_id",
    "blocks": "document_id, block_no",
    "table_cells": "document_id, table_no, row_no, col_no",
    "facts": "document_id, fact_no",
    "load_ledger": "run_id, seq",
}


def _say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def next_catalog_path(db_path: Path) -> Path:
    return db_path.with_name(f"{db_path.name}.wip-{os.getpid()}.next")


def _inspect(path: Path) -> tuple[list[str], str | None, str | None]:
    """(legacy raw tables, manifest generation shown, data dir shown); duckdb.Error if damaged.

    Reads every table of the catalog once, so a truncated file fails here, not half way
    through a later publish."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS c (READ_ONLY)")
        con.execute("USE c")
        for schema, table in con.execute("SELECT schema_name, table_name FROM duckdb_tables() "
                                         "WHERE database_name = 'c'").fetchall():
            con.execute(f'SELECT bit_xor(hash(t)) FROM "{schema}"."{table}" t').fetchone()
        return (catalog.legacy_raw_tables(con), catalog.get_state(con, "manifest_generation"),
                catalog.get_state(con, "data_dir"))
    finally:
        con.close()


def publish_catalog(db_path: Path, manifest: Manifest, fresh: bool = False) -> None:
    """Replace the published catalog by one showing ``manifest`` (keeping its marts unless fresh)."""
    db_path = Path(db_path)
    nxt = next_catalog_path(db_path)
    with deferred_interrupts():
        try:
            for p in (nxt, Path(f"{nxt}.wal")):
                p.unlink(missing_ok=True)
            if db_path.exists() and not fresh:
                shutil.copyfile(db_path, nxt)
            con = duckdb.connect(str(nxt))
            try:
                catalog.refresh(con, db_path, manifest)
                con.execute("CHECKPOINT")
            finally:
                con.close()
            fsync_path(nxt)
            fault_point("publish.catalog")
            os.replace(nxt, db_path)
            fsync_path(db_path.parent, directory=True)
        finally:
            for p in (nxt, Path(f"{nxt}.wal")):
                p.unlink(missing_ok=True)


def commit_and_publish(db_path: Path, manifest: Manifest) -> None:
    with deferred_interrupts():
        commit_manifest(db_path, manifest)
        fault_point("publish.manifest")
        publish_catalog(db_path, manifest)


def prepare_published(db_path: Path, say=_say) -> Manifest:
    """With the writer lock held: clean up after dead writers, migrate, repair; the manifest."""
    from .warehouse import WarehouseDamaged, damaged_message, remove_stale_working_copies

    db_path = Path(db_path)
    remove_stale_working_copies(db_path)
    remove_stale_tmp(db_path)
    try:
        manifest = read_manifest(db_path)
    except ManifestDamaged as e:
        raise WarehouseDamaged(f"{e}: restore it from a backup, or move {data_dir(db_path)} away and "
                               "load the documents again") from e
    if not db_path.exists():
        if manifest.generation:
            say(f"{db_path} is missing: rebuilding it from the {manifest.generation} published batches "
                f"in {data_dir(db_path)} (run `juesuan build` for the marts)")
            publish_catalog(db_path, manifest, fresh=True)
        return manifest
    try:
        legacy, shown, shown_dir = _inspect(db_path)
        why = None
    except duckdb.Error as e:
        why = str(e).splitlines()[0]
    if why is not None:
        if not manifest.generation:
            raise WarehouseDamaged(damaged_message(db_path, why).split(". The file")[0] +
                                   ". It holds no loaded documents outside itself: move it away and load again")
        say(f"{db_path} was damaged ({why}); rebuilt it from {data_dir(db_path)} "
            "(run `juesuan build` for the marts)")
        publish_catalog(db_path, manifest, fresh=True)
        return manifest
    if legacy and not manifest.generation:
        return migrate(db_path, say)
    if shown not in (None, "0") and not manifest.generation:
        raise WarehouseDamaged(
            f"{db_path} shows {shown} published batches but {data_dir(db_path)} has no manifest: the raw "
            f"data was not copied with it (copy the whole folder), or was deleted; `juesuan repair` cannot help")
    if shown != str(manifest.generation) or shown_dir != str(data_dir(db_path)):
        publish_catalog(db_path, manifest)
    return manifest


def migrate(db_path: Path, say=_say) -> Manifest:
    """A warehouse of the first storage version (raw.* tables inside the file) -> shards."""
    work = next_catalog_path(db_path).with_suffix(".migrate")
    with deferred_interrupts():
        try:
            shutil.copyfile(db_path, work)
            con = duckdb.connect(str(work))
            try:
                added = {}
                for table in catalog.legacy_raw_tables(con):
                    if table in ORDERS and con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0]:
                        added[table] = write_shard(con, f"SELECT * FROM raw.{table} ORDER BY {ORDERS[table]}",
                                                   db_path, table)
                n = con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]
            finally:
                con.close()
            manifest = Manifest().with_shards(added)
            commit_manifest(db_path, manifest)
            publish_catalog(db_path, manifest)
        finally:
            for p in (work, Path(f"{work}.wal")):
                p.unlink(missing_ok=True)
    say(f"migrated {db_path} to storage v2: {n} documents moved to {data_dir(db_path)}")
    return manifest
