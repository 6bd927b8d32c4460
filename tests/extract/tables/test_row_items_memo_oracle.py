"""row_items splits a row once per grid, row and skipped columns (issue 13) and hands each caller
its own copies: the answer equals a fresh split (``_row_items``, the unchanged algorithm) on
every row of the sample and corpus tables with and without skipped columns, and a reader
filling in an item's code or values does not change what the next call gets."""

from __future__ import annotations

import tempfile
from pathlib import Path

from loaders.config import SAMPLES_DIR
from loaders.extract.tables.grid import Grid, _row_items, row_items
from loaders.formats import parse_bytes


def _grids():
    from loaders.bench.corpus import make_corpus

    paths = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix in (".txt", ".md"))
    paths += make_corpus(Path(tempfile.mkdtemp(prefix="juesuan-oracle-")), 2)
    for p in paths:
        for block in parse_bytes(p.read_bytes(), p.name).tables:
            yield Grid.of(block)


def test_memoised_split_is_a_fresh_split():
    rows = 0
    for grid in _grids():
        for r in range(len(grid.rows)):
            for skip in (None, set(), {0}, {1, 2}):
                for _ in range(2):  # the first call fills the memo, the second reads it
                    assert row_items(grid, r, skip) == _row_items(Grid.of(grid.block), r, skip)
            rows += 1
    assert rows > 500


def test_a_caller_changing_its_items_leaves_the_next_call_alone():
    for grid in _grids():
        for r in range(len(grid.rows)):
            first = row_items(grid, r)
            for item in first:
                item.code = "changed"
                item.values.append(item.name_cell)
                item.code_cells.clear()
            assert row_items(grid, r) == _row_items(Grid.of(grid.block), r)
