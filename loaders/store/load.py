"""`juesuan load`: files and folders -> raw.* tables, one ledger row per input per run.

Per input: stat and size limit -> read bytes -> sha256 = document_id -> duplicate check ->
parse + metadata + extraction in a sandboxed child -> one transaction with all rows and the
ledger row. Anything that goes wrong becomes a ``quarantined`` ledger row with a one-line
reason; the batch always completes. The working copy is published every
``publish_every`` documents or ``publish_seconds`` seconds, and at the end.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..sandbox import DEFAULT_MEMORY_BYTES, DEFAULT_TIMEOUT_S, describe_exception, one_line, run_isolated
from . import ledger
from .ledger import DUPLICATE, LOADED, QUARANTINED, LedgerEntry
from .prepare import prepare_document, warm_up
from .warehouse import WaitCallback, print_to_stderr, working_copy
from .write import exists, record, write_document

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


def load_one(con: duckdb.DuckDBPyConnection, run_id: str, seq: int, path: Path, limits: Limits) -> LedgerEntry:
    """Load one input file; always returns (and records) exactly one ledger entry."""
    started = ledger.now()
    base = dict(run_id=run_id, seq=seq, input_path=str(path), started_at=started, format=_suffix_format(path))

    def finish(status: str, reason: str | None = None, **kw) -> LedgerEntry:
        entry = LedgerEntry(status=status, reason=one_line(reason) if reason else None,
                            finished_at=ledger.now(), **{**base, **kw})
        if status != LOADED:
            record(con, entry)
        return entry

    try:
        st = path.stat()
    except FileNotFoundError:
        return finish(QUARANTINED, "no such file")
    except OSError as e:
        return finish(QUARANTINED, f"cannot read: {e.strerror or e}")
    if not stat.S_ISREG(st.st_mode):
        return finish(QUARANTINED, "not a regular file")
    if st.st_size > limits.max_bytes:
        return finish(QUARANTINED, f"oversized: {st.st_size / 1e6:.1f} MB > {limits.max_bytes / 1e6:.1f} MB limit",
                      bytes=st.st_size)
    try:
        data = path.read_bytes()
    except OSError as e:
        return finish(QUARANTINED, f"cannot read: {e.strerror or e}")
    document_id = hashlib.sha256(data).hexdigest()
    base.update(document_id=document_id, bytes=len(data))
    if not data:
        return finish(QUARANTINED, "empty file (0 bytes)")
    first_path = exists(con, document_id)
    if first_path is not None:
        return finish(DUPLICATE, f"same bytes as {first_path}")

    from ..formats.pdf_ocr import ocr_time_budget  # OCR'd pages get extra time each

    res = run_isolated(prepare_document, data, str(path), document_id, started,
                       timeout_s=limits.timeout_s + ocr_time_budget(data, path.name),
                       memory_bytes=limits.memory_bytes)
    if not res.ok:
        return finish(QUARANTINED, res.error)
    rows = res.value
    entry = LedgerEntry(status=LOADED, finished_at=ledger.now(), facts=len(rows.facts),
                        **{**base, "format": rows.document.get("format") or base["format"]})
    try:
        write_document(con, rows, entry)
    except Exception as e:  # noqa: BLE001 - the document's rows were rolled back
        return finish(QUARANTINED, f"store failed: {describe_exception(e)}", format=entry.format)
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
) -> LoadSummary:
    """Load every input into the warehouse at ``db_path``; see the module docstring."""
    limits = limits or Limits()
    inputs = discover(paths)
    warm_up()
    summary = LoadSummary(run_id=ledger.new_run_id(), db_path=Path(db_path))
    t0 = time.monotonic()
    with working_copy(Path(db_path), on_wait=on_wait) as wc:
        since_publish, last_publish = 0, time.monotonic()
        for seq, path in enumerate(inputs, start=1):
            if on_progress:
                on_progress(seq - 1, len(inputs), path, None)
            entry = load_one(wc.connect(), summary.run_id, seq, path, limits)
            summary.entries.append(entry)
            since_publish += 1
            if on_progress:
                on_progress(seq, len(inputs), path, entry)
            due = (publish_every and since_publish >= publish_every) or (
                publish_seconds is not None and time.monotonic() - last_publish >= publish_seconds)
            if due and seq < len(inputs):
                wc.publish(reopen=True)
                since_publish, last_publish = 0, time.monotonic()
        summary.publishes = wc.publishes + 1  # the final publish happens on leaving the block
    summary.seconds = time.monotonic() - t0
    return summary
