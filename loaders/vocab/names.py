"""The one fold of printed names. Every path (prose, tables, evaluation, checks) compares item
names through ``fold`` so that ``因公出国(境)费`` and ``因公出国（境）费支出`` are one item, and
names a canonical 三公 item through ``three_public_name``."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import read_seed

_DROP = re.compile(r"[\s\"'“”‘’「」『』]")
_SUFFIX = re.compile(r"(?:支出|经费|费用|费)$")


def fold(name: str) -> str:
    """Width- and bracket-folded name: NFKC (full-width brackets, digits and punctuation become
    ASCII), no whitespace or quotes."""
    return _DROP.sub("", unicodedata.normalize("NFKC", name or ""))


def name_key(name: str) -> str:
    """``fold`` without a trailing 支出 / 经费 / 费用 / 费: the key two spellings of one item share."""
    return _SUFFIX.sub("", fold(name))


@lru_cache(maxsize=None)
def _three_public_wordings() -> tuple[tuple[re.Pattern[str], str], ...]:
    rows = sorted(read_seed("three_public_wordings"), key=lambda r: int(r["priority"]))
    return tuple((re.compile(r["pattern"]), r["item"]) for r in rows)


@lru_cache(maxsize=None)
def three_public_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    """(compiled wording, canonical item) for the 三公 components, on ``fold``-ed text (made once
    from the seed: ``three_public_match`` walks it for every label it is asked about)."""
    return tuple(p for p in _three_public_wordings() if p[1] != "合计")


@lru_cache(maxsize=None)
def three_public_total_pattern() -> re.Pattern[str]:
    """The wordings of the 三公 total (item 合计), as one pattern."""
    pats = [p.pattern for p, item in _three_public_wordings() if item == "合计"]
    return re.compile("|".join(f"(?:{p})" for p in pats))


@lru_cache(maxsize=None)
def _three_public_any() -> re.Pattern[str]:
    """Every component wording as one alternation: where it finds nothing, no wording matches."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in three_public_patterns()))


def three_public_match(label: str) -> tuple[str, re.Match[str]] | None:
    """The 三公 component named last (and longest) in a ``fold``-ed label, with its match."""
    if not _three_public_any().search(label):
        return None
    best = None
    for pat, name in three_public_patterns():
        for m in pat.finditer(label):
            if best is None or (m.end(), m.end() - m.start()) > (best[1].end(), best[1].end() - best[1].start()):
                best = (name, m)
    return best


@lru_cache(maxsize=4096)
def three_public_name(printed: str) -> str | None:
    """The canonical name (seeds/lexicon/three_public_items.csv) of a printed 三公 item, or None."""
    f = fold(printed)
    if three_public_total_pattern().fullmatch(f) or f in ("合计", "总计"):
        return "合计"
    hit = three_public_match(f)
    return hit[0] if hit else None


@lru_cache(maxsize=None)
def three_public_items() -> tuple[dict[str, str], ...]:
    return read_seed("three_public_items")
