"""Deterministic fault points for the fault-injection tests (and for anyone who doubts the store).

``JUESUAN_FAULT=<point>[@<n>][:<action>]`` makes the n-th time (default 1st) the store passes
``<point>`` in this process do ``<action>``:

- ``INT`` (default): send SIGINT to this process, as Ctrl-C would;
- ``KILL``: SIGKILL this process (a crash, an OOM kill, a power cut for this process);
- ``ENOSPC``: raise ``OSError(ENOSPC)``, as a full disk would;
- ``EXC``: raise ``RuntimeError`` (an unexpected bug).

The named points are listed in ``POINTS``; every one is exercised by tests/test_faults.py.
"""

from __future__ import annotations

import errno
import os
import signal

FAULT_ENV = "JUESUAN_FAULT"

POINTS = (
    "load.staged",        # a document's rows are committed to the writer's private batch file
    "publish.shards",     # the batch's shard files are written (named by content), manifest not yet
    "publish.manifest",   # the new manifest is committed, the published catalog not yet replaced
    "publish.catalog",    # the next catalog file is complete, just before its atomic rename
    "build.dbt",          # dbt is running on the private copy (the fault fires while it runs)
    "build.verify",       # dbt succeeded; the copy is about to be verified and published
)

_hits: dict[str, int] = {}


def _parse(spec: str) -> tuple[str, int, str]:
    point, _, action = spec.partition(":")
    point, _, nth = point.partition("@")
    return point.strip(), int(nth or 1), (action.strip().upper() or "INT")


def armed(point: str) -> str | None:
    """The action to take at ``point`` now (counting this hit), or None."""
    spec = os.environ.get(FAULT_ENV)
    if not spec:
        return None
    name, nth, action = _parse(spec)
    if name != point:
        return None
    _hits[point] = _hits.get(point, 0) + 1
    return action if _hits[point] == nth else None


def fault_point(point: str) -> None:
    action = armed(point)
    if action is not None:
        trigger(action, point)


def trigger(action: str, point: str) -> None:
    if action == "INT":
        os.kill(os.getpid(), signal.SIGINT)
    elif action == "KILL":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "ENOSPC":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), f"fault point {point}")
    elif action == "EXC":
        raise RuntimeError(f"injected fault at {point}")
    else:
        raise ValueError(f"{FAULT_ENV}: unknown action {action!r} (INT, KILL, ENOSPC, EXC)")
