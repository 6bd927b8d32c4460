""".html -> ParsedDocument (selectolax): headings, paragraphs and tables of the main content.

Charset: <meta charset> / http-equiv first, then the text decoder's checks (see
encoding.decode_bytes). Navigation, scripts, styles, iframes, forms, headers and footers
are dropped; <main>/<article> is used when the page has one.

Government CMS pages need more than that:

* data tables are laid out on a grid: a cell with ``colspan``/``rowspan`` keeps its text
  in its first slot and leaves the slots it covers empty, so every row has the header's
  columns and a value stays under its column label;
* layout tables (a table that holds another table, or has a single column) are not data:
  their cells are read as ordinary flow, and the tables inside them as tables;
* cell text keeps its words: inline runs join without a space (``<span>2,</span>106.66``),
  ``<br>`` and ``<p>``/``<div>`` inside a cell break lines that are folded like wrapped
  labels, ``&nbsp;`` and source line breaks are white space, and a source line break between two
  Chinese characters is dropped (``本年\\n支出`` -> ``本年支出``).
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
                       "caption", "hr", "tr", "td", "th", "thead", "tbody", "tfoot"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_MAX_SPAN = 1000
MAX_TABLE_CELLS = 200_000  # slots a table's grid may have after spans are expanded
_WS = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]*[\r\n][\s\u00a0]*(?=[{_CJK}])")


def _charset_hint(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:8192])
    return m.group(1).decode("ascii", "ignore") if m else None


def _span(node, name: str) -> int:
    try:
        return max(1, min(int(node.attributes.get(name) or 1), _MAX_SPAN))
    except (TypeError, ValueError):
        return 1


def clean_ws(text: str) -> str:
    """HTML white space (incl. &nbsp;) -> one space; a source line break between two
    Chinese characters (an editor's wrap, not a printed space) -> nothing."""
    return _WS.sub(" ", _CJK_WRAP.sub("", text)).strip()


def node_text(node) -> str:
    """Text of a node as rendered: inline runs joined, block breaks and <br> as "\\n"."""
    parts: list[str] = []

    def rec(n) -> None:
        for ch in n.iter(include_text=True):
            tag = ch.tag
            if tag == "-text":
                parts.append(_WS.sub(" ", _CJK_WRAP.sub("", ch.text_content or "")))
            elif tag in _DROP or tag == "-comment":
                continue
            elif tag == "br":
                parts.append("\n")
            elif tag in _BLOCKS:
                parts.append("\n")
                rec(ch)
                parts.append("\n")
            else:
                rec(ch)

    rec(node)
    lines = [clean_ws(s) for s in "".join(parts).split("\n")]
    return "\n".join(s for s in lines if s)


def _closest_table(node):
    p = node.parent
    while p is not None and p.tag != "table":
        p = p.parent
    return p


def _own_rows(table) -> list:
    return [tr for tr in table.css("tr") if _closest_table(tr) == table]


def _cells(tr) -> list:
    return [c for c in tr.iter() if c.tag in ("td", "th")]


def is_layout_table(table) -> bool:
    """A table used for page layout: it holds another table, or it has one column."""
    if any(t != table for t in table.css("table")):
        return True
    return max((len(_cells(tr)) for tr in _own_rows(table)), default=0) <= 1


def table_grid(table) -> list[list[str]]:
    """The table's rows on its column grid; spanned slots are empty strings."""
    grid: dict[tuple[int, int], str] = {}
    rows = _own_rows(table)
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for cell in _cells(tr):
            while (r, c) in grid:
                c += 1
            rs = min(_span(cell, "rowspan"), len(rows) - r)
            cs = _span(cell, "colspan")
            if len(grid) + rs * cs > MAX_TABLE_CELLS:
                break
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = ""
            grid[(r, c)] = node_text(cell)
            c += cs
            width = max(width, c)
    return [[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))]


class _Walker:
    def __init__(self) -> None:
        self.b = DocBuilder("html")
        self.buf: list[str] = []

    def flush(self) -> None:
        text = clean_ws("".join(self.buf)) if self.buf else ""
        self.buf = []
        if text:
            self.b.add_text("heading" if looks_like_title(text) else "paragraph", text, Location())

    def table(self, node) -> None:
        if is_layout_table(node):
            for tr in _own_rows(node):
                for cell in _cells(tr):
                    self.flush()
                    self.walk(cell)
                    self.flush()
            return
        grid = table_grid(node)
        self.b.add_table([[CellSpec(t) for t in row] for row in grid], Location())

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
                self.b.add_text("heading", clean_ws(node_text(child).replace("\n", " ")), Location())
            elif tag in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            else:
                self.walk(child)  # inline element: its text joins the current paragraph


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
    meta = {"title": clean_ws(title.text())} if title is not None and title.text().strip() else {}
    return w.b.build(encoding=encoding, meta=meta)
