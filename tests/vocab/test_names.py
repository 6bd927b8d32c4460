"""One fold of printed names: two spellings of one 三公 item are one item on every path."""

from __future__ import annotations

import pytest

from loaders.evaluation import extract_text
from loaders.vocab import read_seed
from loaders.vocab.names import fold, name_key, three_public_name

CANONICAL = {r["item"] for r in read_seed("three_public_items")}


@pytest.mark.parametrize("printed, item", [
    ("因公出国(境)费", "因公出国（境）费"),
    ("因公出国（境）费", "因公出国（境）费"),
    ("因公出国（境）费用", "因公出国（境）费"),
    ("因公出国(境)经费支出", "因公出国（境）费"),
    ("公务用车购置及运行费", "公务用车购置及运行维护费"),
    ("公务用车购置及运行维护费", "公务用车购置及运行维护费"),
    ("公务用车运行费", "公务用车运行维护费"),
    ("公务用车运行维护支出", "公务用车运行维护费"),
    ("公务用车购置费", "公务用车购置费"),
    ("公务接待费", "公务接待费"),
    ("公务接待支出", "公务接待费"),
    ("“三公”经费", "合计"),
])
def test_printed_three_public_items_fold_to_one_canonical_name(printed, item):
    assert three_public_name(printed) == item
    assert item in CANONICAL


def test_canonical_names_use_full_width_brackets():
    assert "因公出国（境）费" in CANONICAL and "因公出国(境)费" not in CANONICAL


def test_fold_and_name_key_ignore_width_brackets_and_suffix():
    assert fold("因公出国（境）费") == fold("因公出国(境)费") == "因公出国(境)费"
    assert name_key("因公出国(境)费支出") != name_key("公务接待费")
    assert name_key("公务接待支出") == name_key("公务接待费") == name_key("公务接待经费")


def test_prose_half_width_and_table_full_width_name_the_same_item():
    """D-1: the prose writes 因公出国(境)费, the table prints 因公出国（境）费; both facts carry
    the seed's one name, so R12 sums them and fct_three_public has one row per item."""
    prose = ("“三公”经费支出3.00万元,其中:因公出国(境)费1.00万元,公务用车购置及运行维护费2.00万元,"
             "公务接待费0万元。\n")
    table = ("单位：万元\n项目\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t公务接待费\n"
             "决算数\t3.00\t1.00\t2.00\t0\n")
    _, facts = extract_text(prose + "\n" + table)
    items = {f.qualifier for f in facts if f.metric == "three_public_item"}
    assert items == {"因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"}, items
