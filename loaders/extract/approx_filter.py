"""A pre-check in front of ``numbers.approximate_in``: the approximate wordings (约 / 余 / 多 …)
are words each holding a CJK ideograph, so evidence whose NFKC form holds none of their
ideographs cannot print a number as approximate, and the per-printing search is skipped.

The ideographs are read from the patterns themselves (``numbers.APPROX_BEFORE`` /
``APPROX_AFTER``); a pattern of any other shape than ``^? \\s* (?:word|word…) \\s* $?`` turns the
pre-check off (every fact is searched)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .. import numbers

# the shape the pre-check understands: optional anchors and blanks around one group of words
_SHAPE = re.compile(r"\^?(?:\\s\*)?\(\?:([^()\[\]\\.*+?{}^$|]+(?:\|[^()\[\]\\.*+?{}^$|]+)*)\)(?:\\s\*)?\$?")
_IDEOGRAPH = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _key_ideographs() -> re.Pattern[str] | None:
    chars: set[str] = set()
    for pattern in (numbers.APPROX_BEFORE, numbers.APPROX_AFTER):
        m = _SHAPE.fullmatch(pattern.pattern)
        if m is None or pattern.flags & ~re.UNICODE:
            return None
        for word in m.group(1).split("|"):
            found = set(_IDEOGRAPH.findall(word))
            if not found:
                return None  # a word without an ideograph: no pre-check
            chars |= found
    return re.compile("[" + "".join(sorted(chars)) + "]")


def approximate(evidence: str, value_text: str | None) -> bool:
    """``numbers.approximate_in(evidence, value_text)``, skipping the search when the evidence
    cannot hold an approximate wording. NFKC maps character by character to what the search's
    folded windows hold, and no composition makes an ideograph."""
    if not value_text:
        return False
    keys = _key_ideographs()
    if keys is not None and not keys.search(unicodedata.normalize("NFKC", evidence)):
        return False
    return numbers.approximate_in(evidence, value_text)
