"""The literal pre-check of the 决算's own budget figures: literal_plan names texts one of which
every match holds, and extract_final_budget_figures (which only runs a wording over lines holding its
literal) gives what running every wording over every line gives."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.prose.budget import _emit, _lines, _of, extract_final_budget_figures
from loaders.extract.prose.builder import FactBuilder
from loaders.extract.prose.literals import literal_plan
from loaders.extract.document import prose_text
from loaders.model import ParsedDocument

ATOMS = ["a", "b", "年", "初", r"\d", "[ab]", "a?", "b*", "(?:ab)", "(?:a|b)", "(?P<n>a+)", ".", "(?=b)", "^", "$", "(?i)"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(ATOMS), min_size=1, max_size=6), st.booleans(),
       st.text(alphabet="abAB年初1\n", max_size=12))
def test_every_match_holds_the_required_literal(atoms, branch, text):
    source = "".join(a for a in atoms if a != "(?i)" or atoms.index(a) == 0)
    if branch:
        source = source + "|b"
    try:
        pattern = re.compile(source)
    except re.error:
        return
    plan = literal_plan(pattern)
    for m in pattern.finditer(text):
        assert plan is None or any(w in m.group(0) for w in plan[1])
        if plan is not None and plan[0]:  # exact: the match is one of the strings
            assert m.group(0) in plan[1] or any(w in m.group(0) for w in plan[1])


def test_literal_plan_cases():
    assert literal_plan(re.compile(r"\d+年初预算为(?P<n>\d+)万元")) == (False, ("年初预算为",))
    assert literal_plan(re.compile(r"预算|决算")) == (True, ("决算", "预算"))
    assert literal_plan(re.compile(r"(?i)abc")) is None
    assert literal_plan(re.compile(r"ab?c")) == (True, ("ac", "abc"))
    assert literal_plan(re.compile(r"a?")) is None  # matches the empty string: no literal is required


def _old_final_figures(doc: ParsedDocument):
    nt = prose_text(doc)
    fb = FactBuilder(doc, nt)
    for start, line in _lines(nt.text):
        for w in _of("final"):
            for m in w.pattern.finditer(line):
                _emit(fb, w, m, start, None, False)
    return fb.facts


ROOT = Path(__file__).resolve().parents[3]
LINES = ["一般公共预算财政拨款支出年初预算为1,234.50万元，支出决算为1,200.00万元。",
         "1.一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)。主要用于机关运行。年初预算为24.06万元，支出决算为24.06万元。",
         "2、社会保障和就业支出(类)行政事业单位养老支出(款)机关事业单位基本养老保险缴费支出(项)。年初预算为8万元。",
         "年初预算为", "年初预算为12万元", "", "其他说明。", "3.(项)。年初预算为7.5万元"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=8), st.sampled_from(["\n", "\n\n", "。\n"]))
def test_final_figures_equal_every_line_scan(lines, sep):
    doc = ParsedDocument(format="txt", text=sep.join(lines), blocks=[])
    assert _facts(extract_final_budget_figures(doc)) == _facts(_old_final_figures(doc))


def _documents():
    from loaders.formats import parse_bytes
    for p in sorted((ROOT / "data/samples").glob("*")):
        yield parse_bytes(p.read_bytes(), "case.md" if p.suffix == ".md" else "case.txt")
    for p in sorted((ROOT / "tests/holdout/cases").glob("*.json")):
        case = json.loads(p.read_text(encoding="utf-8"))
        if isinstance(case, dict) and "text" in case:
            yield parse_bytes(case["text"].encode("utf-8"), "case.txt")


def test_final_figures_on_the_sample_documents():
    seen = 0
    for doc in _documents():
        old = _facts(_old_final_figures(doc))
        assert _facts(extract_final_budget_figures(doc)) == old
        seen += bool(old)
    assert seen  # some document states its own budget figures


def _facts(fs):
    return [(f.metric, f.value, f.unit, f.qualifier, f.evidence, f.location.char_start, f.location.char_end) for f in fs]
