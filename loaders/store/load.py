"""`juesuan load`: files and folders -> raw.* tables, one ledger row per input per run.

Per input: stat and size limit -> read bytes -> sha256 = document_id -> duplicate check ->
parse + metadata + extraction + the rows as Arrow tables in a sandboxed child -> staged
whole in the batch with its ledger row (the writer does no per-document database work). Anything that goes wrong becomes a ``quarantined`` ledger row with a one-line
reason; the batch always completes. The batch is published (as shards, see batch.py) every
``publish_every`` documents or ``publish_seconds`` seconds, at the end, and after Ctrl-C.

Parse + extract run on every core: ``workers`` sandboxed children at a time, forked by
long-lived worker processes (sandbox_pool.py; threads in this process wait for them), or
on any executor with ``submit`` (a Dask
``distributed.Client``, see distributed.py). Results are written in input order, so the
rows, the ledger and its ``seq`` are exactly those of a serial load.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import Counter, deque
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..sandbox import DEFAULT_MEMORY_BYTES, DEFAULT_TIMEOUT_S, SandboxResult, describe_exception, kill_children, \
    one_line, run_isolated
from ..sandbox_pool import SandboxPool, kill_pools
from . import ledger
from .batch import RawBatch, raw_writer
from .faults import fault_point
from .ledger import DUPLICATE, LOADED, QUARANTINED, SKIPPED, LedgerEntry
from .prepare import prepare_staged, warm_up
from .warehouse import WaitCallback, print_to_stderr

DEFAULT_MAX_BYTES = 100 * 1024 * 1024


@dataclass
class Limits:
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_bytes: int | None = DEFAULT_MEMORY_BYTES
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass
class LoadSummary:
    run_id: str
    db_path: Path
    entries: list[LedgerEntry] = field(default_factory=list)
    seconds: float = 0.0
    publishes: int = 0

    @property
    def counts(self) -> Counter:
        c = Counter({s: 0 for s in ledger.STATUSES})
        c.update(e.status for e in self.entries)
        return c

    @property
    def quarantined(self) -> list[LedgerEntry]:
        return [e for e in self.entries if e.status == QUARANTINED]


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Input files in order: given files as given, folders recursively (sorted, no hidden)."""
    out: list[Path] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            out.extend(_walk(p))
        else:
            out.append(p)  # even if missing: it gets a ledger row saying so
    return out


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not _is_hidden(d))
        for f in sorted(filenames):
            if not _is_hidden(f):
                yield Path(dirpath) / f


def _suffix_format(p: Path) -> str | None:
    return p.suffix.lower().lstrip(".") or None


@dataclass
class Job:
    """An input that passed the cheap checks and goes to a sandboxed parser."""

    base: dict
    data: bytes


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


def screen(batch: RawBatch, run_id: str, seq: int, path: Path, limits: Limits,
           in_flight: dict[str, str]) -> LedgerEntry | Job:
    """stat, size limit, read, hash, duplicate check: a finished (unrecorded) entry or a Job."""
    started = ledger.now()
    base = dict(run_id=run_id, seq=seq, input_path=str(path), started_at=started, format=_suffix_format(path))

    def done(status: str, reason: str, **kw) -> LedgerEntry:
        return LedgerEntry(status=status, reason=one_line(reason), finished_at=ledger.now(), **{**base, **kw})

    try:
        st = path.stat()
    except FileNotFoundError:
        return done(QUARANTINED, "no such file")
    except OSError as e:
        return done(QUARANTINED, f"cannot read: {e.strerror or e}")
    if not stat.S_ISREG(st.st_mode):
        return done(QUARANTINED, "not a regular file")
    if st.st_size > limits.max_bytes:
        return done(QUARANTINED, f"oversized: {st.st_size / 1e6:.1f} MB > {limits.max_bytes / 1e6:.1f} MB limit",
                    bytes=st.st_size)
    try:
        data = path.read_bytes()
    except OSError as e:
        return done(QUARANTINED, f"cannot read: {e.strerror or e}")
    document_id = hashlib.sha256(data).hexdigest()
    base.update(document_id=document_id, bytes=len(data))
    if not data:
        return done(QUARANTINED, "empty file (0 bytes)")
    first_path = in_flight.get(document_id) or batch.exists(document_id)
    if first_path is not None:
        return done(DUPLICATE, f"same bytes as {first_path}")
    in_flight[document_id] = str(path)
    return Job(base=base, data=data)


def prepare_isolated(data: bytes, path: str, document_id: str, started, limits: Limits,
                     runner=run_isolated) -> SandboxResult:
    """The per-document function: parse + metadata + extract + Arrow rows in a sandboxed child
    (forked by ``runner``: here, or a SandboxPool worker, or on a Dask worker); OCR'd pages
    get extra time each. A Dask worker warms itself up on its first document (``warm_up``: the
    children it forks then start with the caches filled, as the local pool's do)."""
    from ..formats.pdf_ocr import ocr_time_budget

    warm_up()
    return runner(prepare_staged, data, path, document_id, started,
                        timeout_s=limits.timeout_s + ocr_time_budget(data, Path(path).name, runner, limits.memory_bytes),
                        memory_bytes=limits.memory_bytes)


