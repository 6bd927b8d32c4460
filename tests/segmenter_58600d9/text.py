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
"""

from __future__ import annotations

import re
from typing import NamedTuple

from loaders.model import Block, BlockKind, Cell, Location, ParsedDocument
from loaders.formats.builder import fold_lines
from loaders.formats.encoding import decode_bytes
from .text_columns import SpacedTables
from .text_tables import find_table
from loaders.formats.titles import MAX_TITLE_CHARS, looks_like_title

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

    @property
    def blank(self) -> bool:
        return "\t" not in self.s and not self.s.strip()

    @property
    def has_tab(self) -> bool:
        return "\t" in self.s

    @property
    def cell_line(self) -> bool:
        """Cell-per-line layout: a single tab, at the start."""
        return self.s.startswith("\t") and self.s.count("\t") == 1

    @property
    def artefact(self) -> bool:
        return bool(_LINK_LINE.match(self.s)) or not _BOOKMARK.sub("", self.s).strip()


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        s = raw[:-1] if raw.endswith("\r") else raw
        lines.append(_Line(no, pos, pos + len(s), s))
        pos += len(raw) + 1
    return lines


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
        self.blocks: list[Block] = []
        self.tables = 0
        self.spaced = SpacedTables(text, self.lines)  # space-aligned columns (text_columns.py)

    # -- block emitters -------------------------------------------------------------
    def _emit(self, kind: BlockKind, start: int, end: int, line: int, rows: list[list[Cell]] | None = None) -> None:
        if end <= start and kind != "table":
            return
        loc = Location(line=line, char_start=start, char_end=end)
        if kind == "table":
            assert rows is not None
            body = "\n".join("\t".join(c.text for c in row) for row in rows)
            self.blocks.append(Block(len(self.blocks), "table", body, loc, rows=rows, table_no=self.tables))
            self.tables += 1
        else:
            self.blocks.append(Block(len(self.blocks), kind, self.text[start:end], loc))

    def _emit_text(self, first: _Line, last: _Line) -> None:
        start, end = _trim(self.text, first.start, last.end)
        if end <= start:
            return
        span = self.text[start:end]
        # a trimmed span longer than a title, with no bookmark to drop, cannot be one
        short = end - start <= MAX_TITLE_CHARS or "[" in span
        kind: BlockKind = "heading" if short and "\n" not in span and looks_like_title(_BOOKMARK.sub("", span)) \
            else "paragraph"
        self._emit(kind, start, end, self._line_of(start, first))

    def _line_of(self, offset: int, first: _Line) -> int:
        return first.no + self.text.count("\n", first.start, offset)

    def _cell(self, row: int, col: int, segments: list[tuple[int, int]], at: int, line: int) -> Cell:
        """A cell made of source segments [(start, end)]; empty cells sit at ``at``."""
        segs = [_trim(self.text, s, e, bookmarks=False) for s, e in segments]
        segs = [(s, e) for s, e in segs if e > s]
        if not segs:
            return Cell(row, col, "", Location(line=line, char_start=at, char_end=at))
        start, end = segs[0][0], segs[-1][1]
        printed = fold_lines("\n".join(self.text[s:e] for s, e in segs))
        line_no = line + self.text.count("\n", at, start) if start >= at else line
        return Cell(row, col, printed, Location(line=line_no, char_start=start, char_end=end))

    @staticmethod
    def _line_cells(row: int, ln: _Line) -> list[Cell]:
        """The tab-separated cells of one line (each = ``_cell`` of its single segment: trimmed,
        an empty one sits where it starts; no line break can be inside)."""
        cells: list[Cell] = []
        pos, no = ln.start, ln.no
        for col, part in enumerate(ln.s.split("\t")):
            body = part.strip()
            if body:
                start = pos + part.find(body[0])
                printed = body if body.isprintable() else fold_lines(body)
                cells.append(Cell(row, col, printed, Location(line=no, char_start=start, char_end=start + len(body))))
            else:
                cells.append(Cell(row, col, "", Location(line=no, char_start=pos, char_end=pos)))
            pos += len(part) + 1
        return cells

    def _emit_table(self, rows: list[list[Cell]]) -> None:
        spans = [(c.location.char_start, c.location.char_end, c.location.line) for row in rows for c in row if c.text]
        start = min(s for s, _, _ in spans)
        end = max(e for _, e, _ in spans)
        line = min(spans)[2] or self.text.count("\n", 0, start) + 1
        self._emit("table", start, end, line, rows)

    # -- table readers --------------------------------------------------------------
    def _row_per_line(self, i: int) -> int | None:
        """Row-per-line table starting at line i; returns the next line index or None."""
        rows_lines: list[_Line] = []
        j = i
        n = len(self.lines)
        while j < n:
            ln = self.lines[j]
            if ln.has_tab:
                rows_lines.append(ln)
                j += 1
                continue
            # a page break inside the table: blank lines, then a continuation row
            k = j
            while k < n and self.lines[k].blank and k - j < MAX_PAGE_BREAK_BLANKS:
                k += 1
            if (
                k > j
                and k < n
                and rows_lines
                and self.lines[k].s.startswith("\t")
                and self.lines[k].s.count("\t") == rows_lines[-1].s.count("\t")
                and self.lines[k].s.count("\t") >= 2
            ):
                j = k
                continue
            break
        rows = [self._line_cells(r, ln) for r, ln in enumerate(rows_lines)]
        filled = max(sum(1 for c in row if c.text) for row in rows)
        if filled < 2:
            return None
        start, end = rows_lines[0].start, rows_lines[-1].end
        self._emit("table", start, end, rows_lines[0].no, rows)
        return j

    def _cell_per_line(self, i: int) -> int | None:
        """Cell-per-line (Word text export) table starting at line i."""
        n = len(self.lines)
        rows: list[list[Cell]] = []
        j = i
        first_line, last_line = self.lines[i], self.lines[i]
        while j < n and self.lines[j].cell_line:
            groups: list[list[tuple[int, int]]] = []
            ats: list[tuple[int, int]] = []
            while j < n and not self.lines[j].blank:
                ln = self.lines[j]
                if ln.cell_line:
                    groups.append([(ln.start + 1, ln.end)])
                    ats.append((ln.start + 1, ln.no))
                elif not ln.has_tab and groups:
                    groups[-1].append((ln.start, ln.end))
                else:
                    break
                last_line = ln
                j += 1
            if not rows and len(groups) < 2:
                return None
            r = len(rows)
            rows.append([self._cell(r, c, g, at, no) for c, (g, (at, no)) in enumerate(zip(groups, ats))])
            if j < n and not self.lines[j].blank:
                break  # a tab line of another layout ends the table
            k = j
            while k < n and self.lines[k].blank and k - j < 2:
                k += 1
            if k - j == 1 and k < n and self.lines[k].cell_line:
                j = k
                continue
            break
        self._emit("table", first_line.start, last_line.end, first_line.no, rows)
        return j

    # -- main loop ------------------------------------------------------------------
    def run(self) -> list[Block]:
        lines, n, i = self.lines, len(self.lines), 0
        while i < n:
            ln = lines[i]
            if ln.blank:
                i += 1
                continue
            if ln.cell_line:
                nxt = self._cell_per_line(i)
                if nxt is not None:
                    i = nxt
                    continue
            if ln.has_tab:
                nxt = self._row_per_line(i)
                if nxt is not None:
                    i = nxt
                    continue
                self._emit_text(ln, ln)
                i += 1
                continue
            if ln.artefact:
                i += 1
                continue
            spaced = self.spaced.table_at(i)
            if spaced is not None:
                self._emit_table(spaced.rows)
                i = spaced.stop
                continue
            found = find_table(self.text, lines, i)
            if found is not None and found.rows:
                first_line = min(c.location.line or ln.no for row in found.rows for c in row if c.text)
                for skipped in lines[i:found.stop]:  # cells before the header row are text
                    if skipped.no < first_line and not skipped.blank and not skipped.artefact:
                        self._emit_text(skipped, skipped)
                if found.before is not None:
                    start, end = _trim(self.text, *found.before)
                    self._emit("paragraph", start, end, ln.no)
                self._emit_table(found.rows)
                i = found.stop
                continue
            if self.markdown:
                m = _MD_HEADING.match(ln.s)
                if m:
                    start, end = _trim(self.text, ln.start + m.end(), ln.end)
                    self._emit("heading", start, end, ln.no)
                    i += 1
                    continue
                j = i
                while (
                    j + 1 < n
                    and not lines[j + 1].blank
                    and not lines[j + 1].has_tab
                    and not lines[j + 1].artefact
                    and not _MD_HEADING.match(lines[j + 1].s)
                ):
                    j += 1
                self._emit_text(ln, lines[j])
                i = j + 1
                continue
            self._emit_text(ln, ln)
            i += 1
        return self.blocks



def segment_text(text: str, markdown: bool) -> list[Block]:
    """Blocks (spans of ``text``) for a decoded .txt/.md document."""
    return _Segmenter(text, markdown).run()


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
