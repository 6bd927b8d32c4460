""".html -> ParsedDocument (selectolax): headings, paragraphs and tables of the main content.

Charset: <meta charset> / http-equiv first, then the text decoder's checks (see
encoding.decode_bytes). Navigation, scripts, styles, iframes, forms, headers and footers
are dropped; <main>/<article> is used when the page has one. Tables keep their cells;
a colspan adds empty cells so rows stay on the header's grid.
"""

from __future__ import annotations

import re

from ..model import Location, ParsedDocument
from .builder import CellSpec, DocBuilder
from .encoding import decode_bytes
from .titles import looks_like_title

_DROP = {"script", "style", "nav", "iframe", "noscript", "form", "header", "footer", "svg", "template", "head",
         "button", "select", "object", "embed"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = _HEADINGS | {"p", "div", "section", "article", "main", "ul", "ol", "li", "table", "blockquote", "pre",
                       "dl", "dt", "dd", "center", "body", "html", "aside", "figure", "figcaption", "address",
                       "caption", "hr"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_MAX_SPAN = 1000


def _charset_hint(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


def _span(node, name: str) -> int:
    try:
        return max(1, min(int(node.attributes.get(name) or 1), _MAX_SPAN))
    except (TypeError, ValueError):
        return 1


class _Walker:
    def __init__(self) -> None:
        self.b = DocBuilder("html")
        self.buf: list[str] = []

    def flush(self) -> None:
        text = " ".join("".join(self.buf).split()) if self.buf else ""
        self.buf = []
        if text:
            self.b.add_text("heading" if looks_like_title(text) else "paragraph", text, Location())

    def table(self, node) -> None:
        rows: list[list[CellSpec]] = []
        for tr in node.css("tr"):
            # skip rows of nested tables: they belong to the inner table's cell text
            if _closest_table(tr) != node:
                continue
            row: list[CellSpec] = []
            for cell in tr.iter():
                if cell.tag not in ("td", "th"):
                    continue
                text = cell.text(deep=True, separator="\n")
                row.append(CellSpec(text))
                row.extend(CellSpec("") for _ in range(_span(cell, "colspan") - 1))
            if row:
                rows.append(row)
        self.b.add_table(rows, Location())

    def walk(self, node) -> None:
        for child in node.iter(include_text=True):
            tag = child.tag
            if tag == "-text":
                self.buf.append(child.text_content or "")
            elif tag in _DROP or tag == "-comment":
                continue
            elif tag == "br":
                self.flush()
            elif tag == "table":
                self.flush()
                self.table(child)
            elif tag in _HEADINGS:
                self.flush()
                self.b.add_text("heading", " ".join(child.text(deep=True).split()), Location())
            elif tag in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)  # inline element: its text joins the current paragraph


def _closest_table(node):
    p = node.parent
    while p is not None and p.tag != "table":
        p = p.parent
    return p


def parse_html(data: bytes) -> ParsedDocument:
    from selectolax.lexbor import LexborHTMLParser as HTMLParser

    text, encoding = decode_bytes(data, hint=_charset_hint(data))
    tree = HTMLParser(text)
    root = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    w = _Walker()
    if root is not None:
        w.walk(root)
        w.flush()
    title = tree.css_first("title")
    meta = {"title": " ".join(title.text().split())} if title is not None and title.text().strip() else {}
    return w.b.build(encoding=encoding, meta=meta)
