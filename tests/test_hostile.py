"""Issue 6: hostile inputs, generated here, loaded in ONE batch.

Every input must end in exactly one ledger state (loaded / duplicate / quarantined) with a
one-line reason when it is not loaded; the batch always completes and its summary accounts
for every input. Where the outcome is the store's own decision (empty, oversized, FIFO,
duplicate, not a disclosure) or cannot sensibly be anything else (random bytes, bombs,
encrypted), the exact state is asserted too.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from loaders.store.load import Limits, load_paths

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".doc", ".html", ".txt", ".md")
JUESUAN_LINES = ["某某县财政局2023年度部门决算", "一、收入支出决算总体情况说明", "2023年度收、支总计421.54万元。"]
BATCH_LIMITS = Limits(timeout_s=20, memory_bytes=1024**3, max_bytes=100 * 1024 * 1024)


def _pdf(lines: list[str], encrypt: bool = False, pages: int = 1) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    if CJK_FONT.exists():
        pdf.add_font("cjk", fname=str(CJK_FONT))
        pdf.set_font("cjk", size=12)
    else:  # pragma: no cover
        pdf.set_font("helvetica", size=12)
    for p in range(pages):
        pdf.add_page()
        if p == 0:
            for line in lines:
                pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    if encrypt:
        pdf.set_encryption(owner_password="owner", user_password="secret")
    return bytes(pdf.output())


def _nested_pdf(depth: int = 100_000) -> bytes:
    """A syntactically plausible PDF whose page dictionary holds an array nested `depth` deep."""
    nested = b"[" * depth + b"]" * depth
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Junk " + nested + b" >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _docx(lines: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_bomb(main_part: str, extra: dict[str, bytes], mib: int = 256) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, data in extra.items():
            z.writestr(name, data)
        with z.open(main_part, "w", force_zip64=True) as fh:
            chunk = b" " * (4 << 20)
            for _ in range(mib // 4):
                fh.write(chunk)
    return buf.getvalue()


def _with_escaping_entry(zip_bytes: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(zip_bytes))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info, src.read(info))
        z.writestr(zipfile.ZipInfo("../../escaped-from-docx.txt"), b"pwned")
    return buf.getvalue()


HTML_WITH_SCRIPTS = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年度部门决算</title>
<script>document.write('SCRIPT-PAYLOAD 999999.99万元'); fetch('http://evil.example/x');</script>
<style>body { color: red } .STYLE-PAYLOAD {}</style></head>
<body><iframe src="http://evil.example/frame" srcdoc="IFRAME-PAYLOAD"></iframe>
<h1>某某县财政局2023年度部门决算</h1><p>一、收入支出决算总体情况说明</p>
<p>2023年度收、支总计421.54万元。</p><script type="text/javascript">alert('SCRIPT2-PAYLOAD')</script>
<noscript>NOSCRIPT-PAYLOAD</noscript><object data="x.swf">OBJECT</object></body></html>"""

NEWS = "今天天气晴朗，气温二十五度。\n市民在公园散步，孩子们放风筝。\n本报记者 张三 报道。\n" * 20
YUSUAN = ("某某县财政局2024年部门预算公开说明\n第一部分 部门概况\n"
          "一、收支预算总体情况说明\n2024年收入预算合计1,234.56万元，支出预算合计1,234.56万元。\n")
