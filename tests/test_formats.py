"""loaders.formats: every format -> ParsedDocument with exact offsets; bad input -> quarantine."""

from __future__ import annotations


import pytest

from loaders.formats import QuarantineError, parse_bytes, parse_file, sniff_format
from loaders.model import ParsedDocument

import builders as B


# -- shared invariants ------------------------------------------------------------------


def assert_offsets(doc: ParsedDocument) -> None:
    """Every block and cell points at its own text inside doc.text."""
    for b in doc.blocks:
        s, e = b.location.char_start, b.location.char_end
        assert s is not None and e is not None and 0 <= s <= e <= len(doc.text)
        assert b.location.line == doc.line_of(s)
        if b.kind != "table":
            assert doc.text[s:e] == b.text
            continue
        assert b.rows
        assert b.text == "\n".join("\t".join(c.text for c in row) for row in b.rows)
        for row in b.rows:
            for c in row:
                cs, ce = c.location.char_start, c.location.char_end
                assert s <= cs <= ce <= e
                span = doc.text[cs:ce]
                if doc.format in ("txt", "md"):
                    # wrapped cells span several source lines; the printed text folds them
                    assert span.replace("\n", "").replace("\r", "").replace(" ", "") == c.text.replace(" ", "") or span == c.text
                else:
                    assert span == c.text


def row_of(doc: ParsedDocument, *needles: str) -> list[str] | None:
    for t in doc.tables:
        for row in t.rows:
            texts = [c.text for c in row]
            if all(n in texts for n in needles):
                return texts
    return None


# -- text / markdown ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def txt_doc() -> ParsedDocument:
    return parse_file(B.TXT_SAMPLE)


@pytest.fixture(scope="module")
def md_doc() -> ParsedDocument:
    return parse_file(B.MD_SAMPLE)


def test_txt_text_is_the_file_exactly(txt_doc):
    raw = B.TXT_SAMPLE.read_bytes()
    assert txt_doc.format == "txt"
    assert txt_doc.encoding in ("utf-8", "utf-8-sig")
    assert txt_doc.text == raw.decode(txt_doc.encoding)
    assert_offsets(txt_doc)


def test_txt_headings_paragraphs_and_bookmarks(txt_doc):
    headings = [b.text for b in txt_doc.blocks if b.kind == "heading"]
    assert "一、部门职责" in headings
    assert any(h.endswith("第二部分 2023年度部门决算情况说明") for h in headings)
    assert not any(h.startswith("[bookmark") for h in headings)  # leading markers left out of spans
    paras = [b for b in txt_doc.blocks if b.kind == "paragraph"]
    target = "2023年本年收入合计421.54万元，其中：一般公共预算财政拨款收入421.54万元，占100%。"
    hit = [b for b in paras if b.text == target]
    assert hit and hit[0].location.line == 16
    assert not any(b.text.strip().startswith("[bookmark") and b.text.strip().endswith("]") for b in txt_doc.blocks)


def test_txt_cell_per_line_table_with_wrapped_cells(txt_doc):
    t = txt_doc.tables[0]
    assert [c.text for c in t.rows[0]] == ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值（包含数字及文字描述）"]
    head = t.rows[0][0]
    assert txt_doc.text[head.location.char_start : head.location.char_end] == "绩\n效\n指\n标"
    assert ["", "项目完成", "数量指标", "身份识别阅读器", "8套"] == [c.text for c in t.rows[1]]
    cost = row_of(txt_doc, "财政资金投入")
    assert cost is not None and "7.975万元" in cost
    second = txt_doc.tables[1]
    assert row_of(txt_doc, "159.5万元", "151.53万元", "95%") is not None
    assert len(second.rows[0]) == 8
    assert_offsets(txt_doc)


def test_md_headings_tables_and_artefacts(md_doc):
    assert md_doc.format == "md"
    assert md_doc.text == B.MD_SAMPLE.read_text(encoding="utf-8")
    assert_offsets(md_doc)
    headings = [b.text for b in md_doc.blocks if b.kind == "heading"]
    assert "第一部分 单位概况" in headings and "二、收入决算情况说明" in headings
    assert not any(b.text.startswith("<http") for b in md_doc.blocks)
    assert any("622.34 万元" in b.text for b in md_doc.blocks if b.kind == "paragraph")
    row = row_of(md_doc, "合计", "62234")
    assert row is not None and row.count("62234") == 2
    # LaTeX fragments stay as printed inside their cell
    assert any("$(" in c.text for t in md_doc.tables for r in t.rows for c in r)


