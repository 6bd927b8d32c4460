"""The literal text every match of a regular expression must contain: a cheap ``in`` test that
tells which texts a pattern cannot match, before running it over each of them."""

from __future__ import annotations

import re

try:
    from re import _parser  # the stdlib's own parse of a pattern (public as sre_parse before 3.11)
except ImportError:  # pragma: no cover - another Python: no literal, every text is scanned
    _parser = None


def required_literal(pattern: re.Pattern[str]) -> str | None:
    """The longest run of literal characters at the top level of ``pattern`` (every match holds
    it), or None when there is none or the pattern's flags change what a literal matches."""
    if _parser is None or pattern.flags & (re.IGNORECASE | re.LOCALE) or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a compiled pattern parses again
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    best, run = "", []
    for op, arg in parsed.data:
        if op is _parser.LITERAL:
            run.append(chr(arg))
            continue
        best, run = max(best, "".join(run), key=len), []
    best = max(best, "".join(run), key=len)
    return best or None
