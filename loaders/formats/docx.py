""".docx -> ParsedDocument: body paragraphs and tables in document order (python-docx).

Heading styles (Heading 1-9 / 标题 / Title) and short numbered titles become headings.
Merged table cells come back once (the repeated cells python-docx reports for a merge
are left empty) so each row keeps the grid's columns. Zip safety is checked first.
"""

from __future__ import annotations

import io

from ..model import Location, ParsedDocument
from .builder import CellSpec, DocBuilder
from .titles import looks_like_title
from .zipsafe import check_zip

_HEADING_STYLES = ("heading", "标题", "title")


def _is_heading_style(name: str | None) -> bool:
    n = (name or "").strip().lower()
    return n.startswith(_HEADING_STYLES)


def _table_rows(table) -> list[list[CellSpec]]:
    seen: dict[int, object] = {}  # id -> element; holding the element keeps its id unique
    rows: list[list[CellSpec]] = []
    for row in table.rows:
        out = []
        for cell in row.cells:
            key = id(cell._tc)
            if seen.get(key) is cell._tc:
                out.append(CellSpec(""))
                continue
            seen[key] = cell._tc
            out.append(CellSpec(cell.text))
        rows.append(out)
    return rows


def build_docx(data: bytes, fmt: str = "docx") -> ParsedDocument:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_zip(data)
    document = docx.Document(io.BytesIO(data))
    b = DocBuilder(fmt)
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text
            style = para.style.name if para.style is not None else None
            kind = "heading" if _is_heading_style(style) or looks_like_title(text) else "paragraph"
            b.add_text(kind, text, Location())
        elif tag == "tbl":
            b.add_table(_table_rows(Table(child, document)), Location())
    return b.build()


def parse_docx(data: bytes) -> ParsedDocument:
    return build_docx(data, "docx")
