"""A pre-check in front of ``numbers.approximate_in``: the approximate wordings (约 / 余 / 多 …)
are words each holding one of a few key characters, so evidence whose NFKC form holds none of
them cannot print a number as approximate, and the per-printing search is skipped.

The key characters are read from the patterns themselves (``numbers.approx_key_characters`` of
``APPROX_BEFORE`` / ``APPROX_AFTER``); a pattern of any other shape than one group of plain words
turns the pre-check off (every fact is searched)."""

from __future__ import annotations

import re
from functools import lru_cache

from .. import numbers
from .tables.grid import nfkc

@lru_cache(maxsize=1)
def _key_ideographs() -> re.Pattern[str] | None:
    """One character of every approximate word (numbers.approx_key_characters, the same keys as
    numbers.is_approximate's own pre-check); None (no pre-check) when a pattern is of another shape."""
    keys = [numbers.approx_key_characters(p) for p in (numbers.APPROX_BEFORE, numbers.APPROX_AFTER)]
    if any(k is None for k in keys):
        return None
    return re.compile("[" + re.escape("".join(keys)) + "]")


def approximate(evidence: str, value_text: str | None) -> bool:
    """``numbers.approximate_in(evidence, value_text)``, skipping the search when the evidence
    cannot hold an approximate wording. NFKC maps character by character to what the search's
    folded windows hold, and no composition makes an ideograph."""
    if not value_text:
        return False
    keys = _key_ideographs()
    if keys is not None and not keys.search(nfkc(evidence)):
        return False
    return numbers.approximate_in(evidence, value_text)
