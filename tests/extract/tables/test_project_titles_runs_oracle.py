"""Round 2 of issue 13 in the project-table readers, each against the code it replaced:
the start of a report-title run (a regex backing off from the end, not a Python loop per
character), the line openings (a list, then one tuple) and the indicator row reading its cells
off the row (not through ``grid.cell``). Generated texts / rows and every project table of the
sample documents, the bench corpus and the holdout cases."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.config import SAMPLES_DIR
from loaders.extract.tables import project as P
from loaders.extract.tables import project_titles as PT
from loaders.extract.tables.dispatch import PROJECT_KINDS, _grid_contexts
from loaders.extract.tables.facts import make_fact
from loaders.extract.tables.grid import Grid
from loaders.formats import parse_bytes
from loaders.model import Cell, Location

ROOT = Path(__file__).resolve().parents[3]
REPORT_CHAR_RE = re.compile(PT.REPORT_NAME_CHARS)


def _old_run_start(text: str, i: int) -> int:
    s = i
    while s > 0 and REPORT_CHAR_RE.match(text, s - 1):
        s -= 1
    return s


def _old_line_openings(text: str) -> tuple[int, ...]:
    head = (0,) if PT.LINE_OPEN_RE.match(text) else ()
    return head + tuple(m.start() + 1 for m in PT.AFTER_NEWLINE_OPEN_RE.finditer(text))


def _old_indicator_row(doc, grid, r, state):
    """_indicator_row before round 2 (7c00aaa)."""
    if state.indicator_col is None:
        return []
    name_cell = grid.cell(r, state.indicator_col)
    if name_cell is None or not name_cell.text.strip() or P.parse_number(name_cell.text) is not None:
        return []
    name = name_cell.text.strip()
    if P.PLACEHOLDER_NAME_RE.fullmatch(name):
        return []
    qual = f"{name}（{state.project}）" if state.project else name
    out = []
    for metric, col in (("perf_indicator_target", state.target_col), ("perf_indicator_actual", state.actual_col)):
        cell = grid.cell(r, col) if col is not None else None
        if cell is None:
            continue
        pv = P.perf_value(cell.text)
        if pv is None:
            continue
        value, unit, printed = pv
        out.append(make_fact(doc, metric, cell, unit, name_cell, qual, value=value, value_text=printed))
    return out


CHARS = st.sampled_from(list("项目A9（）()绩效自评报告 \n\t#.，,-_中") + ["\u4e00", "\u9fff", "\u3400", "Z", "z", "0"])


@settings(max_examples=600, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join), st.integers(min_value=0, max_value=45))
def test_run_start_equals_the_character_loop(text, i):
    i = min(i, len(text))
    assert PT._run_start(text, i) == _old_run_start(text, i)


@settings(max_examples=300, deadline=None)
@given(st.lists(CHARS, max_size=40).map("".join))
def test_report_runs_and_openings_equal_the_old_ones(text):
    assert PT._line_openings.__wrapped__(text) == _old_line_openings(text)
    for s, e in PT._report_runs.__wrapped__(text):
        assert s == _old_run_start(text, text.find(PT.REPORT_WORD, s))


def _cell(r, c, text):
    return Cell(r, c, text, Location(char_start=None, char_end=None))


ROW_TEXTS = st.sampled_from(["", " ", "指标1：", "……", "完成率", "100%", "8套", "≥95%", "12", "2024年", "合格"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(ROW_TEXTS, max_size=5), min_size=1, max_size=3),
       st.sampled_from([None, 0, 1, 2, 4, 7]), st.sampled_from([None, 0, 1, 3, 6]),
       st.sampled_from([None, 1, 2, 4]), st.sampled_from([None, "某项目"]))
def test_indicator_row_equals_the_grid_cell_reading(rows, name_col, target_col, actual_col, project):
    from loaders.model import Block, ParsedDocument
    cells = [[_cell(r, c, t) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    block = Block(0, "table", "", Location(), rows=cells, table_no=0)
    doc = ParsedDocument(format="txt", text="", blocks=[block])
    grid = Grid.of(block)
    state = P.ProjectState(project=project, indicator_col=name_col, target_col=target_col, actual_col=actual_col)
    for r in range(len(rows)):
        assert P._indicator_row(doc, grid, r, state) == _old_indicator_row(doc, grid, r, state)


def _documents():
    from loaders.bench.corpus import make_corpus

    paths = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix in (".txt", ".md"))
    paths += make_corpus(Path(tempfile.mkdtemp(prefix="juesuan-oracle-")), 2)
    docs = [parse_bytes(p.read_bytes(), p.name) for p in paths]
    for case in sorted((ROOT / "tests" / "holdout" / "cases").glob("*.json")):
        data = json.loads(case.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "text" in data:
            docs.append(parse_bytes(data["text"].encode("utf-8"), "case.txt"))
    return docs


def test_on_every_document():
    checked = 0
    for doc in _documents():
        text = doc.text
        assert PT._line_openings.__wrapped__(text) == _old_line_openings(text)
        i = text.find(PT.REPORT_WORD)
        while i >= 0:
            assert PT._run_start(text, i) == _old_run_start(text, i)
            i = text.find(PT.REPORT_WORD, i + 1)
        for grid, ctx in _grid_contexts(doc):
            if ctx.kind not in PROJECT_KINDS:
                continue
            for col in range(grid.ncols + 1):
                state = P.ProjectState(project=ctx.project, indicator_col=col, target_col=col + 1, actual_col=col + 2)
                for r in range(len(grid.rows)):
                    assert P._indicator_row(doc, grid, r, state) == _old_indicator_row(doc, grid, r, state)
                    checked += 1
    assert checked > 100
