"""The table reader's faster algorithms answer as the plain ones they replaced (issue 13): the
whitespace fold, title finding, the project-line index, the budget-header pre-check, the
header-kind shortcut and the evidence span. Each is compared with the old code on hand-picked
and generated inputs and on every table of the sample documents and the bench corpus."""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.config import SAMPLES_DIR
from loaders.extract.tables import dispatch, project, project_titles
from loaders.extract.tables.facts import evidence_for
from loaders.extract.tables.grid import Grid, norm
from loaders.formats import parse_bytes
from loaders.vocab.tables import column_role, fold, kind_of_header, title_words

ROOT = Path(__file__).resolve().parents[3]
WS_RE = re.compile(r"\s+")
# characters whose NFKC or whitespace status is special, and the words the rules look for
SPECIAL = ["\u3000", "\u00a0", "\u2007", "\u200b", "\x1c", "\x1f", "\x85", "\u2028", "\t", "\n", "\r", " ",
           "\u0301", "\uff08", "\uff09", "(", ")", "#", "（", "）", "①", "㈠", "ｱ", "\u1100", "\u1161", "\u11a8"]
WORDS = ["预算", "调整预算", "全年预算", "财政拨款", "预算执行情况", "三级指标", "指标名称", "项目名称", "自评分数",
         "一般公共预算财政拨款", "政府性基金预算财政拨款", "总计", "决算表", "情况表", "项目", "绩效自评报告", "执行数"]
PIECES = st.lists(st.sampled_from(SPECIAL + WORDS + list("预算执行合计项目表一二（）()\n 12.5")), max_size=14).map("".join)
TEXTS = st.one_of(st.text(max_size=30), PIECES)


def _documents():
    """Every sample document and two bench-corpus documents, parsed."""
    from loaders.bench.corpus import make_corpus
    import tempfile

    paths = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix in (".txt", ".md"))
    paths += make_corpus(Path(tempfile.mkdtemp(prefix="juesuan-oracle-")), 2)
    docs = [parse_bytes(p.read_bytes(), p.name) for p in paths]
    for case in sorted((ROOT / "tests" / "holdout" / "cases").glob("*.json")):
        data = json.loads(case.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "text" in data:
            docs.append(parse_bytes(data["text"].encode("utf-8"), "case.txt"))
    return docs


@pytest.fixture(scope="module")
def documents():
    return _documents()


def test_split_join_drops_exactly_what_the_whitespace_pattern_drops():
    for cp in range(sys.maxunicode + 1):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        s = f"a{chr(cp)}b{chr(cp)}"
        assert "".join(s.split()) == WS_RE.sub("", s), hex(cp)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_norm_and_fold_equal_nfkc_minus_whitespace(text):
    want = WS_RE.sub("", unicodedata.normalize("NFKC", text)) if text else ""
    assert norm.__wrapped__(text) == fold(text) == want


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXTS, max_size=8))
def test_folded_join_equals_fold_of_the_joined_texts(texts):
    assert dispatch.folded_join(texts) == fold(" ".join(texts))


OLD_TITLE_RE = re.compile(r"[^\n]*?(?:" + title_words() + ")")


def _old_title_of(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    for ln in reversed(lines):
        if OLD_TITLE_RE.search(ln) and len(ln) <= 80:
            return ln
    return lines[-1] if lines and len(lines[-1]) <= 60 else ""


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.sampled_from(["x" * 70, "支" * 61 + "决算表", "一" * 90 + "情况表", "单位：万元"])),
                max_size=6).map("\n".join))
def test_title_of_equals_the_line_by_line_search(text):
    assert dispatch._title_of(text) == _old_title_of(text)


def _old_line_openings(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in project_titles.LINE_OPEN_RE.finditer(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["\n", " ", "#", "（", "(", "x", "项目）", "\u3000", "\r\n", "\x85"]), max_size=20).map("".join))
def test_line_openings_equal_the_multiline_search(text):
    assert project_titles._line_openings.__wrapped__(text) == _old_line_openings(text)


def _old_names_budget(texts: list[tuple[int, str]]) -> bool:
    return any(column_role(t) in project.BUDGET_HEADER_ROLES for _, t in texts)


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES.map(norm), max_size=6))
def test_budget_precheck_asks_the_rules_about_every_cell_that_can_have_a_budget_role(cells):
    texts = [(c, t) for c, t in enumerate(cells) if t]
    assert project.names_budget("\x00".join(cells), texts) == _old_names_budget(texts)


def _old_evidence_for(doc, label, value):
    vs, ve = value.location.char_start, value.location.char_end
    loc = value.location
    if vs is None or ve is None:
        return value.text, loc
    if loc.line is None:
        loc = loc._replace(line=doc.line_of(vs))
    if label is not None and label.location.char_start is not None:
        ls = label.location.char_start
        span = doc.text[ls:ve]
        if ls < vs and (len(span) <= 120 or (len(span) <= 300 and "\n" not in span)):
            return span, loc._replace(char_start=ls, char_end=ve, line=doc.line_of(ls))
    return doc.text[vs:ve], loc


def test_on_every_table_of_the_documents(documents):
    """Over real tables: the head fold, the header kind, the budget pre-check per row, the
    evidence of every (label, value) cell pair of a row, the titles and the project lines."""
    checked = 0
    for doc in documents:
        assert project_titles._line_openings.__wrapped__(doc.text) == _old_line_openings(doc.text)
        index = dispatch._block_index(doc.blocks)
        for block in doc.tables:
            grid = Grid.of(block)
            cells = [c.text for row in grid.rows[:6] for c in row]
            head = " ".join(cells)
            assert dispatch.folded_join(cells) == fold(head)
            assert dispatch._kind_of_header(grid) == kind_of_header(head, block.text)
            text, _ = dispatch._preceding_text(doc, block, index)
            assert dispatch._title_of(text) == _old_title_of(text)
            for row in grid.rows:
                norms = [norm(c.text) for c in row]
                texts = [(c, t) for c, t in enumerate(norms) if t]
                assert project.names_budget("\x00".join(norms), texts) == _old_names_budget(texts)
                for label in [None, *row[:2]]:
                    for value in row:
                        assert evidence_for(doc, label, value) == _old_evidence_for(doc, label, value)
                        checked += 1
    assert checked > 1000
