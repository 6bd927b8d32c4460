"""ParsedDocument.line_of / page_of answer from per-document indexes: the same answers as the
plain definitions (count the newlines before the offset; the page span, else the first block
holding the offset), and a changed document is never answered from a stale index."""

from __future__ import annotations

import random

from loaders.model import Block, Location, ParsedDocument


def _naive_line(doc: ParsedDocument, offset: int) -> int:
    return doc.text.count("\n", 0, offset) + 1


def _naive_page(doc: ParsedDocument, offset: int) -> int | None:
    for page, s, e in doc.meta.get("page_spans") or []:
        if s <= offset < e:
            return page
    for b in doc.blocks:
        s, e = b.location.char_start, b.location.char_end
        if s is not None and e is not None and s <= offset < e:
            return b.location.page
    return None


def _doc(rng: random.Random, spans: bool) -> ParsedDocument:
    text = "".join(rng.choice("ab\n\n中") for _ in range(rng.randint(0, 300)))
    blocks, pos = [], 0
    while pos < len(text):
        end = min(len(text), pos + rng.randint(1, 40))
        page = rng.choice([None, 1, 2, 3])
        blocks.append(Block(len(blocks), "paragraph", text[pos:end],
                            Location(page=page, char_start=pos if rng.random() > 0.1 else None, char_end=end)))
        pos = end + rng.randint(0, 5)
    meta = {}
    if spans and text:
        cuts = sorted({0, len(text), *(rng.randint(0, len(text)) for _ in range(4))})
        meta["page_spans"] = [[i + 1, a, b] for i, (a, b) in enumerate(zip(cuts, cuts[1:])) if rng.random() > 0.2]
    return ParsedDocument(format="pdf" if spans else "txt", text=text, blocks=blocks, meta=meta)


def test_lookups_equal_the_plain_definitions():
    rng = random.Random(13)
    for _ in range(300):
        doc = _doc(rng, spans=rng.random() < 0.5)
        for offset in range(-3, len(doc.text) + 3):
            assert doc.line_of(offset) == _naive_line(doc, offset), offset
            assert doc.page_of(offset) == _naive_page(doc, offset), offset


def test_a_changed_document_is_not_answered_from_a_stale_index():
    doc = ParsedDocument(format="txt", text="a\nb\nc", blocks=[])
    assert doc.line_of(4) == 3 and doc.page_of(1) is None
    doc.text = "a\nb\n\n\nc"
    assert doc.line_of(6) == 5
    doc.blocks.append(Block(0, "paragraph", "a", Location(page=7, char_start=0, char_end=3)))
    assert doc.page_of(1) == 7
    doc.blocks = [Block(0, "paragraph", "a", Location(page=2, char_start=0, char_end=3))]
    assert doc.page_of(1) == 2
    doc.meta["page_spans"] = [[9, 0, 2]]
    assert doc.page_of(1) == 9 and doc.page_of(2) == 2
