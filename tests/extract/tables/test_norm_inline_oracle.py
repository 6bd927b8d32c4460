"""Round 2 of issue 13: grid.norm asks the NFKC quick check itself (one call fewer per new cell
text) and project._has_number is a plain loop; both against the code they replaced, kept here."""

from __future__ import annotations

import sys
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.tables import project as P
from loaders.extract.tables.grid import Grid, nfkc, norm
from loaders.model import Block, Cell, Location


def _old_norm(text: str | None) -> str:
    if not text:
        return ""
    return "".join(nfkc(text).split())


SPECIAL = ["\u3000", "\u00a0", "\u200b", "\x1c", "\x85", "\u2028", "\t", "\n", " ", "\u0301", "\uff08", "①", "㈠",
           "ｱ", "\u1100", "\u1161", "\u11a8", "Ａ", "１", "，", "e\u0301", "\u212b"]


@settings(max_examples=2000, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=12), st.lists(st.sampled_from(SPECIAL + list("预算1.5 ()")), max_size=8).map("".join)))
def test_norm_equals_the_old_norm(text):
    assert norm.__wrapped__(text) == _old_norm(text)


def test_norm_on_every_code_point():
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        c = chr(cp)
        if not unicodedata.is_normalized("NFKC", c) or c.isspace():
            assert norm.__wrapped__(c + "a" + c) == _old_norm(c + "a" + c)


def _old_has_number(grid, r, texts):
    cells = grid.rows[r]
    return any(P.parse_number(cells[c].text.strip()) is not None for c, _ in texts)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["", " 12 ", "预算", "1,234.5", "-", "无", "5%", "x"]), min_size=1, max_size=6),
       st.lists(st.integers(0, 5), max_size=6))
def test_has_number_equals_the_generator(texts, cols):
    cells = [Cell(0, c, t, Location()) for c, t in enumerate(texts)]
    grid = Grid.of(Block(0, "table", "", Location(), rows=[cells], table_no=0))
    named = [(c, texts[c]) for c in cols if c < len(texts)]
    assert P._has_number(grid, 0, named) == _old_has_number(grid, 0, named)