BIG5_TEXT = "某某縣財政局2023年度部門決算\n一、收入支出決算總體情況說明\n2023年度收、支總計421.54萬元。\n"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    from loaders.config import SAMPLES_DIR

    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    folder.mkdir()
    miyi = (SAMPLES_DIR / "miyi-2023-land-expropriation-center.txt").read_text(encoding="utf-8")
    rng = random.Random(20240601)
    files: dict[str, bytes] = {
        "01-empty.txt": b"",
        "02-empty.pdf": b"",
        "03-truncated.pdf": _pdf(JUESUAN_LINES)[: 4000],
        "04-encrypted.pdf": _pdf(JUESUAN_LINES, encrypt=True),
        "05-3000-pages.pdf": _pdf([], pages=3000),
        "06-nested.pdf": _nested_pdf(),
        "07-bomb.docx": _zip_bomb("word/document.xml", {"[Content_Types].xml": b"<Types/>"}),
        "08-bomb.xlsx": _zip_bomb("xl/worksheets/sheet1.xml", {"xl/workbook.xml": b"<workbook/>"}, mib=160),
        "09-escape.docx": _with_escaping_entry(_docx(JUESUAN_LINES)),
        "11-gbk.txt": miyi.encode("gb18030"),
        "12-big5.txt": BIG5_TEXT.encode("big5"),
        "13-utf16.txt": miyi.encode("utf-16"),
        "14-huge.txt": ("\n".join(JUESUAN_LINES) + "\n" + "本年度无重大变化，各项工作稳步推进。\n" * 182_000).encode(),  # 10 MB
        "15-scripts.html": HTML_WITH_SCRIPTS.encode("utf-8"),
        "16-not-a-juesuan.txt": NEWS.encode("utf-8"),
        "17-yusuan.txt": YUSUAN.encode("utf-8"),
        "18-copy-a.md": (SAMPLES_DIR / "ziyang-2021-land-development-center.md").read_bytes(),
        "19-copy-b.md": (SAMPLES_DIR / "ziyang-2021-land-development-center.md").read_bytes(),
        "20-version-1.txt": miyi.encode("utf-8"),
        "21-version-2.txt": (miyi + "\n（更正：第三部分表格已更新。）\n").encode("utf-8"),
        ".hidden.txt": miyi.encode("utf-8") + b"hidden",
    }
    for suffix in SUFFIXES:
        files[f"10-random{suffix}"] = rng.randbytes(8192).replace(b"%PDF", b"%pdf")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with open(folder / "22-sparse-oversized.pdf", "wb") as fh:
        fh.truncate(150 * 1024 * 1024)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "23-fifo.txt")
    inputs = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))

    db = root / "warehouse" / "juesuan.duckdb"
    t0 = time.monotonic()
    summary = load_paths([folder], db, limits=BATCH_LIMITS)
    seconds = time.monotonic() - t0
    by_name = {Path(e.input_path).name: e for e in summary.entries}
    print(f"\nhostile batch: {len(inputs)} inputs in {seconds:.1f} s")
    for e in summary.entries:
        print(f"  {Path(e.input_path).name:28s} {e.status:12s} {e.seconds:6.2f}s  {e.reason or ''}")
    yield {"db": db, "folder": folder, "root": root, "inputs": inputs, "summary": summary, "by": by_name,
           "texts": files, "miyi": miyi}
    shutil.rmtree(root, ignore_errors=True)


def _text_of(warehouse_query, db, document_id):
    return warehouse_query(db, "SELECT text FROM raw.document_texts WHERE document_id = ?", [document_id])[0][0]


def test_batch_accounts_for_every_input(batch, warehouse_query):
    s = batch["summary"]
    assert [Path(e.input_path).name for e in s.entries] == batch["inputs"]  # hidden file skipped, order kept
    assert sum(s.counts.values()) == len(batch["inputs"])
    rows = warehouse_query(batch["db"], "SELECT input_path, status, reason FROM raw.load_ledger WHERE run_id = ? ORDER BY seq",
                 [s.run_id])
    assert [Path(r[0]).name for r in rows] == batch["inputs"]  # exactly one ledger row per input
    for path, status, reason in rows:
        assert status in ("loaded", "duplicate", "quarantined")
        if status != "loaded":
            assert reason and "\n" not in reason and len(reason) <= 300, (path, reason)
    # documents written are exactly the loaded ones, each complete
    loaded = {e.document_id for e in s.entries if e.status == "loaded"}
    assert {r[0] for r in warehouse_query(batch["db"], "SELECT document_id FROM raw.documents")} == loaded
    assert {r[0] for r in warehouse_query(batch["db"], "SELECT document_id FROM raw.document_texts")} == loaded


EXPECTED_QUARANTINED = [
    "01-empty.txt", "02-empty.pdf", "04-encrypted.pdf", "05-3000-pages.pdf", "06-nested.pdf", "07-bomb.docx",
    "08-bomb.xlsx", "16-not-a-juesuan.txt", "22-sparse-oversized.pdf", "23-fifo.txt",
] + [f"10-random{s}" for s in SUFFIXES]


