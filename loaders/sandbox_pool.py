"""Long-lived worker processes that run ``run_isolated`` for the writer.

Forking a sandbox child costs the forking process time in proportion to its address space,
and the writer (DuckDB, the batch, pyarrow) is the one process a load cannot parallelise.
So the writer forks ``size`` workers once, at the start of a load (before it takes the
writer lock or opens its batch), and each worker forks the per-document sandbox children:
the writer only sends the input bytes down a pipe and receives the result. Isolation is
unchanged (every document still runs in a fresh child with the same time and memory
limits); workers ignore Ctrl-C, die with the writer (``PR_SET_PDEATHSIG``) and are killed
by ``kill_children()`` after an interrupt, their children dying with them.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
from dataclasses import dataclass
from typing import Any, Callable

from . import sandbox
from .sandbox import SandboxResult, run_isolated


@dataclass
class _Worker:
    proc: Any
    conn: Any


def _serve(conn) -> None:  # pragma: no cover - runs in the worker process
    for hook in sandbox._child_hooks:
        try:
            hook()
        except Exception:
            pass
    sandbox.die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        while True:
            try:
                fn, args, kwargs, timeout_s, memory_bytes = conn.recv()
            except (EOFError, OSError):
                break
            conn.send(run_isolated(fn, *args, timeout_s=timeout_s, memory_bytes=memory_bytes, **kwargs))
    finally:
        os._exit(0)


class SandboxPool:
    """``size`` workers; ``run`` is ``run_isolated`` executed by an idle one (thread-safe)."""

    def __init__(self, size: int):
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._procs: list = []
        self.closed = False
        for _ in range(max(1, size)):
            self._idle.put(self._spawn())
        _pools.add(self)

    def _spawn(self) -> _Worker:
        ctx = mp.get_context("fork")
        mine, theirs = ctx.Pipe(duplex=True)
        proc = ctx.Process(target=_serve, args=(theirs,), daemon=False, name="juesuan-worker")  # it forks
        proc.start()
        theirs.close()
        self._procs.append(proc)
        return _Worker(proc, mine)

    def run(self, fn: Callable[..., Any], *args: Any, timeout_s: float = sandbox.DEFAULT_TIMEOUT_S,
            memory_bytes: int | None = sandbox.DEFAULT_MEMORY_BYTES, **kwargs: Any) -> SandboxResult:
        if self.closed:
            return SandboxResult(error="not run: the load stopped")
        w = self._idle.get()
        try:
            w.conn.send((fn, args, kwargs, timeout_s, memory_bytes))
            res = w.conn.recv()
        except (EOFError, OSError):  # the worker died (killed): replace it and run this one here
            self._retire(w)
            if self.closed:
                return SandboxResult(error="not run: the load stopped")
            self._idle.put(self._spawn())
            return run_isolated(fn, *args, timeout_s=timeout_s, memory_bytes=memory_bytes, **kwargs)
        except BaseException:  # interrupted mid-exchange: the worker's state is unknown
            self._retire(w)
            if not self.closed:
                self._idle.put(self._spawn())
            raise
        self._idle.put(w)
        return res

    def _retire(self, w: _Worker) -> None:
        try:
            w.proc.kill()
            w.conn.close()
        except (OSError, AttributeError, ValueError):
            pass

    def kill(self) -> None:
        self.closed = True
        for proc in list(self._procs):
            try:
                proc.kill()
            except (OSError, AttributeError, ValueError):
                pass

    def close(self) -> None:
        """Stop every worker (a worker's running child dies with it)."""
        self.kill()
        for proc in self._procs:
            try:
                proc.join(5)
            except (OSError, AttributeError, ValueError, AssertionError):
                pass
        _pools.discard(self)


_pools: set[SandboxPool] = set()


def kill_pools() -> None:
    for pool in list(_pools):
        pool.kill()
