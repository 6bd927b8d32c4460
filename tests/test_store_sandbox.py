"""Per-document isolation: time limit, memory limit, crashes, and how the loader records them."""

from __future__ import annotations

import os
import signal
import time

from loaders import formats
from loaders.formats.errors import QuarantineError
from loaders.sandbox import run_isolated
from loaders.store.load import Limits, load_paths


def _sleep(seconds):
    time.sleep(seconds)
    return "woke"


def _allocate(n_bytes):
    blob = bytearray(n_bytes)
    return len(blob)


def _segfault():
    os.kill(os.getpid(), signal.SIGSEGV)


def _quarantine():
    raise QuarantineError("encrypted PDF\nsecond line is dropped")


def _boom():
    raise ValueError("bad\nthing")


def test_result_comes_back():
    r = run_isolated(_allocate, 10, timeout_s=10)
    assert r.ok and r.value == 10


def test_time_limit():
    t0 = time.monotonic()
    r = run_isolated(_sleep, 30, timeout_s=1)
    assert r.error == "timed out after 1 s"
    assert time.monotonic() - t0 < 5


def test_memory_limit():
    r = run_isolated(_allocate, 3 * 1024**3, timeout_s=30, memory_bytes=512 * 1024**2)
    assert r.error == "memory limit exceeded (512 MiB)"


def test_crash_by_signal():
    r = run_isolated(_segfault, timeout_s=10)
    assert r.error == "crashed: killed by SIGSEGV"


def test_errors_become_one_line():
    assert run_isolated(_quarantine, timeout_s=10).error == "encrypted PDF"
    r = run_isolated(_boom, timeout_s=10)
    assert r.error.startswith("crashed: ValueError: bad thing at test_store_sandbox.py:")
    assert "\n" not in r.error


def test_loader_records_a_hanging_and_a_crashing_parser(tmp_path, tmp_warehouse, monkeypatch):
    real = formats.parse_bytes

    def evil_parse(data, name):
        if name.startswith("hang"):
            time.sleep(60)
        if name.startswith("crash"):
            os.kill(os.getpid(), signal.SIGABRT)
        if name.startswith("raise"):
            raise KeyError("no such table")
        return real(data, name)

    monkeypatch.setattr(formats, "parse_bytes", evil_parse)
    for n in ("crash.txt", "hang.txt", "raise.txt"):
        (tmp_path / n).write_text(f"{n} 2023年度部门决算", encoding="utf-8")
    t0 = time.monotonic()
    s = load_paths([tmp_path / n for n in ("crash.txt", "hang.txt", "raise.txt")], tmp_warehouse,
                   limits=Limits(timeout_s=2))
    assert time.monotonic() - t0 < 15
    assert [(e.status, e.reason) for e in s.entries] == [
        ("quarantined", "crashed: killed by SIGABRT"),
        ("quarantined", "timed out after 2 s"),
        ("quarantined", "parser crashed: KeyError: 'no such table'"),
    ]
    assert all(e.document_id for e in s.entries)


def _arrow_backend() -> str:
    import pyarrow as pa

    pa.array(list(range(1000)))
    return pa.default_memory_pool().backend_name


def test_a_sandbox_allocates_arrow_memory_from_the_system_allocator():
    """RLIMIT_AS counts reserved address space: mimalloc (pyarrow's default) reserves 1 GiB arenas,
    which made tiny documents fail a 1 GiB limit "in row builder" whenever a child needed a new
    arena (tests/test_hostile.py run alone: 2 of 23 inputs). Children use the system allocator,
    whether pyarrow was imported before the fork or in the child."""
    import pyarrow as pa

    before = pa.default_memory_pool().backend_name
    res = run_isolated(_arrow_backend, memory_bytes=1024**3)
    assert res.ok and res.value == "system", res
    assert pa.default_memory_pool().backend_name == before  # the parent keeps its own allocator


def _frozen() -> int:
    import gc

    return gc.get_freeze_count()


def test_a_sandbox_child_leaves_the_inherited_objects_out_of_collections():
    import gc

    res = run_isolated(_frozen)
    assert res.ok and res.value > 1000, res  # the parent's objects, frozen in the child
    assert gc.get_freeze_count() == 0 or res.value > gc.get_freeze_count()
