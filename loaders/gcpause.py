"""The cyclic garbage collector paused while one document is parsed or its facts extracted.

A text document's parse and extraction allocate tens of thousands of small objects that live
until the end (blocks, cells, locations, facts) and make almost no reference cycles, so the
collector's young-generation passes, triggered every 700 allocations, walk the same surviving
objects again and again for nothing: about a quarter of the text path's CPU in a process that
did not ``gc.freeze()`` what it imported (the bench, a notebook, ``juesuan extract``; the
sandbox child already freezes). ``gc_paused`` turns the collector off for the length of the
call and back on afterwards (reference counting still frees everything at once; any cycle made
meanwhile is collected by the first pass after). Calls may nest and run in several threads:
the collector comes back on when the last paused call ends, and only if it was on before.
Used where the objects made are (almost) free of cycles, measured: the text parser, the
extractor, pdfium's page reading and the PDF layout (14 real PDFs, 306 pages, read and
extracted with the collector off: 3,851 cyclic objects left in all; the collector had been
about a fifth of the PDF path's CPU). Not for pdfplumber (2 million cyclic objects on the same
PDFs: its pages and layout objects point at each other), OCR or the office formats.
"""

from __future__ import annotations

import gc
import threading
from functools import wraps
from typing import Callable, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_depth = 0
_was_enabled = False


def _enter() -> None:
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1


def _exit() -> None:
    global _depth
    with _lock:
        _depth -= 1
        if _depth == 0 and _was_enabled:
            gc.enable()


def gc_paused(fn: Callable[..., T]) -> Callable[..., T]:
    """``fn`` run with the cyclic collector off (see the module docstring)."""

    @wraps(fn)
    def paused(*args, **kwargs) -> T:
        _enter()
        try:
            return fn(*args, **kwargs)
        finally:
            _exit()

    return paused