def test_row_per_line_table_continues_over_page_break():
    text = "标题\n\n项目\t预算\t执行\n\t合计\t100\t90\n\n\n\t其中\t50\t40\n\n结束语。\n"
    doc = parse_bytes(text.encode(), "x.md")
    assert len(doc.tables) == 1
    assert [c.text for c in doc.tables[0].rows[-1]] == ["", "其中", "50", "40"]
    assert_offsets(doc)


@pytest.mark.parametrize("codec", ["gbk", "gb18030", "utf-16", "utf-8-sig"])
def test_text_encodings_decode_and_are_recorded(txt_doc, codec):
    text = txt_doc.text.replace("\xa0", " ") if codec == "gbk" else txt_doc.text  # GBK has no NBSP
    doc = parse_bytes(text.encode(codec), "miyi.txt")
    assert doc.text == text
    assert doc.encoding == {"gbk": "gb18030"}.get(codec, codec)
    assert "2023年本年收入合计421.54万元" in doc.text
    assert len(doc.tables) == len(txt_doc.tables)


def test_short_gbk_text_decodes():
    data = "二、收入决算情况说明\n本年收入合计421.54万元。\n".encode("gbk")
    doc = parse_bytes(data, "a.txt")
    assert doc.encoding == "gb18030" and "本年收入合计421.54万元" in doc.text


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,  # control bytes everywhere
        bytes((i * 131 + 7) % 256 for i in range(4096)),
        "Café crème brûlée — naïve résumé façade déjà vu ".encode("cp1252") * 20,  # not Chinese
    ],
)
def test_undecodable_text_is_quarantined(data):
    with pytest.raises(QuarantineError) as e:
        parse_bytes(data, "bad.txt")
    assert "text encoding could not be determined" in e.value.reason
    assert "\n" not in e.value.reason


# -- built office / web documents ----------------------------------------------------------


@pytest.fixture(scope="module")
def sample_parts():
    return B.sample_blocks()


def test_docx_round_trip(sample_parts):
    texts, table = sample_parts
    doc = parse_bytes(B.build_docx(texts, table), "a.docx")
    assert doc.format == "docx"
    assert_offsets(doc)
    paras = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert "2023年本年收入合计421.54万元，其中：一般公共预算财政拨款收入421.54万元，占100%。" in paras
    assert "一、部门职责" in [b.text for b in doc.blocks if b.kind == "heading"]
    assert row_of(doc, "项目完成", "数量指标", "身份识别阅读器", "8套") is not None
    kinds = [b.kind for b in doc.blocks]
    assert kinds.index("table") < len(kinds) - 1 and doc.blocks[-1].text == "表后说明：以上为绩效指标。"


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_main_content_and_tables(sample_parts, charset):
    texts, table = sample_parts
    doc = parse_bytes(B.build_html(texts, table, charset), "a.html")
    assert doc.format == "html"
    assert_offsets(doc)
    assert "不要这个" not in doc.text and "导航栏目" not in doc.text and "版权所有" not in doc.text
    assert "2023年本年收入合计421.54万元" in doc.text
    assert row_of(doc, "项目完成", "数量指标", "身份识别阅读器", "8套") is not None
    assert doc.meta.get("title") == "决算公开"


def test_xlsx_cells_have_addresses_and_cached_values_only():
    doc = parse_bytes(B.build_xlsx(B.INCOME_TABLE), "a.xlsx")
    assert doc.format == "xlsx"
    assert_offsets(doc)
    t = doc.tables[0]
    row = next(r for r in t.rows if r[1].text == "行政运行")
    assert [c.text for c in row] == ["2010601", "行政运行", "1,511.90", "1,511.89"]
    assert row[3].location.sheet == "收入决算表" and row[3].location.cell == "D5"
    formula_row = next(r for r in t.rows if r[1].text == "公式合计")
    assert formula_row[2].text == ""  # never computed by Excel -> no cached value, not evaluated
    assert "=SUM" not in doc.text
    second = doc.tables[1]
    assert second.rows[0][0].location.cell == "B2" and second.rows[0][0].text == "本年收入合计2946.25万元"


# -- built PDFs --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_pdf(sample_parts):
    texts, table = sample_parts
    return parse_bytes(B.build_pdf(texts[:8], None), "built.pdf")


