"""Opening the warehouse: one writer at a time on private files, readers on the published file.

DuckDB lets one process open a file read-write and then no other process may open it at all.
So writers (``juesuan load``, ``juesuan build``, ``juesuan remove``) never write the
published file in place:

1. take an exclusive advisory lock on ``<dir>/.juesuan.lock`` (waiting, with a message,
   while another writer holds it);
2. remove working copies and temporary shards left behind by dead writers;
3. raw data goes to immutable Parquet shards listed by a manifest (shards.py; publishing
   never copies them); the published file is a small catalog of views over the shards
   plus the marts (catalog.py);
4. a new catalog is written as ``<name>.wip-<pid>…``, CHECKPOINTed, closed and
   ``os.replace``d over the published file (atomic). Nothing is published that did not
   complete: an interrupt or an error discards the private copy.

Readers attach the published file read-only; nobody holds it read-write, so they never
meet a lock error and always see a complete, committed state (the snapshot a connection
opened stays valid after a publish: ``os.replace`` does not touch open files; a new
connection sees the newest snapshot).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..sandbox import register_child_hook
from .interrupts import deferred_interrupts
from .shards import fsync_path

LOCK_NAME = ".juesuan.lock"

WaitCallback = Callable[[str], None]


class WarehouseError(Exception):
    """A problem opening the warehouse, with a message meant for the user."""


class WarehouseMissing(WarehouseError):
    pass


class WarehouseBusy(WarehouseError):
    pass


class WarehouseDamaged(WarehouseError):
    pass


def damaged_message(path: Path, why: str) -> str:
    from .shards import data_dir

    return (f"cannot open {path}: {why}. The file is damaged; the loaded documents are safe in "
            f"{data_dir(path)}: run `juesuan repair` (rebuilds it from them), then `juesuan build`")


def print_to_stderr(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def lock_path_for(db_path: Path) -> Path:
    return Path(db_path).parent / LOCK_NAME


def wip_path_for(db_path: Path, pid: int | None = None) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(f"{db_path.name}.wip-{pid if pid is not None else os.getpid()}")


def _cmdline() -> str:
    try:
        with open("/proc/self/cmdline", "rb") as fh:
            parts = fh.read().split(b"\0")
        return " ".join(p.decode("utf-8", "replace") for p in parts if p)[:300]
    except OSError:
        return " ".join(sys.argv)[:300]


# fds of writer locks held by this process; closed in sandbox children so that a child
# surviving its parent cannot keep the warehouse locked.
_held_lock_fds: set[int] = set()


def _close_lock_fds_in_child() -> None:
    for fd in list(_held_lock_fds):
        try:
            os.close(fd)
        except OSError:
            pass
    _held_lock_fds.clear()


register_child_hook(_close_lock_fds_in_child)


@contextmanager
def writer_lock(db_path: Path, on_wait: WaitCallback | None = print_to_stderr) -> Iterator[Path]:
    """Hold the exclusive writer lock of the warehouse directory (blocking, with a message)."""
    lock = lock_path_for(db_path)
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(lock)
            if on_wait:
                on_wait(f"waiting for {holder or 'another writer'} to release {lock} ...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}: {_cmdline()}\n".encode(), 0)
        _held_lock_fds.add(fd)
        try:
            yield lock
        finally:
            _held_lock_fds.discard(fd)
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _read_holder(lock: Path) -> str:
    try:
        return lock.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return ""


def remove_stale_working_copies(db_path: Path) -> list[Path]:
    """Delete ``<name>.wip-<pid>`` files (and their .wal) of writers that are gone.

    Call with the writer lock held: then no other writer is alive, and a wip file whose
    pid is alive belongs to a recycled pid, so every wip file but ours is stale.
    """
    db_path = Path(db_path)
    removed = []
    prefix = f"{db_path.name}.wip-"
    for p in db_path.parent.glob(prefix + "*"):
        pid_text = p.name[len(prefix):].split(".", 1)[0]
        if pid_text == str(os.getpid()):
            continue
        try:
            if p.is_dir():
                shutil.rmtree(p)
            else:
                p.unlink()
            removed.append(p)
        except FileNotFoundError:
            pass
    return removed


def ensure_catalog(con: duckdb.DuckDBPyConnection, published: Path) -> None:
    """Give a catalog copy its raw views if it has none yet (a new warehouse)."""
    from .catalog import get_state, refresh
    from .shards import read_manifest

    if get_state(con, "manifest_generation") is None:
        refresh(con, published, read_manifest(published))


class WorkingCopy:
    """The private copy a writer works on. Use inside ``writer_lock``."""

    def __init__(self, published: Path):
        self.published = Path(published)
        self.path = wip_path_for(self.published)
        self.con: duckdb.DuckDBPyConnection | None = None
        self.publishes = 0
        self.started = False

    # -- lifecycle -------------------------------------------------------------------
    def start(self, connect: bool = True) -> None:
        """Copy the published catalog (small: views and marts, never the raw data)."""
        from .publish import prepare_published

        self.published.parent.mkdir(parents=True, exist_ok=True)
        prepare_published(self.published)
        self._remove_own_files()
        if self.published.exists():
            shutil.copyfile(self.published, self.path)
        self.started = True
        if connect:
            self.connect()

    def connect(self) -> duckdb.DuckDBPyConnection:
        if self.con is None:
            self.con = duckdb.connect(str(self.path))
            ensure_catalog(self.con, self.published)
        return self.con

    def close(self) -> None:
        """CHECKPOINT and close the connection; the file is then complete on its own."""
        if self.con is not None:
            try:
                self.con.execute("CHECKPOINT")
            finally:
                self.con.close()
                self.con = None

    def checkpoint_file(self) -> None:
        """Fold a WAL left by another program (dbt) into the working copy."""
        self.connect()
        self.close()

    def publish(self, reopen: bool = True) -> None:
        """Atomically replace the published file with the working copy (which must be complete)."""
        with deferred_interrupts():
            self.close()
            wal = Path(f"{self.path}.wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise WarehouseError(f"{wal} still exists after CHECKPOINT; not publishing")
            if not self.started:
                raise WarehouseError("the working copy was never made; not publishing")
            if not self.path.exists():
                if self.published.exists():
                    raise WarehouseError(f"the working copy {self.path} is missing; not publishing")
                self.connect()  # a new warehouse: an empty catalog
                self.close()
            fsync_path(self.path)
            os.replace(self.path, self.published)
            fsync_path(self.published.parent, directory=True)
            self.publishes += 1
        if reopen:
            shutil.copyfile(self.published, self.path)
            self.connect()

    def discard(self) -> None:
        if self.con is not None:
            try:
                self.con.close()
            finally:
                self.con = None
        self._remove_own_files()

    def _remove_own_files(self) -> None:
        for p in (self.path, Path(f"{self.path}.wal"), Path(f"{self.path}.tmp")):
            try:
                if p.is_dir():
                    shutil.rmtree(p)
                else:
                    p.unlink()
            except FileNotFoundError:
                pass


@contextmanager
def working_copy(db_path: Path, on_wait: WaitCallback | None = print_to_stderr, connect: bool = True) -> Iterator[WorkingCopy]:
    """Lock, copy, yield the WorkingCopy; publish on success, discard on any exception
    (KeyboardInterrupt included: a copy cut short by Ctrl-C is never published)."""
    with writer_lock(Path(db_path), on_wait=on_wait):
        wc = WorkingCopy(Path(db_path))
        try:
            wc.start(connect=connect)
            yield wc
        except BaseException:
            wc.discard()
            raise
        else:
            wc.publish(reopen=False)
        finally:
            wc.discard()  # no-op after a publish; removes leftovers otherwise


@contextmanager
def writer(db_path: Path, on_wait: WaitCallback | None = print_to_stderr) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-write connection on a private working copy, published atomically on success."""
    with working_copy(db_path, on_wait=on_wait) as wc:
        yield wc.connect()


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "lock" in msg and ("conflicting" in msg or "could not set lock" in msg or "lock on file" in msg)


