"""Facts stated in table blocks (the nine standard tables, project and indicator tables).
Placeholder until the table extractor lands."""

from __future__ import annotations

from ..model import Fact, ParsedDocument


def extract_tables(doc: ParsedDocument) -> list[Fact]:
    return []
