"""Run one function in a child process with a time limit and a memory limit.

One hostile file must not stall or exhaust a batch: the loader parses and extracts each
document in a forked child. The child gets ``RLIMIT_AS`` = its inherited address space plus
``memory_bytes``, dies with its parent (``PR_SET_PDEATHSIG``), and sends back either the
result or a one-line error. The parent kills it when the time limit passes.

Only plain data crosses the pipe (the result is pickled), so the function and its result
must be picklable; with the fork context the arguments are inherited, not pickled.

``RLIMIT_AS`` counts reserved address space, not memory used: pyarrow's default allocator
(mimalloc) reserves 1 GiB arenas at a time, so a child building the Arrow rows of a tiny text
could fail a 1 GiB limit ("memory limit exceeded in row builder") whenever it happened to need
a new arena. A child therefore allocates Arrow memory with the system allocator
(``_system_allocator``), whose reservations are small.
"""

from __future__ import annotations

import ctypes
import faulthandler
import gc
import multiprocessing as mp
import os
import resource
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from typing import Any, Callable

from .formats.errors import QuarantineError

DEFAULT_TIMEOUT_S = 120.0
DEFAULT_MEMORY_BYTES = 2 * 1024**3

# Callbacks run in every sandbox child right after fork (e.g. close the writer's lock file
# so that a child outliving its parent cannot keep the warehouse locked).
_child_hooks: list[Callable[[], None]] = []


def register_child_hook(hook: Callable[[], None]) -> None:
    if hook not in _child_hooks:
        _child_hooks.append(hook)


@dataclass
class SandboxResult:
    value: Any = None
    error: str | None = None  # one line; None on success
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


class StageError(Exception):
    """Raised inside the child to name the stage that failed (parser / extractor ...)."""

    def __init__(self, stage: str, exc: BaseException):
        super().__init__(f"{stage} crashed: {describe_exception(exc)}")
        self.stage = stage
        self.exc = exc


def one_line(text: str, limit: int = 300) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe_exception(exc: BaseException) -> str:
    msg = one_line(str(exc)) if str(exc) else ""
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


def _vm_size() -> int:
    """Current virtual address space of this process in bytes (0 if unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def die_with_parent() -> None:
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the time limit still applies
        pass


def _limit_memory(memory_bytes: int | None) -> None:
    if not memory_bytes:
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = _vm_size() + memory_bytes
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _system_allocator() -> None:
    """Arrow memory from the system allocator in this process (see the module docstring): for a
    pyarrow already imported, and for one imported later (its default pool reads the variable)."""
    os.environ["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    pa = sys.modules.get("pyarrow")
    if pa is not None:
        pa.set_memory_pool(pa.system_memory_pool())


def _child(conn, fn, args, kwargs, memory_bytes) -> None:  # pragma: no cover - runs in the child
    _system_allocator()
    # Everything inherited from the parent is moved out of the collector's sight: the child lives
    # for one document, so a full collection walking (and copying, page by page) the parent's
    # objects is pure cost — about a quarter of a text document's CPU in the child (bench corpus).
    gc.freeze()
    for hook in _child_hooks:
        try:
            hook()
        except Exception:
            pass
    die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle (it kills us)
    faulthandler.disable()  # a crash is reported as one ledger line, not a dump on stderr
    try:
        _limit_memory(memory_bytes)
        value = fn(*args, **kwargs)
        payload: tuple[str, Any] = ("ok", value)
    except QuarantineError as e:
        payload = ("error", e.reason)
    except MemoryError:
        payload = ("error", f"memory limit exceeded ({_fmt_bytes(memory_bytes)})")
    except StageError as e:
        if isinstance(e.exc, MemoryError):
            payload = ("error", f"memory limit exceeded ({_fmt_bytes(memory_bytes)}) in {e.stage}")
        else:
            payload = ("error", str(e))
    except BaseException as e:  # noqa: BLE001 - everything becomes a one-line reason
        tb = traceback.extract_tb(e.__traceback__)
        where = f" at {os.path.basename(tb[-1].filename)}:{tb[-1].lineno}" if tb else ""
        payload = ("error", f"crashed: {describe_exception(e)}{where}")
    try:
        conn.send(payload)
    except MemoryError:
        conn.send(("error", f"memory limit exceeded ({_fmt_bytes(memory_bytes)}) sending the result"))
    except Exception as e:  # unpicklable result
        conn.send(("error", f"crashed: result could not be sent back: {describe_exception(e)}"))
    finally:
        conn.close()


def _fmt_bytes(n: int | None) -> str:
    if not n:
        return "no limit"
    if n >= 1024**3 and n % 1024**3 == 0:
        return f"{n // 1024**3} GiB"
    return f"{n / 1024**2:.0f} MiB"


def _signal_name(code: int) -> str:
    try:
        return signal.Signals(code).name
    except ValueError:
        return f"signal {code}"


_live_children: set = set()


def kill_children() -> None:
    """Kill every sandbox child still running (after Ctrl-C: their results are not wanted)."""
    for proc in list(_live_children):
        try:
            proc.kill()
        except (OSError, AttributeError, ValueError):
            pass


def run_isolated(
    fn: Callable[..., Any],
    *args: Any,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    memory_bytes: int | None = DEFAULT_MEMORY_BYTES,
    **kwargs: Any,
) -> SandboxResult:
    """Call ``fn(*args, **kwargs)`` in a forked child; never raises for the child's failures."""
    ctx = mp.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    start = time.monotonic()
    proc = ctx.Process(target=_child, args=(send, fn, args, kwargs, memory_bytes), daemon=True)
    proc.start()
    _live_children.add(proc)
    send.close()
    payload = None
    timed_out = False
    try:
        if recv.poll(timeout_s):
            try:
                payload = recv.recv()
            except (EOFError, OSError):
                payload = None
            except Exception as e:  # a result that cannot be unpickled
                payload = ("error", f"crashed: result could not be read: {describe_exception(e)}")
        else:
            timed_out = True
    finally:
        recv.close()
        if timed_out or payload is None:
            proc.join(0.5 if not timed_out else 0)
            if proc.is_alive():
                proc.kill()
        proc.join()
        _live_children.discard(proc)
    seconds = time.monotonic() - start
    if timed_out:
        return SandboxResult(error=f"timed out after {timeout_s:g} s", seconds=seconds)
    if payload is None:
        code = proc.exitcode
        if code is not None and code < 0:
            sig = _signal_name(-code)
            if -code == signal.SIGKILL:
                why = f"killed by {sig} (out of memory?)"
            else:
                why = f"killed by {sig}"
            return SandboxResult(error=f"crashed: {why}", seconds=seconds)
        return SandboxResult(error=f"crashed: child exited with code {code} without a result", seconds=seconds)
    kind, value = payload
    if kind == "ok":
        return SandboxResult(value=value, seconds=seconds)
    return SandboxResult(error=one_line(value), seconds=seconds)
