"""Assemble a ParsedDocument for formats whose text is rebuilt (PDF, DOCX, HTML, XLSX ...).

Blocks are appended in reading order; the document text is the blocks' texts joined by a
blank line ("\\n\\n"), and every block and table cell records its character span in it.
Table text is rows joined by "\\n" and cells by "\\t", so a cell's text never contains
either: line breaks inside a cell (wrapped labels) are folded away here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Block, BlockKind, Cell, Location, ParsedDocument
from .text_tables import TextTable, paragraph_table

BLOCK_SEP = "\n\n"

_BREAKS = re.compile(r"[\r\n\t\x0b\x0c]+")
_CJK_EDGE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’（）]")


def fold_lines(text: str) -> str:
    """Join wrapped lines: no space between CJK fragments, one space between Latin words."""
    if not _BREAKS.search(text):  # one line
        return text.strip()
    parts = [p.strip() for p in _BREAKS.split(text)]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    out = parts[0]
    for p in parts[1:]:
        if _CJK_EDGE.match(out[-1]) or _CJK_EDGE.match(p[0]) or out[-1].isdigit() and p[0].isdigit():
            out += p
        else:
            out += " " + p
    return out


@dataclass
class CellSpec:
    """A cell before placement: printed text plus source location (page/bbox or sheet/cell)."""

    text: str
    location: Location = field(default_factory=Location)


@dataclass
class DocBuilder:
    format: str
    _parts: list[str] = field(default_factory=list)
    _blocks: list[Block] = field(default_factory=list)
    _pos: int = 0
    _line: int = 1
    _tables: int = 0

    def _place(self, text: str) -> tuple[int, int, int]:
        if self._parts:
            self._parts.append(BLOCK_SEP)
            self._pos += len(BLOCK_SEP)
            self._line += BLOCK_SEP.count("\n")
        start, line = self._pos, self._line
        self._parts.append(text)
        self._pos += len(text)
        self._line += text.count("\n")
        return start, self._pos, line

    def add_text(self, kind: BlockKind, text: str, location: Location | None = None) -> Block | None:
        """Append a heading or paragraph; blank text is skipped (returns None)."""
        text = text.strip()
        if not text:
            return None
        if kind == "paragraph":
            flat = paragraph_table(text)
            if flat is not None:  # a table flattened into one paragraph
                return self._add_flat_table(text, flat, location)
        start, end, line = self._place(text)
        loc = (location or Location())._replace(char_start=start, char_end=end, line=line)
        block = Block(block_no=len(self._blocks), kind=kind, text=text, location=loc)
        self._blocks.append(block)
        return block

    def _add_flat_table(self, text: str, flat: TextTable, location: Location | None) -> Block:
        """The caption printed before the table (单位：万元) as a paragraph of its own, then the
        table: its cells keep their place in the paragraph's text."""
        if flat.before is not None:
            caption = text[: flat.before[1]].strip()
            self.add_text("paragraph", caption, location)
            rest = text[flat.before[1]:]
            cut = flat.before[1] + len(rest) - len(rest.lstrip())
        else:
            cut = 0
        body = text[cut:]
        start, end, line = self._place(body)
        rows = [[Cell(c.row, c.col, c.text, (location or Location())._replace(char_start=start + c.location.char_start - cut,
                                                    char_end=start + c.location.char_end - cut, line=line))
                 for c in row] for row in flat.rows]
        loc = (location or Location())._replace(char_start=start, char_end=end, line=line)
        block = Block(block_no=len(self._blocks), kind="table", text=body, location=loc, rows=rows, table_no=self._tables)
        self._tables += 1
        self._blocks.append(block)
        return block

    def add_table(
        self,
        rows: list[list[CellSpec]],
        location: Location | None = None,
    ) -> Block | None:
        """Append a table; rows that are entirely empty are dropped, cells are line-folded."""
        clean = [[CellSpec(fold_lines(c.text), c.location) for c in row] for row in rows]
        clean = [row for row in clean if any(c.text for c in row)]
        if not clean:
            return None
        row_texts = ["\t".join(c.text for c in row) for row in clean]
        text = "\n".join(row_texts)
        start, end, line = self._place(text)
        cells: list[list[Cell]] = []
        pos = start
        for r, row in enumerate(clean):
            out_row = []
            for c, spec in enumerate(row):
                loc = spec.location._replace(
                    char_start=pos,
                    char_end=pos + len(spec.text),
                    line=line + r,
                )
                out_row.append(Cell(row=r, col=c, text=spec.text, location=loc))
                pos += len(spec.text) + 1  # the "\t" or "\n" after it
            cells.append(out_row)
        loc = (location or Location())._replace(char_start=start, char_end=end, line=line)
        block = Block(
            block_no=len(self._blocks), kind="table", text=text, location=loc, rows=cells, table_no=self._tables
        )
        self._tables += 1
        self._blocks.append(block)
        return block

    def build(self, pages: int | None = None, encoding: str | None = None, meta: dict[str, Any] | None = None) -> ParsedDocument:
        return ParsedDocument(
            format=self.format,
            text="".join(self._parts),
            blocks=self._blocks,
            pages=pages,
            encoding=encoding,
            meta=dict(meta or {}),
        )

