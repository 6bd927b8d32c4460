"""The project-table reader finds its section-header rows from one scan per key over the whole
grid (``row_keys``) instead of testing every row (issue 13). The row loop it replaced is kept
here and both read every project table of the sample documents, the bench corpus and the
holdout cases to the same facts and state; ``rows_holding`` is compared with a per-row test on
generated grids."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.config import SAMPLES_DIR
from loaders.extract.tables import project as P
from loaders.extract.tables.dispatch import PROJECT_KINDS, _grid_contexts
from loaders.extract.tables.grid import Grid, norm, unit_in
from loaders.formats import parse_bytes

ROOT = Path(__file__).resolve().parents[3]


def _old_extract_project_table(doc, grid, state, default_unit):
    """extract_project_table before row_keys (37bc8b4)."""
    out = []
    for r, cells in enumerate(grid.rows):
        norms = [norm(c.text) for c in cells]
        nonempty = [(c, t) for c, t in enumerate(norms) if t]
        if not nonempty:
            continue
        list_name = P.LIST_NAME in norms
        if list_name and P._list_header(grid, r, norms):
            P._start_list(grid, r, norms, state)
            continue
        if state.section == "list":
            out.extend(P._list_row(doc, grid, r, state, default_unit))
            continue
        named = next((k for k, (_, t) in enumerate(nonempty[:-1]) if t == P.LIST_NAME), None) if list_name else None
        if named is not None:
            state.project = P.PROJECT_CODE_RE.sub("", grid.text(r, nonempty[named + 1][0])) or None
            continue
        row = "\x00".join(norms)
        if P._holds_any(row, P.INDICATOR_KEYS) and not P._has_number(grid, r, nonempty):
            state.section = "indicators"
            state.indicator_col = P._find_col(norms, P.INDICATOR_KEYS)
            state.target_col = P._find_col(norms, P.TARGET_KEYS, exclude=P.ACTUAL_KEYS)
            state.actual_col = P._find_col(norms, P.ACTUAL_KEYS, exclude=("偏差", "原因"))
            state.score_col = P._find_col(norms, P.SCORE_KEYS)
            state.is_score = state.score_col is not None and state.target_col is None
            continue
        if P.names_budget(row, nonempty) and not P._has_number(grid, r, nonempty):
            state.section, state.labels = "budget", {c: t for c, t in enumerate(norms)}
            above = [grid.text(r - 1, c) for c in range(len(grid.rows[r - 1]))] if r > 0 else []
            state.unit = next((P.label_unit(t) for t in [grid.text(r, c) for c, _ in nonempty] + above
                               if P.label_unit(t)), None)
            continue
        if P._holds_any(row, P.STRUCTURE_KEYS):
            state.section, state.labels = "structure", {c: t for c, t in enumerate(norms)}
            continue
        if state.section == "budget":
            out.extend(P._budget_row(doc, grid, r, state, default_unit))
        elif state.section == "structure":
            out.extend(P._structure_row(doc, grid, r, state))
        elif state.section == "indicators":
            if state.is_score or state.score_col is not None:
                out.extend(P._score_row(doc, grid, r, state))
            if not state.is_score:
                out.extend(P._indicator_row(doc, grid, r, state))
    return out


def _documents():
    from loaders.bench.corpus import make_corpus

    paths = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix in (".txt", ".md"))
    paths += make_corpus(Path(tempfile.mkdtemp(prefix="juesuan-oracle-")), 3)
    docs = [parse_bytes(p.read_bytes(), p.name) for p in paths]
    for case in sorted((ROOT / "tests" / "holdout" / "cases").glob("*.json")):
        data = json.loads(case.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "text" in data:
            docs.append(parse_bytes(data["text"].encode("utf-8"), "case.txt"))
    return docs


def _run(doc, reader):
    """Every project table of the document read in order with its continuation state, as
    _table_facts reads them; the facts and the state after each table."""
    out = []
    state = None
    for grid, ctx in _grid_contexts(doc):
        if not grid.rows or ctx.kind not in PROJECT_KINDS:
            continue
        if not ctx.continuation or state is None:
            state = P.ProjectState(project=ctx.project)
        facts = reader(doc, Grid.of(grid.block), state, unit_in(ctx.context))
        out.append((facts, repr(state)))
    return out


def test_same_facts_and_state_on_every_project_table():
    tables = 0
    for doc in _documents():
        new, old = _run(doc, P.extract_project_table), _run(doc, _old_extract_project_table)
        assert new == old
        tables += len(new)
    assert tables > 60


def _naive_rows_holding(rows: list[str], keys: tuple[str, ...]) -> frozenset[int]:
    return frozenset(r for r, row in enumerate(rows) if any(k in row for k in keys))


CELL = st.lists(st.sampled_from(["预算", "三级", "指标", "三级指标", "项目名称", "名称", "\x00", "\x01", "x", ""]),
                max_size=4).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(CELL, max_size=4), max_size=6),
       st.lists(st.sampled_from(["预算", "三级指标", "项目名称", "名称\x00", "x", ""]), min_size=1, max_size=3))
def test_rows_holding_is_the_per_row_test(norms, keys):
    keys = tuple(k for k in keys if "\x01" not in k)
    rows = ["\x00".join(n) for n in norms]
    starts, at = [], 0
    for row in rows:
        starts.append(at)
        at += len(row) + 1
    every = frozenset(range(len(rows)))
    assert P.rows_holding("\x01".join(rows), starts, keys, every) == _naive_rows_holding(rows, keys)


def test_row_keys_on_a_grid():
    """The grid's RowKeys are the per-row tests of the old loop."""
    for doc in _documents()[:3]:
        for block in doc.tables:
            grid = Grid.of(block)
            keys = P.row_keys(grid)
            rows = ["\x00".join(norm(c.text) for c in cells) for cells in grid.rows]
            assert keys.rows == rows
            assert keys.indicator == _naive_rows_holding(rows, P.INDICATOR_KEYS)
            assert keys.structure == _naive_rows_holding(rows, P.STRUCTURE_KEYS)
            assert keys.list_name == _naive_rows_holding(rows, (P.LIST_NAME,))
            for r, row in enumerate(rows):
                nonempty = [(c, t) for c, t in enumerate(keys.norms[r]) if t]
                if r not in keys.budget:
                    assert not P.names_budget(row, nonempty)