def store(batch: RawBatch, job: Job, res: SandboxResult) -> LedgerEntry:
    """Stage one prepared document (its worker built the rows) or its quarantine row, whole."""
    base = job.base
    if not res.ok:
        entry = LedgerEntry(status=QUARANTINED, reason=one_line(res.error), finished_at=ledger.now(), **base)
        batch.record(entry)
        return entry
    staged = res.value
    entry = LedgerEntry(status=LOADED, finished_at=ledger.now(), facts=staged.facts,
                        **{**base, "format": staged.format or base["format"]})
    batch.stage(entry, staged)
    return entry


ProgressCallback = Callable[[int, int, Path, LedgerEntry | None], None]


def load_paths(
    paths: Iterable[str | os.PathLike[str]],
    db_path: Path,
    limits: Limits | None = None,
    publish_every: int = 50,
    publish_seconds: float = 60.0,
    on_progress: ProgressCallback | None = None,
    on_wait: WaitCallback | None = print_to_stderr,
    workers: int | None = None,
    executor=None,
) -> LoadSummary:
    """Load every input into the warehouse at ``db_path``; see the module docstring."""
    limits = limits or Limits()
    inputs = discover(paths)
    warm_up()
    summary = LoadSummary(run_id=ledger.new_run_id(), db_path=Path(db_path))
    t0 = time.monotonic()
    own_pool = sandboxes = None
    runner = run_isolated
    if executor is None:  # forked before the lock and the batch exist (see sandbox_pool.py)
        sandboxes = SandboxPool(workers or default_workers())
        runner = sandboxes.run
        own_pool = executor = ThreadPoolExecutor(max_workers=workers or default_workers(),
                                                 thread_name_prefix="juesuan-load")
    window = 2 * (workers or default_workers()) if own_pool else 4 * max(1, workers or 2)
    try:
        with raw_writer(Path(db_path), on_wait=on_wait) as batch:
            _run(batch, inputs, summary, limits, executor, runner, window, publish_every, publish_seconds,
                 on_progress)
        summary.publishes = batch.publishes
    except BaseException:
        kill_pools()
        kill_children()
        raise
    finally:
        if own_pool is not None:
            own_pool.shutdown(wait=False, cancel_futures=True)
        if sandboxes is not None:
            sandboxes.close()
    summary.seconds = time.monotonic() - t0
    return summary


def _run(batch: RawBatch, inputs: list[Path], summary: LoadSummary, limits: Limits, executor, runner, window: int,
         publish_every: int, publish_seconds: float | None, on_progress: ProgressCallback | None) -> None:
    pending: deque = deque()  # (seq, path, entry | (job, future)) in input order
    in_flight: dict[str, str] = {}
    todo = iter(enumerate(inputs, start=1))
    total = len(inputs)
    try:
        _loop(batch, todo, pending, in_flight, summary, limits, executor, runner, window, publish_every, publish_seconds,
              on_progress, total)
    except BaseException as stop:
        _skip_rest(batch, summary, pending, todo, stop)
        raise


def _skip_rest(batch: RawBatch, summary: LoadSummary, pending: deque, todo, stop: BaseException) -> None:
    """A ledger row for every input the stopped batch did not finish (recorded if the disk allows)."""
    why = "Ctrl-C" if isinstance(stop, KeyboardInterrupt) else describe_exception(stop)
    done = {e.seq for e in summary.entries}
    rest = [(seq, path) for seq, path, _ in pending] + list(todo)
    for seq, path in rest:
        if seq in done:
            continue
        now = ledger.now()
        entry = LedgerEntry(run_id=summary.run_id, seq=seq, input_path=str(path), status=SKIPPED,
                            reason=one_line(f"not loaded: the batch stopped ({why}); run the load again"),
                            started_at=now, finished_at=now, format=_suffix_format(path))
        batch.record(entry)
        summary.entries.append(entry)


def _loop(batch, todo, pending, in_flight, summary, limits, executor, runner, window, publish_every, publish_seconds,
          on_progress, total) -> None:
    since_publish, last_publish = 0, time.monotonic()
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            nxt = next(todo, None)
            if nxt is None:
                exhausted = True
                break
            seq, path = nxt
            item = screen(batch, summary.run_id, seq, path, limits, in_flight)
            if isinstance(item, Job):
                b = item.base
                args = (item.data, b["input_path"], b["document_id"], b["started_at"], limits)
                item = (item, executor.submit(prepare_isolated, *args) if runner is run_isolated
                        else executor.submit(prepare_isolated, *args, runner))
            pending.append((seq, path, item))
        if not pending:
            break
        seq, path, item = pending[0]  # popped once its entry is in the summary (see _skip_rest)
        if on_progress:
            on_progress(seq - 1, total, path, None)
        if isinstance(item, LedgerEntry):
            entry = item
            batch.record(entry)
        else:
            job, future = item
            entry = store(batch, job, future.result())
            in_flight.pop(job.base["document_id"], None)
        summary.entries.append(entry)
        pending.popleft()
        fault_point("load.staged")
        since_publish += 1
        if on_progress:
            on_progress(seq, total, path, entry)
        due = (publish_every and since_publish >= publish_every) or (
            publish_seconds is not None and time.monotonic() - last_publish >= publish_seconds)
        if due and seq < total:
            batch.publish()
            since_publish, last_publish = 0, time.monotonic()
