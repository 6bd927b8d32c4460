"""Facts stated in running text (情况说明). Placeholder until the prose extractor lands."""

from __future__ import annotations

from ..model import Fact, ParsedDocument


def extract_prose(doc: ParsedDocument) -> list[Fact]:
    return []
