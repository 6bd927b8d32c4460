"""Is this file a 决算/预算 disclosure to load? A README, a news page or the official template
with placeholder values is not: the loader quarantines it with the reason this module gives.

The wordings (placeholder amounts, fill-in instructions) are rows of seeds/lexicon/document_gates.csv."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import ParsedDocument
from ..vocab import read_seed
from .metadata import DocumentMeta

NOT_A_DISCLOSURE = "not a 决算/预算 disclosure"
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
LATIN_RE = re.compile(r"[A-Za-z]")
MIN_CJK_SHARE = 0.5  # a disclosure is written in Chinese: CJK characters outnumber Latin letters


@lru_cache(maxsize=1)
def _gates() -> tuple[tuple[re.Pattern[str], int, str], ...]:
    return tuple((re.compile(r["pattern"]), int(r["min_count"] or 1), r["reason"]) for r in read_seed("document_gates"))


def quarantine_reason(doc: ParsedDocument, meta: DocumentMeta) -> str | None:
    """None when the document is a disclosure to load; else the reason it is not."""
    text = doc.text
    if meta.kind is None:
        return NOT_A_DISCLOSURE
    cjk, latin = len(CJK_RE.findall(text)), len(LATIN_RE.findall(text))
    if cjk < MIN_CJK_SHARE * (cjk + latin):
        return NOT_A_DISCLOSURE
    for pattern, min_count, reason in _gates():
        n = 0
        for _ in pattern.finditer(text):
            n += 1
            if n >= min_count:
                return reason
    return None
