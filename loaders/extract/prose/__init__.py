"""Facts stated in running text (情况说明), by rule family: sentence context (context.py),
number mentions (mentions.py), the sentence driver (sentences.py) and one module per family
(money, changes, counts, projects, indicators).

Works on a normalised copy of ``doc.text`` (``loaders.textnorm``) and maps every match back,
so each fact's evidence is an exact substring of ``doc.text``. Text inside table blocks is
left to the table reader. A rule that crashes raises: the sandbox and the property tests are
there to catch it, instead of a silent loss of recall.
"""

from __future__ import annotations

from ...model import Fact, ParsedDocument
from ...textnorm import normalize_with_map
from .builder import FactBuilder
from .sentences import SentenceExtractor


def _without_tables(doc: ParsedDocument) -> str:
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


def extract_prose(doc: ParsedDocument) -> list[Fact]:
    from ..prose_flat import FlatTableExtractor  # text tables: h9tables moves them into the table reader

    nt = normalize_with_map(_without_tables(doc))
    fb = FactBuilder(doc, nt)
    year = doc.meta.get("fiscal_year") if isinstance(doc.meta, dict) else None
    SentenceExtractor(fb, nt.text, year if isinstance(year, int) else None).run()
    FlatTableExtractor(fb, nt.text).run()
    return fb.facts
