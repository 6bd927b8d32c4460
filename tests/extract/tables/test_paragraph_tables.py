"""A table flattened into one paragraph of a rebuilt document (HTML, DOCX) is a table block too:
'|'-separated cells, or an OCR line of space-separated cells after its caption."""

import io
from decimal import Decimal

import pytest

from loaders.extract import extract_facts
from loaders.formats import parse_file

FLAT = "项目 | 预算数 | 决算数 | 合计 | 12.00 | 10.50 | 因公出国（境）费 | 3.00 | 2.00 | 公务接待费 | 2.00 | 1.50"
OCR = ("金额单位:万元 项目 行次 金额 一一般公共预算财政拨款收入 1 4,627.57 三国防支出 34 0.00 "
       "五教育支出 36 4,146.04")


def _html(paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'.encode("utf-8")


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("build,suffix", [(_html, "html"), (_docx, "docx")])
def test_flattened_paragraphs_are_tables(build, suffix, tmp_path):
    path = tmp_path / f"flat.{suffix}"
    path.write_bytes(build(["“三公”经费支出决算表", "单位：万元", FLAT, "收入支出决算总表", OCR]))
    doc = parse_file(path)
    facts = [f for f in extract_facts(doc) if f.source == "table"]
    got = {(f.metric, f.qualifier, f.value) for f in facts}
    assert ("three_public_budget", "合计", Decimal("12.00")) in got
    assert ("three_public_total", None, Decimal("10.50")) in got
    assert ("three_public_item", "公务接待费", Decimal("1.50")) in got
    assert [f for f in facts if f.metric == "income_by_source" and f.value == Decimal("4627.57")]
    assert [f for f in facts if f.metric == "expense_by_function" and "教育支出" in f.qualifier
            and f.value == Decimal("4146.04")]
    assert not [f for f in facts if f.value in (Decimal(1), Decimal(34), Decimal(36))]
    for f in facts:
        assert doc.text[f.location.char_start:f.location.char_end] == f.evidence
