"""Numbers that are not facts: placeholders, template residue, cut numbers, codes, dates, phone numbers, page footers; text inside table blocks."""

from __future__ import annotations

from decimal import Decimal

from prosekit import facts, find, find_exact
from loaders.textnorm import normalize_with_map
from loaders.model import ParsedDocument, Block, Location
from loaders.extract.prose import extract_prose


def test_placeholders_separators_and_template_residue():
    fs = facts("公务接待费支出决算为22.59万元，比上年决算数增加20.63万元，增长1,055.4%；"
               "公务用车购置支出决算为0万元，完成预算0万元的--%(基数为0,不可比)，比上年决算数增加0万元，增长--(基数为0,不可比)。")
    assert find(fs, "prior_year_change_pct", 1055.4, "公务接待费")
    assert not [f for f in fs if f.unit == "%" and f.value is None]
    fs = facts("2021年因公出国（境）支出决算比2020年增加/减少0万元，增长/下降0%。")
    assert not find(fs, "prior_year_change_abs") and not find(fs, "prior_year_change_pct")


def test_number_cut_at_the_excerpt_edge_is_not_a_fact():
    fs = facts("公务用车购置及运行维护费支出决算8.47万")
    assert not fs


def test_codes_dates_and_phone_numbers_are_not_amounts():
    fs = facts("本单位成立于20105月。电话号码(区号) 0898 单位地址 琼山区铁桥路52号。米财预[2023]16号。项目编号51000021R000000019951")
    assert not fs


def test_text_inside_table_blocks_is_left_to_tables():
    from loaders.model import Block, Location

    text = "前言\n基本支出\t250.27万元\n"
    start = text.index("基本")
    doc = ParsedDocument(format="txt", text=text, blocks=[
        Block(0, "table", text[start:], Location(char_start=start, char_end=len(text)))])
    assert extract_prose(doc) == []


def test_page_footer_inside_wrapped_list_is_skipped():
    text = ("公用经费50.00万元，主要包括：办公费10.00万元、差旅费5.00万元、\n— 12 —\n工会经费3.20万元、福利费1.80万元。")
    nt = normalize_with_map(text)
    assert "— 12 —" not in nt.text and "12" not in nt.text
    fs = facts(text)
    assert find_exact(fs, "econ_item", 3.20, "工会经费")
    assert find_exact(fs, "econ_item", 1.80, "福利费")


def test_page_footer_alone_is_not_a_number_fact():
    fs = facts("本年支出合计100.00万元。\n- 3 -\n")
    assert not [f for f in fs if f.value == Decimal(3)]
