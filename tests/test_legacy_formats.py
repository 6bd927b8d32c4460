"""Legacy .doc and .xls for real: LibreOffice converts the tests' own .docx/.xlsx files
(tests/builders.py) and the converted files must give the same facts as the originals."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

import builders as B
from loaders.formats import parse_bytes
from loaders.store.prepare import extract_one

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice not installed (make legacy installs it)")


def _convert(tmp_path: Path, name: str, data: bytes, to: str) -> bytes:
    src = tmp_path / name
    src.write_bytes(data)
    subprocess.run(
        [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", to,
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )
    return (tmp_path / f"{src.stem}.{to}").read_bytes()


def _facts(data: bytes, name: str) -> list[tuple]:
    key = [(f.metric, f.value, f.unit, f.subject_code, f.qualifier, f.period, f.value_text)
           for f in extract_one(data, name)]
    return sorted(key, key=str)


@pytest.mark.parametrize("builder", ["sample", "real"])
def test_doc_from_docx_gives_the_same_facts(tmp_path, builder):
    docx = B.build_docx(*B.sample_blocks()) if builder == "sample" else B.build_real_docx()
    doc = _convert(tmp_path, "note.docx", docx, "doc")
    assert doc.startswith(bytes.fromhex("D0CF11E0A1B11AE1"))  # a real Word 97 file
    parsed = parse_bytes(doc, "note.doc")
    assert parsed.format == "doc" and parsed.meta["converted_with"] == "soffice"
    want = _facts(docx, "note.docx")
    assert want and _facts(doc, "note.doc") == want


def test_xls_from_xlsx_gives_the_same_facts_and_printed_numbers(tmp_path):
    xlsx = B.build_real_xlsx()
    xls = _convert(tmp_path, "fubiao.xlsx", xlsx, "xls")
    parsed = parse_bytes(xls, "fubiao.xls")
    assert parsed.format == "xls"
    # number formats survive: 1511.895 stored, "1,511.90" printed, as in the .xlsx
    assert [t.text for t in parsed.tables] == [t.text for t in parse_bytes(xlsx, "fubiao.xlsx").tables]
    want = _facts(xlsx, "fubiao.xlsx")
    assert want and _facts(xls, "fubiao.xls") == want
