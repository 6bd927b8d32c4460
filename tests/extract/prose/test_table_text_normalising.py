"""Normalising running text keeps the cell lines of a text table apart (the table reader in
formats/text_tables.py reads them; their facts are tested in tests/extract/tables/test_text_layouts.py)."""

from __future__ import annotations

from loaders.textnorm import fold

CELL_TABLE = ("二、一般公共预算财政拨款支出决算明细\n一般公共预算财政拨款支出明细表\n金额单位：万元\n"
              "科目名称（项）\n年初预算\n决算数\n完成%\n"
              "一般行政管理事务\n12.50\n11.00\n88.00\n"
              "水利工程建设\n300.00\n\n--\n"
              "其他水利支出\n--\n4.20\n--\n")


def test_cell_lines_of_a_table_stay_apart_after_normalising():
    text = fold(CELL_TABLE)
    assert "\n完成%\n一般行政管理事务\n12.50\n" in text
    assert "明细表\n金额单位:万元\n" in text
    # ordinary soft wraps in prose are still joined
    assert fold("本年支出合计\n120.00万元，其中基本\n支出100.00万元。") == "本年支出合计120.00万元,其中基本支出100.00万元。"


