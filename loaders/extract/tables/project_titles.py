"""The project a project / score table belongs to, named in the text just before it: a line
"(X项目)" or a report title "X项目支出绩效自评报告". Both patterns are read over the document once
(the places a match can start), then per table only inside its window."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ...model import Block, ParsedDocument

PROJECT_LINE_RE = re.compile(r"^\s*#*\s*[（(]\s*([^（()）]*?(?:[（(][^（()）]*[)）][^（()）]*)*项目)\s*[)）]\s*$", re.M)
# a line start where a PROJECT_LINE_RE match can begin (its opening bracket after blanks / #)
LINE_OPEN_RE = re.compile(r"^(?=\s*#*\s*[（(])", re.M)
REPORT_NAME_CHARS = r"[\u4e00-\u9fffA-Za-z0-9（）()]"
PROJECT_REPORT_RE = re.compile(r"(" + REPORT_NAME_CHARS + r"+?项目)(?:支出)?绩效自评报告")
# a PROJECT_REPORT_RE match is made of these characters only, so it lies inside one run of them
REPORT_RUN_RE = re.compile(REPORT_NAME_CHARS + "+")
# the text up to and including the last character that is not a name character: matched from
# the text's start with an end position, ``.*`` jumps to that end and backs off one character
# at a time, so the cost is the length of the run before the end, in C
THROUGH_LAST_NON_NAME_RE = re.compile(r"(?s:.*)[^" + REPORT_NAME_CHARS[1:])
REPORT_WORD = "绩效自评报告"  # every PROJECT_REPORT_RE match holds it
WINDOW = 6000  # characters before a table searched for its project


def project_before(doc: ParsedDocument, block: Block) -> str | None:
    """The project named last in the 6000 characters before a project table: a "(X项目)" line or
    an "X项目(支出)绩效自评报告" title."""
    start = block.location.char_start or 0
    w0 = max(0, start - WINDOW)
    best: tuple[int, str] | None = None
    if doc.text.find("项目", w0, start) < 0:  # both patterns name a 项目: skip the scans (no copy of the window)
        return None
    for at, name in _project_lines(doc.text, w0, start):
        best = (at, name)
    for at, name in _report_titles(doc.text, w0, start):
        if best is None or at > best[0]:
            best = (at, name)
    return best[1] if best else None


def _project_lines(text: str, w0: int, w1: int):
    """(start in the window, project) of every PROJECT_LINE_RE match of ``text[w0:w1]``, in order
    — what ``finditer`` on the window gives, tried only where a match can start: the window's
    first position and the line starts that open a bracket (found once per document)."""
    window = text[w0:w1]
    opens = _line_openings(text)
    starts = [p - w0 for p in opens[bisect_left(opens, w0):bisect_left(opens, w1)]]
    if w0 > 0 and text[w0 - 1] != "\n":
        starts.insert(0, 0)  # the window starts mid-line: ^ holds there too
    pos = 0
    for a in starts:
        if a < pos:
            continue
        m = PROJECT_LINE_RE.match(window, a)
        if m:
            yield m.start(), m.group(1).strip()
            pos = m.end()


# LINE_OPEN_RE after a newline: a pattern that starts with a literal is searched for by that
# character, not tried at every position; possessive runs (blanks, then #s, then blanks) accept
# the same texts without backtracking
AFTER_NEWLINE_OPEN_RE = re.compile(r"\n(?=\s*+(?:#++\s*+)?[（(])")


@lru_cache(maxsize=8)
def _line_openings(text: str) -> tuple[int, ...]:
    """The starts of LINE_OPEN_RE's matches: the text's start and every position after a
    newline where a bracket opens (after blanks / #)."""
    head = [0] if LINE_OPEN_RE.match(text) else []
    return tuple(head + [m.start() + 1 for m in AFTER_NEWLINE_OPEN_RE.finditer(text)])


def _report_titles(text: str, w0: int, w1: int):
    """(start in the window, project) of every PROJECT_REPORT_RE match of ``text[w0:w1]``, in
    order. A match lies inside one run of name characters that holds the report word, so the
    pattern runs only over those runs (found once per document), clipped to the window."""
    for s, e in _report_runs(text):
        s, e = max(s, w0), min(e, w1)
        if e - s >= len(REPORT_WORD):
            for at, name in _report_titles_in_run(text[s:e]):
                yield s - w0 + at, name


@lru_cache(maxsize=8)
def _report_runs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of every maximal run of name characters of ``text`` holding the report word."""
    out: list[tuple[int, int]] = []
    i = text.find(REPORT_WORD)
    while i >= 0:
        s = _run_start(text, i)
        e = REPORT_RUN_RE.match(text, i).end()
        out.append((s, e))
        i = text.find(REPORT_WORD, e)
    return tuple(out)


def _run_start(text: str, i: int) -> int:
    """Where the run of name characters ending at ``i`` begins: just after the last character
    before ``i`` that is not a name character, else the text's start."""
    m = THROUGH_LAST_NON_NAME_RE.match(text, 0, i)
    return m.end() if m else 0


@lru_cache(maxsize=4096)
def _report_titles_in_run(run: str) -> tuple[tuple[int, str], ...]:
    return tuple((m.start(), m.group(1).strip()) for m in PROJECT_REPORT_RE.finditer(run))
