"""Test-time builders: real .docx/.pdf/.html/.xlsx files made from the sample texts.

Nothing here is committed as a binary fixture; every file is generated when a test runs.
PDFs are drawn with fpdf2 and the WenQuanYi Micro Hei font (a .ttc collection, loaded
with fpdf2's ``collection_font_number``).
"""

from __future__ import annotations

import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
TXT_SAMPLE = SAMPLES / "miyi-2023-land-expropriation-center.txt"
MD_SAMPLE = SAMPLES / "ziyang-2021-land-development-center.md"
REALDOCS = ROOT.parent / "shared" / "realdocs"
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")

# A small 收入决算表 in the shape of the real ones (codes, names, amounts as printed).
INCOME_TABLE = [
    ["科目编码", "科目名称", "本年收入合计", "财政拨款收入"],
    ["201", "一般公共服务支出", "2,112.86", "2,106.66"],
    ["2010601", "行政运行", "1,511.90", "1,511.89"],
    ["2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"],
]

# A sentence whose numbers are drawn as separate, lower runs (the real-PDF trap).
SPLIT_SENTENCE = [
    ("本年收入合计", False),
    ("2946.25", True),
    ("万元，其中：财政拨款收入", False),
    ("2940.05", True),
    ("万元，占", False),
    ("99.79%", True),
    ("。", False),
]


def sample_blocks(limit_paragraphs: int = 12) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """(kind, text) for the first headings/paragraphs of the .txt sample, and its first table."""
    from loaders.formats.text import parse_text

    doc = parse_text(TXT_SAMPLE.read_bytes(), "txt")
    texts = [(b.kind, b.text.replace("[bookmark: ", "").split("]")[-1]) for b in doc.blocks if b.kind != "table"]
    texts = [(k, t.strip()) for k, t in texts if t.strip()][:limit_paragraphs]
    table = [[c.text for c in row] for row in doc.tables[0].rows]
    return texts, table


