""".txt / .md -> ParsedDocument whose ``text`` is the decoded file, unchanged.

Blocks are spans of that text:

* headings: markdown ``#`` lines (span starts after the ``#`` marks) and short numbered
  titles (第一部分 / 一、 / （一） / 1、 ...);
* paragraphs: one line in .txt (Word exports put a paragraph on a line), a run of
  non-blank lines in .md;
* tables: space-aligned columns (``pdftotext -layout``) by ``text_columns.SpacedTables``;
  ``|``-separated rows, one cell per line (``cell |`` or bare short lines) and tables
  flattened onto one line are read by ``text_tables.find_table``; the tab layouts here:
  - row-per-line: consecutive lines with tab-separated cells (PDF->markdown exports);
    a row that continues after a page break (blank lines, then a line starting with a tab
    and the same number of cells) stays in the same table;
  - cell-per-line (Word "save as text"): a row is a group of lines, each cell starting
    with a tab, text without a tab continuing the cell above (``绩\\n效\\n指\\n标``); rows
    are separated by one blank line.

Artefacts stay in ``text`` (offsets!) but pure-artefact lines (``<http://...>`` link
lines, ``[bookmark: _Toc...]``-only lines) start no block, and leading bookmark markers
are left out of a block's span. A cell's ``text`` is its printed text with line wraps
folded (``绩效指标``); its char_start/char_end span the source text, wraps included.

Speed (the output is that of the plain per-line reading, tests/test_text_segmenter_equivalence.py):
lines are split without a Python loop; a line with a sentence mark that no table reader can start
at asks none (``text_tables.prose_line``); a tab table's cells come from one split of its lines
(``text_cells.tab_rows``), a cell-per-line cell is read as the one span its lines cover; the
Locations of cells and blocks are built in bulk (``text_cells``); tests/test_text_parse_bulk_oracle.py.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import partial
from itertools import accumulate, chain, count, repeat
from operator import add
from typing import NamedTuple

from ..gcpause import gc_paused
from ..model import Block, BlockKind, Cell, Location, ParsedDocument
from .builder import fold_lines
from .encoding import decode_bytes
from .text_cells import locations, tab_rows
from .text_columns import SpacedTables
from .text_tables import TextTables, prose_line
from .titles import MAX_TITLE_CHARS, looks_like_title

# Location(line, char_start, char_end) with positional arguments (a keyword call costs a third more;
# one is built per block and cell): its first fields must be page, sheet, cell, line, char_start, char_end
assert Location._fields[:6] == ("page", "sheet", "cell", "line", "char_start", "char_end")
_loc = partial(Location, None, None, None)
# blocks are built at the end, in bulk, with positional fields (block_no, kind, text, location, rows, table_no)
assert [f.name for f in fields(Block)] == ["block_no", "kind", "text", "location", "rows", "table_no"]

_LINK_LINE = re.compile(r"^\s*(?:<https?://[^>\s]*>\s*)+$")
_BOOKMARK = re.compile(r"\[bookmark: [^\]]*\]")
_LEAD_JUNK = re.compile(r"(?:\s|\u3000|\[bookmark: [^\]]*\])*")
_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+")

MAX_PAGE_BREAK_BLANKS = 3  # blank lines a row-per-line table may span (page breaks)


class _Line(NamedTuple):
    """One line of the text (a named tuple: one is built per line, so it is kept cheap)."""

    no: int  # 1-based
    start: int
    end: int  # excludes "\n" and a trailing "\r"
    s: str


def _split_lines(text: str) -> list[_Line]:
    raws = text.split("\n")
    if "\r" in text:
        lines: list[_Line] = []
        pos = 0
        for no, raw in enumerate(raws, start=1):
            s = raw[:-1] if raw.endswith("\r") else raw
            lines.append(_Line(no, pos, pos + len(s), s))
            pos += len(raw) + 1
        return lines
    # no "\r": line k starts after the k earlier lines and their "\n"s; built without a Python loop
    lengths = list(map(len, raws))
    starts = list(map(add, chain((0,), accumulate(lengths)), count()))
    ends = map(add, starts, lengths)
    return list(map(tuple.__new__, repeat(_Line), zip(count(1), starts, ends, raws)))


def _trim(text: str, start: int, end: int, bookmarks: bool = True) -> tuple[int, int]:
    """Shrink [start, end) past leading whitespace (and leading bookmarks when ``bookmarks``) and
    trailing whitespace."""
    if bookmarks and text.find("[", start, end) >= 0:
        start = max(start, _LEAD_JUNK.match(text, start, end).end())  # type: ignore[union-attr]
    seg = text[start:end]
    body = seg.lstrip()
    start += len(seg) - len(body)
    return start, start + len(body.rstrip())


class _Segmenter:
    def __init__(self, text: str, markdown: bool):
        self.text = text
        self.markdown = markdown
        self.lines = _split_lines(text)
        self.tables = 0
        # the blocks found so far: (kind, text, line, char_start, char_end, rows, table_no), built
        # in bulk by ``blocks``
        self._found: list[tuple[BlockKind, str, int, int, int, list[list[Cell]] | None, int | None]] = []
        self.spaced = SpacedTables(text, self.lines)  # space-aligned columns (text_columns.py)
        self.text_tables = TextTables(text, self.lines)  # "|" rows, cell-per-line, flattened (text_tables.py)

    # -- block emitters -------------------------------------------------------------
    def _add(self, kind: BlockKind, body: str, line: int, start: int, end: int,
             rows: list[list[Cell]] | None = None) -> None:
        if rows is None:
            self._found.append((kind, body, line, start, end, None, None))
        else:
            self._found.append((kind, body, line, start, end, rows, self.tables))
            self.tables += 1

    def blocks(self) -> list[Block]:
        if not self._found:
            return []
        kinds, texts, lines, starts, ends, rows, table_nos = zip(*self._found)
        return list(map(Block, count(), kinds, texts, locations(lines, starts, ends), rows, table_nos))

    def _emit(self, kind: BlockKind, start: int, end: int, line: int, rows: list[list[Cell]] | None = None) -> None:
        if end <= start and kind != "table":
            return
        if kind == "table":
            assert rows is not None
            self._add("table", "\n".join(["\t".join([c.text for c in row]) for row in rows]), line, start, end, rows)
        else:
            self._add(kind, self.text[start:end], line, start, end)

    def _emit_text(self, first: _Line, last: _Line) -> None:
        """A heading or paragraph of lines first..last: the span ``_trim`` gives, read once."""
        text = self.text
        start, end = first.start, last.end
        if text.find("[", start, end) >= 0:
            start = max(start, _LEAD_JUNK.match(text, start, end).end())  # type: ignore[union-attr]
        seg = text[start:end]
        body = seg.lstrip()
        span = body.rstrip()
        if not span:
            return
        start += len(seg) - len(body)
        end = start + len(span)
        # a trimmed span longer than a title, with no bookmark to drop, cannot be one
        bookmarked = "[" in span
        kind: BlockKind = "heading" if (len(span) <= MAX_TITLE_CHARS or bookmarked) and "\n" not in span \
            and looks_like_title(_BOOKMARK.sub("", span) if bookmarked else span) else "paragraph"
        line = first.no if first is last else self._line_of(start, first)  # one line holds no "\n"
        self._add(kind, span, line, start, end)

    def _line_of(self, offset: int, first: _Line) -> int:
        return first.no + self.text.count("\n", first.start, offset)

    def _cell(self, row: int, col: int, segments: list[tuple[int, int]], at: int, line: int) -> Cell:
        """A cell made of source segments [(start, end)]; empty cells sit at ``at``."""
        printed, line_no, start, end = self._cell_spec(segments, at, line)
        return Cell(row, col, printed, _loc(line_no, start, end))

    def _cell_spec(self, segments: list[tuple[int, int]], at: int, line: int) -> tuple[str, int, int, int]:
        """(printed text, line, char_start, char_end) of the cell ``_cell`` makes."""
        text = self.text
        if len(segments) == 1:  # one segment: trimmed, folded only when it holds a break
            s, e = segments[0]
            seg = text[s:e]
            body = seg.strip()
            if not body:
                return "", line, at, at
            start = s + len(seg) - len(seg.lstrip())
            printed = body if body.isprintable() else fold_lines(body)
            line_no = line + text.count("\n", at, start) if start >= at else line
            return printed, line_no, start, start + len(body)
        segs = [_trim(text, s, e, bookmarks=False) for s, e in segments]
        segs = [(s, e) for s, e in segs if e > s]
        if not segs:
            return "", line, at, at
        start, end = segs[0][0], segs[-1][1]
        printed = fold_lines("\n".join([text[s:e] for s, e in segs]))
        line_no = line + text.count("\n", at, start) if start >= at else line
        return printed, line_no, start, end

    @staticmethod
    def _line_cells(row: int, ln: _Line) -> list[Cell]:
        """The tab-separated cells of one line (each = ``_cell`` of its single segment: trimmed,
        an empty one sits where it starts; no line break can be inside)."""
        return tab_rows([ln], first_row=row)[0][0]  # type: ignore[index]

    def _emit_table(self, rows: list[list[Cell]]) -> None:
        spans = [(c.location.char_start, c.location.char_end, c.location.line) for row in rows for c in row if c.text]
        start = min(s for s, _, _ in spans)
        end = max(e for _, e, _ in spans)
        line = min(spans)[2] or self.text.count("\n", 0, start) + 1
        self._emit("table", start, end, line, rows)

    # -- table readers --------------------------------------------------------------
    def _row_per_line(self, i: int) -> int | None:
        """Row-per-line table starting at line i; returns the next line index or None."""
        lines = self.lines
        rows_lines: list[_Line] = []
        j = i
        n = len(lines)
        while j < n:
            ln = lines[j]
            if "\t" in ln.s:
                rows_lines.append(ln)
                j += 1
                continue
            # a page break inside the table: blank lines, then a continuation row
            k = j
            while k < n and k - j < MAX_PAGE_BREAK_BLANKS and "\t" not in lines[k].s and not lines[k].s.strip():
                k += 1
            if k > j and k < n and rows_lines:
                nxt = lines[k].s
                tabs = nxt.count("\t")
                if nxt.startswith("\t") and tabs == rows_lines[-1].s.count("\t") and tabs >= 2:
                    j = k
                    continue
            break
        got = tab_rows(rows_lines, min_filled=2)
        if got is None:
            return None
        rows, printed = got
        start, end = rows_lines[0].start, rows_lines[-1].end
        self._add("table", "\n".join(printed), rows_lines[0].no, start, end, rows)
        return j

    def _span_cell_spec(self, at: int, end: int, line: int) -> tuple[str, int, int, int]:
        """``_cell_spec`` of a cell-per-line cell: the segments of its lines (its cell line after
        the tab, then its continuation lines) read as the one span [at, end) they cover. What lies
        between the segments is line breaks, which strip and ``fold_lines`` treat as the segment
        edges they are: the span stripped starts and ends where the first and last non-empty
        trimmed segments do, and folds to the same parts."""
        raw = self.text[at:end]
        body = raw.strip()
        if not body:
            return "", line, at, at
        start = at + len(raw) - len(raw.lstrip())
        printed = body if body.isprintable() else fold_lines(body)
        return printed, line + raw.count("\n", 0, start - at), start, start + len(body)

    def _cell_per_line(self, i: int) -> int | None:
        """Cell-per-line (Word text export) table starting at line i."""
        lines = self.lines
        n = len(lines)
        spans: list[list[list[int]]] = []  # per row, its cells' [at, end, line]
        j = i
        first_line, last_line = lines[i], lines[i]
        while j < n and _is_cell_line(lines[j].s):
            row: list[list[int]] = []
            while j < n:
                ln = lines[j]
                s = ln.s
                if "\t" in s:
                    if s[0] != "\t" or s.count("\t") != 1:  # not a cell line
                        break
                    row.append([ln.start + 1, ln.end, ln.no])
                elif not s.strip():  # blank
                    break
                elif row:
                    row[-1][1] = ln.end  # a continuation line: the cell's span runs to its end
                else:
                    break
                last_line = ln
                j += 1
            if not spans and len(row) < 2:
                return None
            spans.append(row)
            if j < n and not _is_blank(lines[j].s):
                break  # a tab line of another layout ends the table
            k = j
            while k < n and _is_blank(lines[k].s) and k - j < 2:
                k += 1
            if k - j == 1 and k < n and _is_cell_line(lines[k].s):
                j = k
                continue
            break
        spec = self._span_cell_spec
        flat = [spec(*c) for row in spans for c in row]
        locs = locations([c[1] for c in flat], [c[2] for c in flat], [c[3] for c in flat])
        rows: list[list[Cell]] = []
        a = 0
        for r, row in enumerate(spans):
            b = a + len(row)
            rows.append(list(map(Cell, repeat(r), count(), [c[0] for c in flat[a:b]], locs[a:b])))
            a = b
        self._emit("table", first_line.start, last_line.end, first_line.no, rows)
        return j

    # -- main loop ------------------------------------------------------------------
    def run(self) -> list[Block]:
        lines, n, i = self.lines, len(self.lines), 0
        markdown, spaced, text_tables = self.markdown, self.spaced, self.text_tables
        while i < n:
            ln = lines[i]
            s = ln.s
            if "\t" in s:  # (a line with a tab is never blank)
                if s[0] == "\t" and s.count("\t") == 1:  # one cell per line
                    nxt = self._cell_per_line(i)
                    if nxt is not None:
                        i = nxt
                        continue
                nxt = self._row_per_line(i)
                if nxt is not None:
                    i = nxt
                    continue
                self._emit_text(ln, ln)
                i += 1
                continue
            if not s.strip() or _is_artefact(s):
                i += 1
                continue
            if prose_line(s):  # no table starts here (text_tables.prose_line): text
                pass
            elif (found_spaced := spaced.table_at(i)) is not None:
                self._emit_table(found_spaced.rows)
                i = found_spaced.stop
                continue
            elif (found := text_tables.table_at(i)) is not None and found.rows:
                first_line = min(c.location.line or ln.no for row in found.rows for c in row if c.text)
                for skipped in lines[i:found.stop]:  # cells before the header row are text
                    if skipped.no < first_line and not _is_blank(skipped.s) and not _is_artefact(skipped.s):
                        self._emit_text(skipped, skipped)
                if found.before is not None:
                    start, end = _trim(self.text, *found.before)
                    self._emit("paragraph", start, end, ln.no)
                self._emit_table(found.rows)
                i = found.stop
                continue
            if markdown:
                m = _MD_HEADING.match(s)
                if m:
                    start, end = _trim(self.text, ln.start + m.end(), ln.end)
                    self._emit("heading", start, end, ln.no)
                    i += 1
                    continue
                j = i
                while j + 1 < n:
                    t = lines[j + 1].s
                    if "\t" in t or not t.strip() or _is_artefact(t) or _MD_HEADING.match(t):
                        break
                    j += 1
                self._emit_text(ln, lines[j])
                i = j + 1
                continue
            self._emit_text(ln, ln)
            i += 1
        return self.blocks()


def _is_blank(s: str) -> bool:
    return "\t" not in s and not s.strip()


def _is_cell_line(s: str) -> bool:
    """Cell-per-line layout: a single tab, at the start."""
    return s.startswith("\t") and s.count("\t") == 1


def _is_artefact(s: str) -> bool:
    """A link line or a line of bookmarks only (pure artefacts start no block). A line without
    ``<`` or ``[`` is one only when blank: a link needs ``<``, a bookmark ``[``."""
    if "<" not in s and "[" not in s:
        return not s.strip()
    return bool(_LINK_LINE.match(s)) or not _BOOKMARK.sub("", s).strip()


def segment_text(text: str, markdown: bool) -> list[Block]:
    """Blocks (spans of ``text``) for a decoded .txt/.md document."""
    return _Segmenter(text, markdown).run()


@gc_paused
def parse_text(data: bytes, fmt: str = "txt") -> ParsedDocument:
    """Decode (see encoding.decode_bytes) and segment a .txt or .md file."""
    text, encoding = decode_bytes(data)
    return ParsedDocument(
        format=fmt,
        text=text,
        blocks=segment_text(text, markdown=fmt == "md"),
        pages=None,
        encoding=encoding,
    )
