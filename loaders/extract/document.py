"""What every extractor of one document needs and nobody should recompute: the document's kind
(决算 / 预算, metadata's own rule) and the normalised prose text (``doc.text`` with its table
blocks blanked, ``loaders.textnorm``). Built once per document by ``extract_facts`` and passed down."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ParsedDocument
from ..textnorm import NormText, normalize_with_map


@dataclass(frozen=True)
class DocumentView:
    kind: str | None  # 决算 / 预算 / None
    prose: NormText  # normalised doc.text, table blocks blanked (same offsets)

    @property
    def is_budget(self) -> bool:
        return self.kind == "预算"


def without_tables(doc: ParsedDocument) -> str:
    """doc.text with the spans of table blocks blanked out (same length, same offsets)."""
    text = doc.text
    spans = sorted((b.location.char_start, b.location.char_end) for b in doc.tables
                   if b.location.char_start is not None and b.location.char_end is not None)
    if not spans:
        return text
    parts, pos = [], 0
    for s, e in spans:
        s, e = max(s, pos), min(e, len(text))
        if e <= s:
            continue
        parts.append(text[pos:s])
        parts.append("\n\n" + " " * max(0, e - s - 2) if e - s >= 2 else "\n" * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def prose_text(doc: ParsedDocument) -> NormText:
    return normalize_with_map(without_tables(doc))


def view_of(doc: ParsedDocument) -> DocumentView:
    from .metadata import document_kind

    return DocumentView(kind=document_kind(doc.text), prose=prose_text(doc))