@pytest.mark.parametrize("name", EXPECTED_QUARANTINED)
def test_quarantined(batch, name):
    if name not in batch["by"]:
        pytest.skip(f"{name} not created on this platform")
    e = batch["by"][name]
    assert e.status == "quarantined", (name, e.status, e.reason)


def test_store_decisions_have_fixed_reasons(batch):
    by = batch["by"]
    assert by["01-empty.txt"].reason == "empty file (0 bytes)"
    assert by["16-not-a-juesuan.txt"].reason == "not a 决算/预算 disclosure"
    assert by["22-sparse-oversized.pdf"].reason.startswith("oversized: 157.3 MB")
    if "23-fifo.txt" in by:
        assert by["23-fifo.txt"].reason == "not a regular file"


def test_truncated_pdf_ends_in_one_state(batch, warehouse_query):
    e = batch["by"]["03-truncated.pdf"]
    assert e.status in ("loaded", "quarantined")
    if e.status == "loaded":  # a recovered PDF must carry the text it printed
        assert "决算" in _text_of(warehouse_query, batch["db"], e.document_id)


def test_zip_entry_escaping_the_folder_writes_nothing_outside(batch):
    e = batch["by"]["09-escape.docx"]
    assert e.status in ("loaded", "quarantined")
    for d in (batch["folder"], batch["root"], batch["root"].parent, Path.cwd()):
        assert not (d / "escaped-from-docx.txt").exists()


@pytest.mark.parametrize("name", ["11-gbk.txt", "13-utf16.txt"])
def test_encodings_decode_to_the_same_text(batch, warehouse_query, name):
    e = batch["by"][name]
    assert e.status == "loaded", e.reason
    assert _text_of(warehouse_query, batch["db"], e.document_id) == batch["miyi"]


def test_big5_text(batch, warehouse_query):
    from loaders.formats import parse_bytes

    assert parse_bytes(BIG5_TEXT.encode("big5"), "x.txt").text == BIG5_TEXT  # decoding is right
    e = batch["by"]["12-big5.txt"]
    assert e.status in ("loaded", "quarantined")  # 決算 in traditional characters: metadata's call
    if e.status == "loaded":
        assert _text_of(warehouse_query, batch["db"], e.document_id) == BIG5_TEXT


def test_huge_text_completes_within_limits(batch):
    e = batch["by"]["14-huge.txt"]
    assert e.status in ("loaded", "quarantined")
    assert e.seconds < BATCH_LIMITS.timeout_s + 10


def test_html_scripts_and_iframes_are_not_text(batch, warehouse_query):
    e = batch["by"]["15-scripts.html"]
    assert e.status == "loaded", e.reason
    text = _text_of(warehouse_query, batch["db"], e.document_id)
    assert "421.54" in text
    for payload in ("SCRIPT-PAYLOAD", "SCRIPT2-PAYLOAD", "STYLE-PAYLOAD", "IFRAME-PAYLOAD", "evil.example"):
        assert payload not in text


def test_yusuan_is_loaded_as_yusuan(batch, warehouse_query):
    e = batch["by"]["17-yusuan.txt"]
    assert e.status == "loaded", e.reason
    assert warehouse_query(batch["db"], "SELECT doc_kind FROM raw.documents WHERE document_id = ?", [e.document_id]) == [("预算",)]


def test_same_file_twice_and_two_versions(batch, warehouse_query):
    by = batch["by"]
    assert (by["18-copy-a.md"].status, by["19-copy-b.md"].status) == ("loaded", "duplicate")
    assert by["19-copy-b.md"].document_id == by["18-copy-a.md"].document_id
    assert "18-copy-a.md" in by["19-copy-b.md"].reason
    v1, v2 = by["20-version-1.txt"], by["21-version-2.txt"]
    assert (v1.status, v2.status) == ("loaded", "loaded")
    assert v1.document_id != v2.document_id
    rows = warehouse_query(batch["db"], "SELECT unit_name, fiscal_year, doc_kind FROM raw.documents WHERE document_id IN (?, ?)",
                 [v1.document_id, v2.document_id])
    assert len(rows) == 2 and rows[0] == rows[1]
