"""``loaders.numbers`` for table cells, memoised: the table readers ask about the same printed cell
many times (is it a number? missing?) while deciding what a row is, and a document's cells repeat
("-", "0.00", "合计"). Pure functions of the text, so a bounded cache shared by documents is safe."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from ..numbers import is_missing, parse_number

CACHE_SIZE = 1 << 16


@lru_cache(maxsize=CACHE_SIZE)
def cell_number(text: str | None) -> Decimal | None:
    """``parse_number(text)``."""
    return parse_number(text)


@lru_cache(maxsize=CACHE_SIZE)
def cell_missing(text: str | None) -> bool:
    """``is_missing(text)``."""
    return is_missing(text)
