"""Text table layouts the aligned and pipe readers cannot read: unaligned gap-separated tables
(a web page or Word table copied as text, ``loaders/formats/text_gaps.py``) and key-value card
rows (a mobile page's table view, ``loaders/formats/text_cards.py``). Each becomes a table block
first; the one table reader in ``loaders/extract`` gives the facts."""

from decimal import Decimal

from loaders.evaluation import extract_text
from loaders.formats.text import segment_text
from loaders.formats.text_cards import card_line
from loaders.formats.text_gaps import cells_of


def _tables(text: str) -> list[list[list[str]]]:
    return [[[c.text for c in r] for r in b.rows] for b in segment_text(text, False) if b.kind == "table"]


def _facts(text: str) -> dict[tuple, object]:
    """The table facts by (metric, qualifier, subject code)."""
    _, facts = extract_text(text)
    return {(f.metric, f.qualifier, f.subject_code): f for f in facts if f.source != "prose"}


ECON = """支出决算表（按支出经济分类）
编制单位：某某镇卫生院    2018年度    单位：百元
科目编码  科目名称    合计   基本支出    项目支出
合计      80,156.42   71,468.20    8,688.22
301   工资福利支出   52,846.70   52,846.70   -
30101  基本工资  15,320.00  15,320.00  -
302     商品和服务支出      27,309.72   18,621.50   8,688.22
二、支出决算情况说明
本年支出合计801.56万元。
"""


def test_unaligned_gap_table_is_read_by_count():
    (rows,) = _tables(ECON)
    assert rows[0] == ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]
    assert rows[1] == ["", "合计", "80,156.42", "71,468.20", "8,688.22"]  # the 合计 label under the name column
    assert rows[2] == ["301", "工资福利支出", "52,846.70", "52,846.70", "-"]
    assert len(rows) == 5  # the heading after the table is not a row


def test_gap_table_facts_keep_the_printed_unit_and_code():
    got = _facts(ECON)
    f = got[("expense_econ_item", "商品和服务支出", "302")]
    assert f.value == Decimal("27309.72") and f.unit == "百元" and f.amount_wan == Decimal("273.0972")
    assert got[("expense_econ_item_basic", "基本工资", "30101")].value == Decimal("15320.00")
    assert ("expense_econ_item_project", "基本工资", "30101") not in got  # "-" is missing, not 0
    assert got[("total_expense", None, None)].value == Decimal("80156.42")


COLLAPSED = """收入决算表
单位：万元
科目编码  科目名称   本年收入合计  财政拨款收入    上级补助收入  事业收入　经营收入   其他收入
合计    1,268.94   1,231.44  　　　    37.50
201   一般公共服务支出   906.18   868.68   37.50
2013801    行政运行    612.40    612.40
"""


def test_collapsed_blank_cells_read_only_the_row_total():
    """A row printing fewer amounts than the header has columns dropped its blanks: which column
    868.68 or 37.50 belongs to is not printed, so only the first amount (本年收入合计) is read."""
    (rows,) = _tables(COLLAPSED)
    assert rows[1] == ["", "合计", "1,268.94", "", "", "", "", ""]
    assert rows[2] == ["201", "一般公共服务支出", "906.18", "", "", "", "", ""]
    got = _facts(COLLAPSED)
    assert got[("income_item", "一般公共服务支出", "201")].value == Decimal("906.18")
    assert not [k for k in got if k[0] == "income_by_source"]  # no amount under a guessed column


def test_the_gap_reader_guesses_no_column():
    """Rows printing fewer amounts than the header has columns, under a header whose first amount
    column is no row total (or with no column the role lexicon names): no amount is placed."""
    from loaders.formats.text import _split_lines
    from loaders.formats.text_gaps import read_gap_table

    for text in ["项目  因公出国（境）费  公务用车购置费  公务接待费\n某某局  1.20  3.40\n某某中心  2.00  0.50\n",
                 "项目  基本支出  项目支出  其他\n甲  1.20  3.40\n乙  2.00  0.50\n"]:
        lines = _split_lines(text)
        got = read_gap_table(text, lines, 0, len(lines))
        assert got is None or all(c.text == "" for r in got.rows[1:] for c in r[1:]), text


def test_a_spaced_out_word_is_one_cell():
    class Line:
        no, start, end = 1, 0, 14
        s = "项\u3000目  决算数\u3000\u3000预算数"

    assert [c.text for c in cells_of(Line)] == ["项\u3000目", "决算数", "预算数"]


CARDS = """某某局2023年度一般公共预算财政拨款支出决算表
（移动端表格视图，金额单位：万元）
科目名称：合计，本年支出：2,339.05，基本支出：1,096.47，项目支出：1,242.58
科目编码：208，科目名称：社会保障和就业支出，本年支出：148.62，基本支出：148.62，项目支出：
科目编码：20805，科目名称：行政事业单位养老支出，本年支出：148.62，基本支出：148.62，项目支出：
科目编码：2120104，科目名称：城管执法，本年支出：497.88，基本支出：，项目支出：497.88
注：本表反映部门本年度一般公共预算财政拨款实际支出情况。
"""


def test_card_rows_become_a_table_headed_by_their_keys():
    (rows,) = _tables(CARDS)
    assert rows[0] == ["科目编码", "科目名称", "本年支出", "基本支出", "项目支出"]  # a key the first row leaves out keeps its place
    assert rows[1] == ["", "合计", "2,339.05", "1,096.47", "1,242.58"]
    assert rows[2] == ["208", "社会保障和就业支出", "148.62", "148.62", ""]
    assert rows[4] == ["2120104", "城管执法", "497.88", "", "497.88"]


