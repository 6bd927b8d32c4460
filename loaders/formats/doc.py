"""Legacy .doc (Word 97-2003): converted to .docx by LibreOffice when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ..model import ParsedDocument
from .docx import build_docx
from .errors import QuarantineError

CONVERT_TIMEOUT_S = 120


def parse_doc(data: bytes) -> ParsedDocument:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise QuarantineError("legacy .doc: convert to .docx (LibreOffice not installed)")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.doc"
        src.write_bytes(data)
        try:
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "docx",
                 "--outdir", tmp, str(src)],
                check=True, capture_output=True, timeout=CONVERT_TIMEOUT_S,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise QuarantineError(f"legacy .doc: conversion failed ({type(exc).__name__})")
        out = Path(tmp) / "in.docx"
        if not out.exists():
            raise QuarantineError("legacy .doc: conversion produced no .docx")
        doc = build_docx(out.read_bytes(), "doc")
    doc.meta["converted_with"] = "soffice"
    return doc
