"""Helpers for the prose-mechanism tests: extract from a bare text and find facts."""

from __future__ import annotations

from decimal import Decimal

from loaders.extract.prose import extract_prose
from loaders.model import Fact, ParsedDocument
from loaders.numbers import value_in_evidence


def facts(text: str) -> list[Fact]:
    """Prose facts of ``text``, each checked for exact evidence at its offsets."""
    out = extract_prose(ParsedDocument(format="txt", text=text, blocks=[]))
    for f in out:
        assert f.evidence in text and value_in_evidence(f.value, f.evidence), f
        assert text[f.location.char_start:f.location.char_end] == f.evidence
    return out


def find(fs: list[Fact], metric: str, value=None, q: str | None = None, unit: str | None = None,
         qualifier: str | None = None) -> list[Fact]:
    """Facts of ``metric`` (and value / unit); ``q`` must be inside the qualifier, ``qualifier`` equal it."""
    return [f for f in fs if f.metric == metric and (value is None or f.value == Decimal(str(value)))
            and (q is None or (f.qualifier and q in f.qualifier))
            and (qualifier is None or (f.qualifier or "") == qualifier)
            and (unit is None or f.unit == unit)]


def find_exact(fs: list[Fact], metric: str, value=None, qualifier: str | None = None,
               unit: str | None = None) -> list[Fact]:
    """``find`` with the qualifier compared for equality."""
    return find(fs, metric, value, unit=unit, qualifier=qualifier)
