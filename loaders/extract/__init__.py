"""Blocks -> facts. Facts from tables and from prose are both kept; the warehouse decides
which one wins (tables) and keeps the other as corroborating evidence."""

from __future__ import annotations

from ..model import Fact, ParsedDocument
from ..numbers import to_wan

# Bump when extraction changes what a document yields: `juesuan reload --stale` re-extracts every
# document whose raw.documents.extractor_version differs (loaders/store/reload.py).
EXTRACTOR_VERSION = "2026.12.2"


def extract_facts(doc: ParsedDocument) -> list[Fact]:
    """Every fact the document states, in document order, with amount_wan filled in and
    subject codes resolved (codes printed in the document's tables first, then the code lists)."""
    from .prose import extract_prose
    from .subjects import apply_subjects
    from .tables import extract_tables

    facts = extract_tables(doc) + extract_prose(doc)
    apply_subjects(facts)
    for f in facts:
        if f.amount_wan is None:
            f.amount_wan = to_wan(f.value, f.unit)
    facts.sort(key=lambda f: (f.location.char_start or 0, f.metric))
    return facts