def build_docx(texts: list[tuple[str, str]], table: list[list[str]]) -> bytes:
    import docx

    d = docx.Document()
    for kind, text in texts:
        if kind == "heading":
            d.add_heading(text, level=2)
        else:
            d.add_paragraph(text)
    width = max(len(r) for r in table)
    t = d.add_table(rows=len(table), cols=width)
    for r, row in enumerate(table):
        for c, value in enumerate(row):
            t.cell(r, c).text = value
    d.add_paragraph("表后说明：以上为绩效指标。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def build_html(texts: list[tuple[str, str]], table: list[list[str]], charset: str = "utf-8") -> bytes:
    from html import escape

    parts = [
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>决算公开</title>',
        "<style>p{color:red}</style><script>var x='不要这个';</script></head><body>",
        "<nav><a href='/'>首页</a> 导航栏目</nav><main>",
    ]
    for kind, text in texts:
        tag = "h2" if kind == "heading" else "p"
        parts.append(f"<{tag}>{escape(text)}</{tag}>")
    parts.append("<table>")
    for r, row in enumerate(table):
        tag = "th" if r == 0 else "td"
        parts.append("<tr>" + "".join(f"<{tag}>{escape(v)}</{tag}>" for v in row) + "</tr>")
    parts.append("</table><iframe src='x'></iframe></main><footer>版权所有</footer></body></html>")
    return "".join(parts).encode(charset)


def build_xlsx(table: list[list[str]], formula: bool = True) -> bytes:
    """A 收入决算表 sheet with numbers as numbers and (optionally) a SUM formula row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收入决算表"
    ws.append(["收入决算表"])
    ws.append([])
    for r, row in enumerate(table):
        out = []
        for c, v in enumerate(row):
            if r > 0 and c >= 2:
                out.append(float(v.replace(",", "")))
            else:
                out.append(v)
        ws.append(out)
    for row in ws.iter_rows(min_row=4, min_col=3):
        for cell in row:
            cell.number_format = "#,##0.00"
    if formula:
        ws.append(["", "公式合计", "=SUM(C4:C6)", None])
    ws2 = wb.create_sheet("说明")
    ws2["B2"] = "本年收入合计2946.25万元"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("wqy", fname=str(CJK_FONT), collection_font_number=0)
    return pdf


def build_pdf(
    texts: list[tuple[str, str]] | None = None,
    table: list[list[str]] | None = None,
    user_password: str | None = None,
) -> bytes:
    """Text-layer PDF: a large title, a sentence with lowered number runs, sample
    paragraphs (wrapped by fpdf2), and a ruled 收入决算表."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("wqy", size=18)
    pdf.cell(0, 12, "二、收入决算情况说明", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=12)
    x, y = pdf.l_margin + 12, pdf.get_y() + 8
    for run, lowered in SPLIT_SENTENCE:
        pdf.text(x, y + (1.7 if lowered else 0), run)  # numbers sit ~5pt lower, like the real PDF
        x += pdf.get_string_width(run)
    pdf.set_y(y + 8)
    for kind, text in texts or []:
        pdf.set_font("wqy", size=15 if kind == "heading" else 12)
        pdf.multi_cell(0, 7, ("" if kind == "heading" else "　　") + text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.set_font("wqy", size=10)
    pdf.ln(4)
    with pdf.table(text_align="LEFT", first_row_as_headings=False) as t:
        for row in table or INCOME_TABLE:
            r = t.row()
            for v in row:
                r.cell(v)
    if user_password:
        pdf.set_encryption(owner_password="owner-" + user_password, user_password=user_password)
    return bytes(pdf.output())


def build_blank_pdf(pages: int = 1) -> bytes:
    """A PDF with pages but no text layer (what a scan without OCR looks like)."""
    pdf = _pdf()
    for _ in range(pages):
        pdf.add_page()
        pdf.rect(20, 20, 100, 150)
    return bytes(pdf.output())


def build_zip(entries: dict[str, bytes], compress: bool = True) -> bytes:
    import zipfile

    buf = io.BytesIO()
    mode = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(buf, "w", mode) as zf:
        for name, payload in entries.items():
            zf.writestr(name, payload)
    return buf.getvalue()


# -- an unruled 支出决算表 with running header/footer and a paragraph over a page break -----

UNRULED_HEADER = ["科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]
UNRULED_ROWS = [
    ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
    ["2010601", "行政运行", "1,511.89", "1,511.89", "-"],
    ["2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", ""],
    ["2210201", "住房公积金", "187.19", "187.19", "0.00"],
]
UNRULED_TOTAL = ["", "合计", "2,940.05", "2,336.91", "603.14"]
RUNNING_HEADER = "上海市某某区某某局2024年度部门决算"
LONG_PARAGRAPH = (
    "本年支出合计2940.05万元，其中：基本支出2336.91万元，占79.49%；项目支出603.14万元，占20.51%。"
    + "主要用于保障机构正常运转和完成日常工作任务，"
    + "以及财政管理信息化建设、预算绩效评价和财政监督检查等专项工作，" * 9
    + "全年各项支出均按预算执行，结转和结余资金已按规定清理。"
)


def build_unruled_pdf(page_number_style: str = "—{n}—", three_line: bool = False) -> bytes:
    """Page 1: running header, a 支出决算表 drawn without any ruling (numbers right-aligned,
    one label wrapped over two lines), then 情况说明 whose long paragraph runs onto page 2;
    every page has a running header and a page-number footer. ``three_line``: the table
    has horizontal rules only (above and below the header, below the last row)."""
    from fpdf import FPDF

    class Doc(FPDF):
        def header(self) -> None:
            self.set_font("wqy", size=9)
            self.set_y(8)
            self.cell(0, 5, RUNNING_HEADER, align="C")
            self.set_y(22)

        def footer(self) -> None:
            self.set_font("wqy", size=9)
            self.set_y(-14)
            self.cell(0, 5, page_number_style.format(n=self.page_no()), align="C")

    pdf = Doc(format="A4")
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("wqy", fname=str(CJK_FONT), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("wqy", size=16)
    pdf.cell(0, 10, "支出决算表", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=10)
    pdf.cell(0, 6, "单位：万元", align="R", new_x="LMARGIN", new_y="NEXT")
    widths = [24, 62, 30, 28, 26]
    aligns = ["L", "L", "R", "R", "R"]
    pdf.ln(2)
    x0, x1 = pdf.l_margin, pdf.l_margin + sum(widths)
    if three_line:
        pdf.line(x0, pdf.get_y(), x1, pdf.get_y())
    for i, h in enumerate(UNRULED_HEADER):
        pdf.cell(widths[i], 7, h, align="C" if i > 1 else "L")
    pdf.ln(7)
    if three_line:
        pdf.line(x0, pdf.get_y(), x1, pdf.get_y())
    for row in UNRULED_ROWS + [UNRULED_TOTAL]:
        label = row[1]
        wrapped = len(label) > 12
        parts = [label[:13], label[13:]] if wrapped else [label]
        y = pdf.get_y()
        for i, v in enumerate(row):
            pdf.set_xy(pdf.l_margin + sum(widths[:i]), y)
            pdf.cell(widths[i], 6, parts[0] if i == 1 else v, align=aligns[i])
        if wrapped:
            pdf.set_xy(pdf.l_margin + widths[0], y + 4.6)
            pdf.cell(widths[1], 6, parts[1], align="L")
            pdf.set_y(y + 4.6 + 7.5)
        else:
            pdf.set_y(y + 7.5)
    if three_line:
        pdf.line(x0, pdf.get_y(), x1, pdf.get_y())
    pdf.ln(6)
    pdf.set_font("wqy", size=14)
    pdf.cell(0, 9, "三、支出决算情况说明", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=12)
    pdf.multi_cell(0, 7.5, "（十二）完成区委、区政府交办的其他任务。", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    # pad page 1 so that the long paragraph has to break onto page 2
    while pdf.get_y() < 205:
        pdf.multi_cell(0, 7.5, "　　本段为版面占位说明文字，不含任何金额数字，仅用于使下文段落跨页排版。",
                       new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
        pdf.ln(3)
    pdf.multi_cell(0, 7.5, "　　" + LONG_PARAGRAPH, new_x="LMARGIN", new_y="NEXT", wrapmode="CHAR")
    pdf.ln(3)
    pdf.multi_cell(0, 7.5, "　　四、财政拨款收入支出决算总体情况说明另见下表。", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# -- a government CMS page: layout tables, a data table with rowspan/colspan, GBK ----------

CMS_GRID = [
    ["科目编码", "", "", "科目名称", "本年支出合计", "其中", ""],
    ["类", "款", "项", "", "", "基本支出", "项目支出"],
    ["201", "", "", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
    ["201", "06", "01", "行政运行", "1,511.89", "1,511.89", ""],
    ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", ""],
    ["", "", "06", "机关事业单位职业年金缴费支出", "80.38", "80.38", ""],
]
CMS_PARAGRAPH = "本年支出合计2,940.05万元，其中：基本支出2,336.91万元，占79.49%；项目支出603.14万元，占20.51%。"


def build_cms_html(charset: str = "gbk") -> bytes:
    """A 决算公开 article the way district CMS sites publish it (no <main>, layout tables)."""
    data_table = """
<table class="MsoNormalTable" border="1" cellspacing="0">
 <tr><td colspan="3"><p align="center"><b>科目编码</b></p></td><td rowspan="2">科目名称</td>
     <td rowspan="2"><p>本年支出<br>合计</p></td><td colspan="2">其中</td></tr>
 <tr><td>类</td><td>款</td><td>项</td><td>基本支出</td><td>项目支出</td></tr>
 <tr><td><p>201</p></td><td></td><td>&nbsp;</td><td><p><span>一般公共</span><span>服务支出</span></p></td>
     <td><span>2,</span>106.66</td><td>1,503.52</td><td>603.14</td></tr>
 <tr><td>201</td><td>06</td><td>01</td><td>&nbsp;&nbsp;行政运行</td><td>1,511.89</td><td>1,511.89</td><td>&nbsp;</td></tr>
 <tr><td rowspan="2">208</td><td rowspan="2">05</td><td>05</td><td>机关事业单位基本养老保险
     缴费支出</td><td>160.75</td><td>160.75</td><td></td></tr>
 <tr><td>06</td><td>机关事业单位职业年金缴费支出</td><td>80.38</td><td>80.38</td><td></td></tr>
</table>"""
    para = CMS_PARAGRAPH.replace("基本支出2,336.91", "基本\n        支出2,336.91")
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>上海市某某区某某局2024年度部门决算</title><script>document.write('统计代码');</script></head>
<body>
<table width="1000" align="center"><tr><td class="top">网站首页 | 政务公开 | 办事服务</td></tr></table>
<table width="1000" align="center">
 <tr><td class="crumb">当前位置：首页 &gt; 财政预决算</td></tr>
 <tr><td>
   <div class="TRS_Editor">
     <p align="center"><strong>二、支出决算情况说明</strong></p>
     <p>&nbsp;&nbsp;&nbsp;&nbsp;{para}</p>
     <p>支出决算表</p><p align="right">单位：万元</p>
     {data_table}
     <p>&nbsp;</p>
     <p>注：本表反映部门本年度各项支出情况。</p>
   </div>
 </td></tr>
</table>
<div class="footer">主办：某某区人民政府办公室&nbsp;版权所有</div>
</body></html>"""
    return page.encode(charset)


# -- a Word file the way departments write them: merged header cells, a frame table, a text box

DOCX_GRID = [
    ["项目", "", "本年支出合计", "其中", ""],
    ["科目编码", "科目名称", "", "基本支出", "项目支出"],
    ["201", "一般公共服务支出", "2,106.66", "1,503.52", "603.14"],
    ["2010601", "行政运行", "1,511.89", "1,511.89", ""],
]
TEXT_BOX = "本年收入合计2946.25万元（文本框）"
_TEXT_BOX_RUN = """<w:r %s><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>
<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>
</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>
<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r>"""


def build_real_docx() -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    d.add_heading("二、支出决算情况说明", level=2)
    p = d.add_paragraph("本年支出合计2940.05万元，")
    run = p.add_run("其中：基本支出2336.91万元")
    run.add_break()  # a soft line break inside the sentence
    p.add_run("，占79.49%。")
    d.add_paragraph("（十二）完成区委、区政府交办的其他任务。")
    d.add_paragraph("支出决算表")
    t = d.add_table(rows=4, cols=5)
    t.style = "Table Grid"
    for r, row in enumerate(DOCX_GRID):
        for c, v in enumerate(row):
            if v:
                t.cell(r, c).text = v
    t.cell(0, 0).merge(t.cell(0, 1))  # gridSpan
    t.cell(0, 2).merge(t.cell(1, 2))  # vMerge
    t.cell(0, 3).merge(t.cell(0, 4))
    t.cell(0, 0).text = "项目"
    t.cell(0, 2).text = "本年支出合计"
    t.cell(0, 3).text = "其中"
    # a one-cell frame table around a paragraph and a nested data table
    frame = d.add_table(rows=1, cols=1)
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "注：本表反映部门本年度各项支出情况。"
    inner = cell.add_table(rows=2, cols=2)
    for r, row in enumerate([["项目", "金额"], ["公务接待费", "0.70"]]):
        for c, v in enumerate(row):
            inner.cell(r, c).text = v
    tb = d.add_paragraph("见文本框：")
    ns = nsdecls("w", "wp", "a") + (
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    tb._p.append(parse_xml(_TEXT_BOX_RUN.replace("{text}", TEXT_BOX) % ns))
    d.add_paragraph("表后说明。")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# -- a workbook the way finance systems export it: merged title and headers, formats, 附表 per sheet

ACCOUNTING = '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ '


def build_real_xlsx() -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "附表1 收入决算表"
    ws["A1"] = "收入决算表"
    ws.merge_cells("A1:E1")
    ws["E2"] = "单位：万元"
    ws["A3"] = "科目编码"
    ws.merge_cells("A3:A4")
    ws["B3"] = "科目名称"
    ws.merge_cells("B3:B4")
    ws["C3"] = "本年收入合计"
    ws.merge_cells("C3:C4")
    ws["D3"] = "其中"
    ws.merge_cells("D3:E3")
    ws["D4"] = "财政拨款收入"
    ws["E4"] = "其他收入"
    rows = [
        ("201", "一般公共服务支出", 2112.86, 2106.66, 6.2),
        ("2010601", "行政运行", 1511.895, 1511.89, 0),
        ("2080505", "机关事业单位基本养老保险缴费支出", "160.75", "160.75", None),  # numbers stored as text
        ("", "比上年增减", -56.95, 0.2051, None),
    ]
    for r, row in enumerate(rows, start=5):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
        for c in (3, 4):
            ws.cell(r, c).number_format = "#,##0.00"
        ws.cell(r, 5).number_format = ACCOUNTING
    ws["C8"].number_format = "#,##0.00_);(#,##0.00)"
    ws["D8"].number_format = "0.00%"
    ws2 = wb.create_sheet("附表2 支出决算表")
    ws2.append(["支出决算表"])
    ws2.append(["科目编码", "科目名称", "本年支出合计"])
    ws2.append([201, "一般公共服务支出", 2106.66])
    ws2["C3"].number_format = "#,##0.00"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def build_wrapped_header_pdf() -> bytes:
    """An unruled table whose "本年支出合计" header wraps over two lines (the other header
    cells centred between them), with "编制单位：…  单位：万元" right above it."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font("wqy", size=16)
    pdf.cell(0, 10, "一般公共预算财政拨款支出决算表", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("wqy", size=10)
    y = pdf.get_y() + 2
    pdf.text(pdf.l_margin, y, "编制单位：上海市某某局")
    pdf.text(pdf.l_margin + 150, y, "单位：万元")
    widths = [24, 62, 30, 28, 26]
    x = [pdf.l_margin + sum(widths[:i]) for i in range(5)]
    y += 7
    pdf.set_xy(x[2], y)
    pdf.cell(widths[2], 5, "本年支出", align="C")
    pdf.set_xy(x[2], y + 4.5)
    pdf.cell(widths[2], 5, "合计", align="C")
    for i in (0, 1, 3, 4):
        pdf.set_xy(x[i], y + 2.25)
        pdf.cell(widths[i], 5, UNRULED_HEADER[i], align="C" if i > 1 else "L")
    y += 12
    for row in UNRULED_ROWS[:2] + [UNRULED_ROWS[3]]:
        for i, v in enumerate(row):
            pdf.set_xy(x[i], y)
            pdf.cell(widths[i], 6, v, align="R" if i > 1 else "L")
        y += 7.5
    pdf.set_y(y + 6)
    pdf.multi_cell(0, 7, "注：本表反映部门本年度一般公共预算财政拨款支出情况。", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
