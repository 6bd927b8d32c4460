"""File -> ParsedDocument. One entry point, ``parse_file``; it raises QuarantineError
(one-line reason) for anything that must not be loaded.

The format is sniffed from the bytes first (``%PDF``, zip -> docx/xlsx by content,
OLE2 -> doc/xls, ``<html``) and only then from the file suffix. No other exception
leaves ``parse_bytes``: anything unexpected becomes a QuarantineError naming the format.
"""

from __future__ import annotations

from pathlib import Path

from ..model import ParsedDocument
from .errors import QuarantineError

__all__ = ["parse_file", "parse_bytes", "sniff_format", "QuarantineError"]

MAX_FILE_BYTES = 300 * 1024 * 1024

_OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
_TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def parse_file(path: str | Path) -> ParsedDocument:
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise QuarantineError(f"cannot read file: {exc.strerror or exc}")
    if size > MAX_FILE_BYTES:
        raise QuarantineError(f"file too large: {size} bytes (limit {MAX_FILE_BYTES})")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise QuarantineError(f"cannot read file: {exc.strerror or exc}")
    return parse_bytes(data, p.name)


def _zip_kind(data: bytes, suffix: str) -> str:
    from .zipsafe import check_zip

    names = check_zip(data)
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if suffix in (".docx", ".xlsx"):
        raise QuarantineError(f"corrupt {suffix[1:]}: zip archive without the {suffix[1:]} main part")
    raise QuarantineError("unsupported file type: zip archive")


def _ole_kind(data: bytes, suffix: str) -> str:
    if suffix in (".doc", ".xls"):
        return suffix[1:]
    head = data[: 1 << 20]
    if "WordDocument".encode("utf-16-le") in head:
        return "doc"
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return "xls"
    raise QuarantineError("unsupported file type: OLE2 compound file")


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def sniff_format(data: bytes, name: str) -> str:
    """pdf | docx | xlsx | doc | xls | html | txt | md, or QuarantineError."""
    suffix = Path(name).suffix.lower()
    if not data.strip():
        raise QuarantineError("empty file")
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, suffix)
    if data.startswith(_OLE2):
        return _ole_kind(data, suffix)
    if suffix == ".pdf":
        raise QuarantineError("corrupt PDF: no %PDF header")
    if suffix in (".docx", ".xlsx"):
        raise QuarantineError(f"corrupt {suffix[1:]}: not a zip archive")
    if suffix in (".doc", ".xls"):
        raise QuarantineError(f"corrupt {suffix[1:]}: not an OLE2 compound file")
    if suffix in _HTML_SUFFIXES or _looks_html(data):
        return "html"
    if suffix in _TEXT_SUFFIXES:
        return _TEXT_SUFFIXES[suffix]
    raise QuarantineError(f"unsupported file type: {suffix or 'no suffix'}")


def _parse(fmt: str, data: bytes) -> ParsedDocument:
    if fmt in ("txt", "md"):
        from .text import parse_text

        return parse_text(data, fmt)
    if fmt == "pdf":
        from .pdf import parse_pdf

        return parse_pdf(data)
    if fmt == "docx":
        from .docx import parse_docx

        return parse_docx(data)
    if fmt == "xlsx":
        from .xlsx import parse_xlsx

        return parse_xlsx(data)
    if fmt == "xls":
        from .xlsx import parse_xls

        return parse_xls(data)
    if fmt == "doc":
        from .doc import parse_doc

        return parse_doc(data)
    if fmt == "html":
        from .html import parse_html

        return parse_html(data)
    raise QuarantineError(f"unsupported file type: {fmt}")  # pragma: no cover


def parse_bytes(data: bytes, name: str) -> ParsedDocument:
    """Parse ``data`` (the bytes of a file called ``name``) or raise QuarantineError."""
    fmt = "unknown"
    try:
        fmt = sniff_format(data, name)
        doc = _parse(fmt, data)
    except QuarantineError:
        raise
    except MemoryError:
        raise QuarantineError(f"{fmt}: out of memory while parsing")
    except RecursionError:
        raise QuarantineError(f"{fmt}: structure nested too deeply")
    except Exception as exc:  # noqa: BLE001 - the one place that turns surprises into quarantine
        detail = " ".join(str(exc).split())[:200]
        raise QuarantineError(f"{fmt} could not be parsed: {type(exc).__name__}: {detail}")
    if not doc.text.strip():
        if fmt == "pdf":
            raise QuarantineError("scanned PDF: needs OCR")
        raise QuarantineError(f"{fmt} has no text")
    return doc
