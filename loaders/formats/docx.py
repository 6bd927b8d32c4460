""".docx -> ParsedDocument: body paragraphs and tables in document order.

python-docx opens the package and names paragraph styles; the body is walked on its XML
so that real Word files come out whole:

* tables are laid on their column grid: ``w:gridSpan`` leaves the covered slots empty,
  a ``w:vMerge`` continuation cell is empty, ``w:gridBefore`` shifts a row right — every
  row keeps the grid's columns and values stay under their labels;
* a table that holds another table, or has a single column, is layout (a frame around
  text): its cells are read as paragraphs and its inner tables as tables;
* text boxes (``w:txbxContent``; the VML fallback copy is skipped) and content controls
  (``w:sdt``) are read where they are anchored;
* ``w:br`` line breaks inside a paragraph or cell fold like wrapped lines, ``w:tab`` is a
  space, deleted revisions are left out.

Heading styles (Heading 1-9 / 标题 / Title) and short numbered titles become headings.
Zip safety is checked first.
"""

from __future__ import annotations

import io
from typing import Any

from ..model import Location, ParsedDocument
from .builder import CellSpec, DocBuilder, fold_lines
from .titles import looks_like_title
from .zipsafe import check_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_HEADING_STYLES = ("heading", "标题", "title")
_SKIP = {_W + "pPr", _W + "rPr", _W + "tcPr", _W + "trPr", _W + "tblPr", _W + "delText", _W + "instrText",
         _W + "del", _W + "txbxContent", _MC_FALLBACK}
MAX_TABLE_SLOTS = 200_000


def _is_heading_style(name: str | None) -> bool:
    n = (name or "").strip().lower()
    return n.startswith(_HEADING_STYLES)


def _int_attr(el: Any, default: int = 1) -> int:
    if el is None:
        return default
    try:
        return max(0, min(int(el.get(_W + "val")), 1000))
    except (TypeError, ValueError):
        return default