def test_pdf_split_number_runs_rejoin(built_pdf):
    assert built_pdf.format == "pdf" and built_pdf.pages >= 1
    assert_offsets(built_pdf)
    para = next(b for b in built_pdf.blocks if "本年收入合计" in b.text)
    assert para.kind == "paragraph"
    assert para.text == "本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占99.79%。"
    assert para.location.page == 1 and para.location.bbox is not None
    assert built_pdf.blocks[0].kind == "heading" and built_pdf.blocks[0].text == "二、收入决算情况说明"


def test_pdf_wrapped_paragraphs_are_whole(built_pdf, sample_parts):
    texts, _ = sample_parts
    long_para = next(t for k, t in texts[:8] if k == "paragraph" and len(t) > 60)
    assert any(b.text.replace(" ", "") == long_para.replace(" ", "") for b in built_pdf.blocks)


def test_pdf_ruled_table_rows(built_pdf):
    row = row_of(built_pdf, "2010601", "行政运行")
    assert row == ["2010601", "行政运行", "1,511.90", "1,511.89"]
    t = built_pdf.tables[0]
    cell = next(c for r in t.rows for c in r if c.text == "1,511.89")
    assert cell.location.page == 1 and cell.location.bbox is not None
    assert row_of(built_pdf, "2080505", "机关事业单位基本养老保险缴费支出") is not None


# -- bad inputs -------------------------------------------------------------------------------


def _reason(data: bytes, name: str) -> str:
    with pytest.raises(QuarantineError) as e:
        parse_bytes(data, name)
    assert "\n" not in e.value.reason
    return e.value.reason


def test_empty_file():
    assert _reason(b"", "a.pdf") == "empty file"
    assert _reason(b"  \n", "a.txt") == "empty file"


def test_random_bytes_with_pdf_suffix():
    assert _reason(bytes((i * 97 + 13) % 256 for i in range(5000)), "x.pdf").startswith("corrupt PDF")


def test_truncated_pdf():
    data = B.build_pdf()
    assert _reason(data[: len(data) // 2], "t.pdf").startswith("corrupt PDF")


def test_encrypted_pdf():
    assert _reason(B.build_pdf(user_password="secret"), "e.pdf").startswith("encrypted PDF")


def test_pdf_without_text_layer():
    assert _reason(B.build_blank_pdf(2), "scan.pdf").startswith("scanned PDF: needs OCR")


def test_too_many_pages(monkeypatch):
    from loaders.formats import pdf as pdfmod

    monkeypatch.setattr(pdfmod, "MAX_PAGES", 1)
    assert _reason(B.build_blank_pdf(2), "big.pdf").startswith("too many pages")


def test_zip_bomb_and_unsafe_paths():
    bomb = B.build_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * (20 * 1024 * 1024)})
    assert _reason(bomb, "bomb.docx").startswith("zip bomb")
    evil = B.build_zip({"word/document.xml": b"<x/>", "../../etc/passwd": b"x"})
    assert _reason(evil, "evil.docx").startswith("unsafe path in archive")
    absolute = B.build_zip({"/tmp/x": b"x", "xl/workbook.xml": b"<x/>"})
    assert _reason(absolute, "evil.xlsx").startswith("unsafe path in archive")


def test_corrupt_office_and_unknown_types():
    assert _reason(b"PK\x03\x04garbage", "a.docx").startswith("corrupt zip archive")
    assert _reason(b"hello", "a.docx").startswith("corrupt docx")
    assert _reason(b"just some bytes", "a.bin").startswith("unsupported file type")
    assert _reason(B.build_zip({"a.txt": b"x"}), "a.zip") == "unsupported file type: zip archive"


def test_legacy_doc_without_libreoffice(monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    ole = bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 504 + "WordDocument".encode("utf-16-le")
    assert _reason(ole, "old.doc").startswith("legacy .doc: convert to .docx")


def test_unexpected_errors_become_quarantine(monkeypatch):
    from loaders.formats import text as textmod

    def boom(*_a, **_k):
        raise ValueError("surprise\nsecond line")

    monkeypatch.setattr(textmod, "segment_text", boom)
    reason = _reason("正文".encode(), "a.txt")
    assert reason.startswith("txt could not be parsed: ValueError: surprise")


def test_sniff_by_magic_not_suffix(sample_parts):
    texts, table = sample_parts
    assert sniff_format(B.build_docx(texts, table), "misnamed.pdf") == "docx"
    assert sniff_format(B.build_xlsx(B.INCOME_TABLE), "noext") == "xlsx"
    assert sniff_format(B.build_pdf(), "x.txt") == "pdf"
    assert sniff_format(b"<!DOCTYPE html><html></html>", "page") == "html"
