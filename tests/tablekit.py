"""Helpers for table tests: parse a text as a .txt file (text tables become table blocks) and
extract every fact, checking that each keeps exact evidence at its offsets."""

from __future__ import annotations

from loaders.extract import extract_facts
from loaders.formats.text import parse_text
from loaders.model import Fact
from loaders.numbers import value_in_evidence


def text_facts(text: str, fmt: str = "txt") -> list[Fact]:
    doc = parse_text(text.encode("utf-8"), fmt)
    assert doc.text == text
    out = extract_facts(doc)
    for f in out:
        assert f.evidence in text and value_in_evidence(f.value, f.evidence), f
        assert text[f.location.char_start:f.location.char_end] == f.evidence, f
    return out


def table_facts(text: str) -> list[Fact]:
    """Only the facts read from table blocks (source = table)."""
    return [f for f in text_facts(text) if f.source == "table"]
