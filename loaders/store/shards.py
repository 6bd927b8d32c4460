"""The raw layer on disk: immutable Parquet shards listed by one committed manifest.

Layout next to the published catalog ``<dir>/juesuan.duckdb``::

    <dir>/juesuan.shards/manifest.json             the commit point (replaced atomically)
    <dir>/juesuan.shards/<table>/<sha256>.parquet  immutable, named by their content

A shard is written under a temporary name, fsynced and renamed to the sha256 of its bytes,
so a shard file that exists is complete. The manifest lists the shards of every raw table
and the withdrawn documents; it is written to a temporary file and renamed over the old one,
so a reader of the manifest sees the old or the new list, never a mix. Shards are never
modified; a published shard is never deleted (readers holding an old snapshot may read it).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from .faults import fault_point

RAW_TABLES = ("documents", "document_texts", "blocks", "table_cells", "facts", "load_ledger")
MANIFEST = "manifest.json"
FORMAT = "juesuan-raw-shards/1"


class ManifestDamaged(Exception):
    pass


def data_dir(db_path: Path) -> Path:
    """The shard folder beside a catalog file, as an absolute path: the catalog records it and its
    views read the shards through it, so a relative one would only work from the cwd of the load
    (a warehouse loaded with a relative --db failed to open from the notebooks' folder)."""
    db_path = Path(db_path).absolute()
    return db_path.with_name(f"{db_path.name.split('.', 1)[0]}.shards")


def manifest_path(db_path: Path) -> Path:
    return data_dir(db_path) / MANIFEST


@dataclass
class Manifest:
    generation: int = 0
    shards: dict[str, list[str]] = field(default_factory=dict)  # table -> paths relative to data_dir
    withdrawn: dict[str, dict] = field(default_factory=dict)  # document_id -> {"reason", "at"}
    format: str = FORMAT

    def files(self, db_path: Path, table: str) -> list[str]:
        root = data_dir(db_path)
        return [str(root / rel) for rel in self.shards.get(table, [])]

    def with_shards(self, added: dict[str, str]) -> "Manifest":
        shards = {t: list(v) for t, v in self.shards.items()}
        for table, rel in added.items():
            shards.setdefault(table, []).append(rel)
        return Manifest(self.generation + 1, shards, dict(self.withdrawn))

    def with_replaced(self, dropped: dict[str, list[str]], added: dict[str, str]) -> "Manifest":
        """Without the ``dropped`` shards (table -> relpaths), with the ``added`` ones."""
        shards = {t: [rel for rel in v if rel not in set(dropped.get(t, ()))] for t, v in self.shards.items()}
        for table, rel in added.items():
            shards.setdefault(table, []).append(rel)
        return Manifest(self.generation + 1, shards, dict(self.withdrawn))

    def content_key(self) -> str:
        """What the marts are built from: the document shards and the withdrawals (not the
        ledger, which the staging views read live), as one hash."""
        h = hashlib.sha256()
        for table in sorted(self.shards):
            if table != "load_ledger":
                h.update((table + ":" + ",".join(sorted(self.shards[table])) + ";").encode())
        h.update(("withdrawn:" + ",".join(sorted(self.withdrawn))).encode())
        return h.hexdigest()[:32]

    def with_withdrawn(self, document_id: str, entry: dict) -> "Manifest":
        return Manifest(self.generation + 1, {t: list(v) for t, v in self.shards.items()},
                        {**self.withdrawn, document_id: entry})


def read_manifest(db_path: Path) -> Manifest:
    p = manifest_path(db_path)
    try:
        raw = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Manifest()
    except (OSError, ValueError) as e:
        raise ManifestDamaged(f"{p} is damaged ({e})") from e
    if raw.get("format") != FORMAT:
        raise ManifestDamaged(f"{p} is not a {FORMAT} manifest")
    return Manifest(int(raw["generation"]), {k: list(v) for k, v in raw["shards"].items()},
                    dict(raw.get("withdrawn", {})))


def fsync_path(path: Path, directory: bool = False) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def tmp_name(final: Path) -> Path:
    return final.with_name(f".tmp-{os.getpid()}-{final.name}")


def commit_manifest(db_path: Path, manifest: Manifest) -> None:
    """Atomically replace the manifest (temporary file, fsync, rename, fsync of the folder)."""
    p = manifest_path(db_path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = tmp_name(p)
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(asdict(manifest), fh, ensure_ascii=False, indent=1, sort_keys=True)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_path(p.parent, directory=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def write_shard(con: duckdb.DuckDBPyConnection, query: str, db_path: Path, table: str) -> str:
    """Write the rows of ``query`` as one Parquet shard of ``table``; its path relative to data_dir."""
    folder = data_dir(db_path) / table
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".tmp-{os.getpid()}.parquet"
    try:
        literal = "'" + str(tmp).replace("'", "''") + "'"
        con.execute(f"COPY ({query}) TO {literal} (FORMAT parquet, COMPRESSION zstd)")
        fsync_path(tmp)
        final = folder / f"{_sha256(tmp)}.parquet"
        os.replace(tmp, final)  # same bytes under the same name: replacing is harmless
    finally:
        tmp.unlink(missing_ok=True)
    fsync_path(folder, directory=True)
    return f"{table}/{final.name}"


def write_batch(con: duckdb.DuckDBPyConnection, db_path: Path, orders: dict[str, str]) -> dict[str, str]:
    """One shard per non-empty raw table of the batch in ``con`` (schema raw); {table: relpath}."""
    added: dict[str, str] = {}
    for table in RAW_TABLES:
        if con.execute(f"SELECT count(*) FROM raw.{table}").fetchone()[0] == 0:
            continue
        added[table] = write_shard(con, f"SELECT * FROM raw.{table} ORDER BY {orders[table]}", db_path, table)
    fault_point("publish.shards")
    return added


def remove_stale_tmp(db_path: Path) -> None:
    """Temporary shard/manifest files of dead writers (call with the writer lock held)."""
    root = data_dir(db_path)
    if not root.exists():
        return
    for p in list(root.glob(".tmp-*")) + list(root.glob("*/.tmp-*")):
        p.unlink(missing_ok=True)