def _inline_text(el: Any, out: list[str]) -> None:
    for ch in el:
        tag = ch.tag
        if tag == _W + "t":
            out.append(ch.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            out.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag in _SKIP or not isinstance(tag, str):
            continue
        else:
            _inline_text(ch, out)


def paragraph_text(p: Any) -> str:
    """A paragraph's printed text (text boxes anchored in it excluded)."""
    out: list[str] = []
    _inline_text(p, out)
    return fold_lines("".join(out))


def _text_boxes(p: Any) -> list[Any]:
    """Text-box contents anchored in a paragraph, skipping the VML fallback copies."""
    boxes = []
    for box in p.iter(_W + "txbxContent"):
        anc = box.getparent()
        fallback = False
        while anc is not None and anc is not p:
            if anc.tag == _MC_FALLBACK or anc.tag == _W + "txbxContent":
                fallback = True
                break
            anc = anc.getparent()
        if not fallback:
            boxes.append(box)
    return boxes


def _rows(tbl: Any) -> list[Any]:
    return [tr for tr in _children(tbl, "tr")]


def _children(el: Any, name: str) -> list[Any]:
    """Direct children called ``name``, looking through content controls (w:sdt)."""
    out = []
    for ch in el:
        if ch.tag == _W + name:
            out.append(ch)
        elif ch.tag == _W + "sdt":
            content = ch.find(_W + "sdtContent")
            if content is not None:
                out.extend(_children(content, name))
    return out


def is_layout_table(tbl: Any) -> bool:
    """A frame around text: it holds another table, or every row has one cell."""
    for tc in tbl.iter(_W + "tc"):
        if tc.find(".//" + _W + "tbl") is not None:
            return True
    return max((len(_children(tr, "tc")) for tr in _rows(tbl)), default=0) <= 1


def _row_runs(tbl: Any) -> list[tuple[bool, list[Any]]]:
    """Consecutive rows grouped by kind: data rows (two or more cells, no inner table) or
    layout rows. Word 97 (.doc) has no gap between adjacent tables, so LibreOffice saves a
    data table followed by a frame as one table; its data rows are still a table."""
    runs: list[tuple[bool, list[Any]]] = []
    for tr in _rows(tbl):
        tcs = _children(tr, "tc")
        data = len(tcs) >= 2 and all(tc.find(".//" + _W + "tbl") is None for tc in tcs)
        if runs and runs[-1][0] == data:
            runs[-1][1].append(tr)
        else:
            runs.append((data, [tr]))
    return runs


def _sub_table(tbl: Any, rows: list[Any]) -> Any:
    """A copy of ``tbl`` (grid and properties) holding only ``rows``."""
    import copy

    keep = {id(tr) for tr in rows}
    sub = tbl.makeelement(tbl.tag, dict(tbl.attrib))
    for ch in tbl:
        if ch.tag != _W + "tr" or id(ch) in keep:
            sub.append(copy.deepcopy(ch))
    return sub


def _block_lines(container: Any, out: list[str]) -> None:
    """Printed lines of a cell: its paragraphs, text boxes and inner tables, in order."""
    for child in container:
        tag = child.tag
        if tag == _W + "p":
            out.append(paragraph_text(child))
            for box in _text_boxes(child):
                _block_lines(box, out)
        elif tag == _W + "tbl":
            for tr in _rows(child):
                for tc in _children(tr, "tc"):
                    _block_lines(tc, out)
        elif tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                _block_lines(content, out)


def _cell_text(tc: Any) -> str:
    lines: list[str] = []
    _block_lines(tc, lines)
    return "\n".join(s for s in lines if s)


def table_grid(tbl: Any) -> list[list[str]]:
    """Rows on the table's column grid; slots covered by a merge are empty strings."""
    rows: list[list[str]] = []
    slots = 0
    for tr in _rows(tbl):
        trpr = tr.find(_W + "trPr")
        before = _int_attr(trpr.find(_W + "gridBefore"), 0) if trpr is not None else 0
        row = [""] * before
        for tc in _children(tr, "tc"):
            tcpr = tc.find(_W + "tcPr")
            span = _int_attr(tcpr.find(_W + "gridSpan")) if tcpr is not None else 1
            vmerge = tcpr.find(_W + "vMerge") if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(_W + "val") in (None, "continue")
            row.append("" if continued else _cell_text(tc))
            row.extend([""] * (max(span, 1) - 1))
        slots += len(row)
        if slots > MAX_TABLE_SLOTS:
            break
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


class _Walker:
    def __init__(self, document: Any, fmt: str) -> None:
        from docx.text.paragraph import Paragraph

        self.document = document
        self.Paragraph = Paragraph
        self.b = DocBuilder(fmt)

    def paragraph(self, p: Any) -> None:
        text = paragraph_text(p)
        if text:
            para = self.Paragraph(p, self.document)
            try:
                style = para.style.name if para.style is not None else None
            except (KeyError, ValueError, AttributeError):
                style = None
            kind = "heading" if _is_heading_style(style) or looks_like_title(text) else "paragraph"
            self.b.add_text(kind, text, Location())
        for box in _text_boxes(p):
            self.blocks(box)

    def table(self, tbl: Any) -> None:
        if is_layout_table(tbl):
            for is_data, rows in _row_runs(tbl):
                if is_data and len(rows) >= 2:  # a data table fused with a frame (as .doc saves them)
                    self._grid(_sub_table(tbl, rows))
                    continue
                for tr in rows:
                    for tc in _children(tr, "tc"):
                        self.blocks(tc)
            return
        self._grid(tbl)

    def _grid(self, tbl: Any) -> None:
        self.b.add_table([[CellSpec(t) for t in row] for row in table_grid(tbl)], Location())

    def blocks(self, container: Any) -> None:
        for child in container:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.table(child)
            elif tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    self.blocks(content)


def build_docx(data: bytes, fmt: str = "docx") -> ParsedDocument:
    import docx

    check_zip(data)
    document = docx.Document(io.BytesIO(data))
    w = _Walker(document, fmt)
    w.blocks(document.element.body)
    return w.b.build()


def parse_docx(data: bytes) -> ParsedDocument:
    return build_docx(data, "docx")
