"""Critical sections that Ctrl-C cannot cut in half.

Inside ``deferred_interrupts()`` a SIGINT is remembered instead of raised (so DuckDB never
sees "Query interrupted" half way through a commit, and a publish is never abandoned between
its renames); it is raised as KeyboardInterrupt when the section ends. Outside the main
thread (where Python cannot install handlers) the section is a no-op.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def deferred_interrupts() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.getsignal(signal.SIGINT)
    if getattr(previous, "_juesuan_deferring", False):  # nested: the outer section defers
        yield
        return

    def remember(signum, frame):  # noqa: ARG001
        received.append(signum)

    remember._juesuan_deferring = True  # type: ignore[attr-defined]
    signal.signal(signal.SIGINT, remember)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        raise KeyboardInterrupt
