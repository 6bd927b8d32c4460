"""The literal text a regular expression's matches must contain, read off the stdlib's own parse
of the pattern: a cheap ``str.find`` / ``in`` test that tells which texts (sentences, lines) a
pattern cannot match, before running it over them. ``literal_plan`` is the one answer the prose
driver (prescan.py) and the budget-figure reader (budget.py) both ask."""

from __future__ import annotations

import re
from functools import lru_cache

try:  # Python >= 3.11
    from re import _constants as _C, _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]


_MAX_STRINGS = 64


def _expand(items) -> list[str] | None:
    """Every string the sequence ``items`` can match when it is made only of literals, small
    literal classes, non-capturing or capturing groups, alternatives and ``?`` parts; else None."""
    out = [""]
    for op, av in items:
        if op is _C.LITERAL:
            opts = [chr(av)]
        elif op is _C.IN:
            if len(av) > 16 or not all(iop is _C.LITERAL for iop, _ in av):
                return None
            opts = [chr(c) for _, c in av]
        elif op is _C.SUBPATTERN:
            if av[1] or av[2]:
                return None  # local flags
            opts = _expand(av[-1])
        elif op is _C.BRANCH:
            opts = []
            for b in av[1]:
                e = _expand(b)
                if e is None:
                    return None
                opts += e
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] in (0, 1) and av[1] == 1:
            e = _expand(av[2])
            opts = None if e is None else e + ([""] if av[0] == 0 else [])
        else:
            return None
        if opts is None:
            return None
        out = [a + b for a in out for b in opts]
        if len(out) > _MAX_STRINGS:
            return None
    return out


def _better(a: list[str] | None, b: list[str] | None) -> list[str] | None:
    if a is None:
        return b
    if b is None:
        return a
    return max(a, b, key=lambda x: (min(map(len, x)), -len(x)))


def _required(items) -> list[str] | None:
    """Literal strings one of which every match of the sequence ``items`` contains, or None."""
    best, run = None, []

    def close_run():
        nonlocal best, run
        if run:
            e = _expand(run)
            if e is not None and "" not in e:
                best = _better(best, sorted(set(e)))
        run = []

    for item in items:
        op, av = item
        if _expand([item]) is not None:
            run.append(item)
            continue
        close_run()
        sub = None
        if op is _C.SUBPATTERN and not av[1] and not av[2]:
            sub = _required(av[-1])
        elif op is _C.BRANCH:
            parts = [_required(b) for b in av[1]]
            sub = None if any(x is None for x in parts) else sorted({w for x in parts for w in x})
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) and av[0] >= 1:
            sub = _required(av[2])
        best = _better(best, sub)
    close_run()
    return best


@lru_cache(maxsize=None)  # compile-once: keyed on the module-level patterns
def literal_plan(pattern: re.Pattern[str]) -> tuple[bool, tuple[str, ...]] | None:
    """``(exact, strings)``: with ``exact`` the pattern matches exactly where one of the strings
    occurs; else every match contains one of them. None when no such literals are known."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = list(_P.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover
        return None
    exact = _expand(tree)
    if exact is not None:
        return None if "" in exact else (True, _minimal(exact))
    req = _required(tree)
    return None if not req else (False, _minimal(req))


def _minimal(words: list[str]) -> tuple[str, ...]:
    """The words that contain no other word of the list: where a longer one occurs, so does the shorter."""
    ws = sorted(set(words), key=lambda w: (len(w), w))
    keep: list[str] = []
    for w in ws:
        if not any(k in w for k in keep):
            keep.append(w)
    return tuple(keep)
