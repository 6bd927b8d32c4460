"""Round 2 of issue 13: project_before asks whether its window names a 项目 with a bounded find
(no copy of the 6000-character window), and _project_lines matches the text itself between the
window's bounds; both against the code they replaced (kept here), on generated texts and windows
and on windows ending at every block and line opening of the sample documents and the bench
corpus."""

from __future__ import annotations

import tempfile
from bisect import bisect_left
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.config import SAMPLES_DIR
from loaders.extract.tables import project_titles as PT
from loaders.formats import parse_bytes
from loaders.model import Block, Location, ParsedDocument


def _old_project_lines(text: str, w0: int, w1: int) -> list[tuple[int, str]]:
    """_project_lines before round 2 (7c00aaa): the matches in a copy of the window."""
    window = text[w0:w1]
    opens = PT._line_openings.__wrapped__(text)
    starts = [p - w0 for p in opens[bisect_left(opens, w0):bisect_left(opens, w1)]]
    if w0 > 0 and text[w0 - 1] != "\n":
        starts.insert(0, 0)
    out, pos = [], 0
    for a in starts:
        if a < pos:
            continue
        m = PT.PROJECT_LINE_RE.match(window, a)
        if m:
            out.append((m.start(), m.group(1).strip()))
            pos = m.end()
    return out


def _old_project_before(doc, block):
    start = block.location.char_start or 0
    w0 = max(0, start - PT.WINDOW)
    window = doc.text[w0:start]
    best = None
    if "项目" not in window:
        return None
    for at, name in _old_project_lines(doc.text, w0, start):
        best = (at, name)
    for at, name in PT._report_titles(doc.text, w0, start):
        if best is None or at > best[0]:
            best = (at, name)
    return best[1] if best else None


PIECES = st.sampled_from(["\n", " ", "\t", "#", "（", "）", "(", ")", "项目", "项", "目", "某", "A", "\u3000", "一",
                          "绩效自评报告", "支出"])


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join), st.integers(0, 60), st.integers(0, 60))
def test_windows_of_generated_texts(text, a, b):
    w0, w1 = sorted((min(a, len(text)), min(b, len(text))))
    assert list(PT._project_lines(text, w0, w1)) == _old_project_lines(text, w0, w1)
    finditer = [(m.start(), m.group(1).strip()) for m in PT.PROJECT_LINE_RE.finditer(text[w0:w1])]
    assert _old_project_lines(text, w0, w1) == finditer
    doc = ParsedDocument(format="txt", text=text, blocks=[])
    block = Block(0, "table", "", Location(char_start=w1))
    assert PT.project_before(doc, block) == _old_project_before(doc, block)


def _documents():
    from loaders.bench.corpus import make_corpus

    paths = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix in (".txt", ".md"))
    paths += make_corpus(Path(tempfile.mkdtemp(prefix="juesuan-oracle-")), 2)
    return [parse_bytes(p.read_bytes(), p.name) for p in paths]


def test_windows_of_every_document():
    checked = 0
    for doc in _documents():
        text = doc.text
        ends = {b.location.char_start or 0 for b in doc.blocks}
        ends |= {p + d for p in PT._line_openings.__wrapped__(text) for d in (-1, 0, 1, 5)}
        for w1 in sorted(e for e in ends if 0 <= e <= len(text)):
            w0 = max(0, w1 - PT.WINDOW)
            assert list(PT._project_lines(text, w0, w1)) == _old_project_lines(text, w0, w1)
            block = Block(0, "table", "", Location(char_start=w1))
            assert PT.project_before(doc, block) == _old_project_before(doc, block)
            checked += 1
    assert checked > 1000