def _catalog_name(path: Path) -> str:
    name = re.sub(r"\W", "_", path.name.split(".", 1)[0]) or "warehouse"
    return "warehouse" if name in ("memory", "system", "temp", "main") or name[0].isdigit() else name


def _sql_literal(v: object) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def _open_readonly(path: Path, config: dict | None) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory DuckDB with the warehouse ATTACHed read-only and made the default.

    Not ``duckdb.connect(path, read_only=True)``: DuckDB caches one instance per path and
    process, so a second connect while any connection is open would return the snapshot
    of the first (the file it opened was replaced since). Attaching gives every call the
    newest published snapshot; ``config`` is applied after the ATTACH (so that it may
    switch off external access) with ``lock_configuration`` last.
    """
    con = duckdb.connect(":memory:")
    try:
        name = _catalog_name(path)
        con.execute(f"ATTACH {_sql_literal(str(path))} AS \"{name}\" (READ_ONLY)")
        con.execute(f'USE "{name}"')
        cfg = dict(config or {})
        lock = cfg.pop("lock_configuration", None)
        if cfg.get("enable_external_access") is False:  # the raw views read the shards, nothing else
            from .catalog import get_state
            from .shards import data_dir

            shards = get_state(con, "data_dir") or str(data_dir(path))  # a copied catalog reads the original's
            con.execute(f"SET allowed_directories = [{_sql_literal(shards + '/')}]")
        for key, value in cfg.items():
            con.execute(f"SET {key} = {_sql_literal(value)}")
        if lock is not None:
            con.execute(f"SET lock_configuration = {_sql_literal(lock)}")
        return con
    except BaseException:
        con.close()
        raise


def _check_moved(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    from .catalog import get_state
    from .shards import data_dir

    shown = get_state(con, "data_dir")
    if shown is not None and shown != str(data_dir(path)) and not Path(shown).exists():
        con.close()
        raise WarehouseError(f"{path} was moved or copied from {Path(shown).parent}, whose shards are gone: move "
                             f"the folder {Path(shown).name} beside it and run `juesuan repair --db {path}`")


IO_RETRIES = 8  # looks at a published file that fails to open before it is called damaged


def _is_io_error(e: Exception) -> bool:
    return isinstance(e, duckdb.IOException) or str(e).startswith("IO Error")


def connect_readonly(
    db_path: str | os.PathLike[str] | None = None,
    retries: int = 40,
    delay_s: float = 0.25,
    config: dict | None = None,
    on_retry: WaitCallback | None = None,
) -> duckdb.DuckDBPyConnection:
    """Open the newest published snapshot of the warehouse read-only.

    Retries briefly while another process holds the file read-write (only someone
    bypassing the writer protocol, e.g. a hand-run dbt, can). Raises WarehouseMissing
    ("run `juesuan load`") or WarehouseBusy with a readable message.
    """
    from ..config import warehouse_path

    path = warehouse_path(db_path)
    last: Exception | None = None
    for attempt in range(max(retries, 0) + 1):
        if not path.exists():
            raise WarehouseMissing(f"no warehouse yet at {path}: run `juesuan load`")
        try:
            con = _open_readonly(path, config)
            _check_moved(con, path)
            return con
        except duckdb.Error as e:
            if not _is_lock_error(e):
                if not path.exists():
                    raise WarehouseMissing(f"no warehouse yet at {path}: run `juesuan load`") from e
                # an IO error while a writer renames a new snapshot into place is transient: look
                # again a few times before calling the file damaged (a damaged file stays damaged)
                if _is_io_error(e) and attempt < IO_RETRIES:
                    time.sleep(delay_s)
                    continue
                raise WarehouseDamaged(damaged_message(path, str(e).splitlines()[0])) from e
            last = e
            if on_retry and attempt == 0:
                on_retry(
                    f"{path} is locked by another process (someone ran dbt or DuckDB on it "
                    f"directly?); retrying for {retries * delay_s:g} s ..."
                )
            time.sleep(delay_s)
    raise WarehouseBusy(
        f"{path} is locked read-write by another process: {str(last).splitlines()[0] if last else ''}"
    )