def test_card_table_facts():
    got = _facts(CARDS)
    assert got[("gpb_expense_total", None, None)].value == Decimal("2339.05")
    assert got[("gpb_expense_by_function", "社会保障和就业支出", "208")].value == Decimal("148.62")
    assert got[("gpb_expense_item_project", "城管执法", "2120104")].value == Decimal("497.88")
    assert ("gpb_expense_item_basic", "城管执法", "2120104") not in got  # an empty value is missing


def test_prose_with_colons_and_commas_is_no_card_line():
    class Line:
        no, start = 1, 0

        def __init__(self, s):
            self.s, self.end = s, len(s)

    for s in ["其中：基本支出100万元，项目支出50万元，主要用于：日常运转",
              "单位：万元，部门：某某局，联系人：张三",  # no value is a number
              "主要原因：一是人员增加，二是项目增加，三是其他"]:
        assert not card_line(Line(s)), s
    assert card_line(Line("科目编码：208，科目名称：社会保障和就业支出，本年支出：148.62"))


WORDS = """按项级科目明细如下（单位：千元）：
科目编码 科目名称 决算数
合计 1,559,084.4
2050101 行政运行 9,862.4
2050201 学前教育 118,406.5
五、“三公”经费
"""


def test_a_table_whose_cells_are_one_space_apart_is_read_from_rows_of_the_strict_shape():
    (table,) = _tables(WORDS)
    assert table[0] == ["科目编码", "科目名称", "决算数"]
    assert table[1] == ["", "合计", "1,559,084.4"]
    assert table[2:] == [["2050101", "行政运行", "9,862.4"], ["2050201", "学前教育", "118,406.5"]]
    facts = _facts(WORDS)
    (f,) = [f for (m, q, c), f in facts.items() if c == "2050201"]
    assert f.metric.endswith("expense_item") and f.qualifier == "学前教育"
    assert f.value == Decimal("118406.5") and f.unit == "千元"  # the unit line's unit, as printed


def test_prose_lines_of_words_are_no_word_table():
    text = "科目编码 科目名称 决算数\n本部门 2023年 收到 拨款 100.00 万元\n其他 说明 文字 3 项\n"
    assert _tables(text) == []
    # one row of the shape is not a table
    assert _tables("科目编码 科目名称 决算数\n2050101 行政运行 9,862.4\n说明：无\n") == []


INFOGRAPHIC = """一图读懂丨某县卫生健康局2023年度部门决算
01
收支总体情况
收入总计
58,624.37
万元
支出总计
58,624.37
万元
02
收入决算
本年收入合计
56,418.25万元
事业收入
18,642.36万元
占比33.04%
年初结转和结余
2,206.12万元
03
"""


def test_the_cards_of_a_phone_infographic_are_prose_not_a_table():
    # label / amount-with-unit / '万元' lines: the amounts print their units, so no table is cut
    # from them; each label heads the amount on the lines under it
    assert _tables(INFOGRAPHIC) == []
    _, facts = extract_text(INFOGRAPHIC)
    got = {(f.metric, f.qualifier, str(f.value)) for f in facts}
    assert {("total_income_expense", "收入总计", "58624.37"), ("total_income_expense", "支出总计", "58624.37"),
            ("total_income", None, "56418.25"), ("income_by_source", "事业收入", "18642.36"),
            ("share_pct", "事业收入", "33.04"), ("carryover_begin", "年初结转和结余", "2206.12")} <= got
    assert not any(str(f.value) in ("1", "2", "3") for f in facts)  # the card numbers 01…03


def test_a_one_cell_per_line_table_with_its_unit_in_the_header_is_still_a_table():
    text = "单位：万元\n项目\n决算数\n基本支出\n452.18\n项目支出\n188.07\n合计\n640.25\n"
    assert _tables(text)


CSV = """二、一般公共预算拨款支出预算表（导出文件，单位：万元）
科目编码,科目名称,2025年预算数,2024年预算数
合计,,3986.20,3810.46
205,教育支出,3468.92,3301.50
"2050203","初中教育","3,468.92",3301.50
本年收入合计1,234.56万元,比上年增加12.30万元,增长1.0%
"""


def test_a_comma_separated_export_is_a_table_and_half_width_prose_is_not():
    (rows,) = _tables(CSV)
    assert rows[0] == ["科目编码", "科目名称", "2025年预算数", "2024年预算数"]
    assert rows[1] == ["合计", "", "3986.20", "3810.46"]
    assert rows[3] == ["2050203", "初中教育", "3,468.92", "3301.50"]  # quoted cells, thousands separator kept
    assert len(rows) == 4  # the prose line after the table is no row of it


def test_a_budget_table_with_year_columns_reads_the_latest_year():
    from loaders.evaluation import extract_text

    _, facts = extract_text("某县实验初级中学2025年度部门预算公开\n" + CSV)
    got = {(f.metric, f.qualifier, str(f.value)) for f in facts if f.source == "table"}
    assert ("gpb_expense_by_function", "教育支出", "3468.92") in got
    assert ("gpb_expense_item", "初中教育", "3468.92") in got
    assert not any(str(f.value) in ("3810.46", "3301.50") for f in facts)  # last year's budget


def test_prose_lines_with_ascii_commas_are_no_csv_table():
    text = "一、收入支出决算总体情况\n2023年度收入总计1,234.56万元,支出总计1,234.56万元,与上年相比增加12.00万元。\n基本支出,项目支出,合计\n"
    assert _tables(text) == []
