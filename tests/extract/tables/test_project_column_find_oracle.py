"""The project reader's column finder skips a key the whole header row lacks, and its number
test reads the row's cells directly (issue 13); both answer as the code they replaced, on
generated rows and on every row of the sample tables."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.config import SAMPLES_DIR
from loaders.extract.tables import project as P
from loaders.extract.tables.grid import Grid, norm
from loaders.formats import parse_bytes
from loaders.numbers import parse_number


def _old_find_col(norms, keys, exclude=()):
    for key in keys:
        for c, t in enumerate(norms):
            if key in t and not any(x in t for x in exclude):
                return c
    return None


def _old_has_number(grid, r, texts):
    return any(parse_number(grid.text(r, c)) is not None for c, _ in texts)


KEY_SETS = [P.INDICATOR_KEYS, P.TARGET_KEYS, P.ACTUAL_KEYS, P.SCORE_KEYS, ("a", "ab", "")]
EXCLUDES = [(), P.ACTUAL_KEYS, ("偏差", "原因"), ("分值",), ("b",)]
PIECE = st.sampled_from([k for ks in KEY_SETS + EXCLUDES for k in ks] + ["a", "b", "\x00", "1", ""])
NORMS = st.lists(st.lists(PIECE, max_size=3).map("".join), max_size=6)


@settings(max_examples=1500, deadline=None)
@given(NORMS, st.sampled_from(KEY_SETS), st.sampled_from(EXCLUDES))
def test_find_col_on_generated_rows(norms, keys, exclude):
    assert P._find_col(norms, keys, exclude) == _old_find_col(norms, keys, exclude)


def test_on_every_sample_row():
    rows = 0
    for p in sorted(SAMPLES_DIR.glob("*")):
        if p.suffix not in (".txt", ".md"):
            continue
        doc = parse_bytes(p.read_bytes(), p.name)
        for block in doc.tables:
            grid = Grid.of(block)
            for r, cells in enumerate(grid.rows):
                norms = [norm(c.text) for c in cells]
                texts = [(c, t) for c, t in enumerate(norms) if t]
                assert P._has_number(grid, r, texts) == _old_has_number(grid, r, texts)
                for keys in KEY_SETS:
                    for exclude in EXCLUDES:
                        assert P._find_col(norms, keys, exclude) == _old_find_col(norms, keys, exclude)
                rows += 1
    assert rows > 500
