"""grid.nfkc (issue 13) replaces each compatibility character of the table blocks it knows by its
NFKD form before normalising: it must give ``unicodedata.normalize("NFKC", text)`` for every
text — each code point alone, generated mixes of compatibility characters with combining marks,
Hangul jamo and halfwidth kana (which compose with their neighbours), and every table cell."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.config import SAMPLES_DIR
from loaders.extract.tables.grid import COMPAT_BLOCKS, _compat_decompositions, nfkc, norm
from loaders.formats import parse_bytes


def _old(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def test_every_code_point_alone():
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        assert nfkc(c) == _old(c), hex(cp)


def test_the_table_holds_each_block_character_nfkd_changes():
    table, pattern = _compat_decompositions()
    for lo, hi in COMPAT_BLOCKS:
        for cp in range(lo, hi + 1):
            c = chr(cp)
            changed = unicodedata.normalize("NFKD", c) != c
            assert (c in table) == changed
            assert bool(pattern.fullmatch(c)) == changed


# composing neighbours: combining marks, Hangul jamo, halfwidth kana and their sound marks,
# precomposed letters, fullwidth forms, enclosed numbers, CJK punctuation, ideographic space
TRICKY = ["\u0301", "\u0308", "\u0323", "\u031b", "\u3099", "\u309a", "\uff9e", "\uff9f", "\uff76", "\uff8a",
          "\u30ab", "\u304b", "\u1100", "\u1161", "\u11a8", "\uffa1", "\uffc2", "\u3131", "e", "o", "A", "\u00e9",
          "\u212b", "\u2126", "\u1e9b", "\uff08", "\uff09", "\uff0c", "\uff1b", "\u2460", "\u2473", "\u3000",
          "\u00a0", "\u2002", "\u2024", "\u2025", "\u2026", "\u3250", "\u32ff", "\u33a1", "\ufe35", "\ufb01",
          "\uf900", "预", "算", "1", " ", "\n"]


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(TRICKY), max_size=12).map("".join), st.text(max_size=20)))
def test_generated_texts(text):
    assert nfkc(text) == _old(text)


def test_every_table_cell():
    for p in sorted(SAMPLES_DIR.glob("*")):
        if p.suffix not in (".txt", ".md"):
            continue
        doc = parse_bytes(p.read_bytes(), p.name)
        for block in doc.tables:
            for row in block.rows or []:
                for cell in row:
                    assert nfkc(cell.text) == _old(cell.text)
                    assert norm.__wrapped__(cell.text) == "".join(_old(cell.text).split())
