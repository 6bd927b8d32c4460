"""textnorm: normalised text for matching, with an exact map back to the original."""

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.textnorm import fold, normalize_with_map


def _back(text: str, needle: str) -> str:
    nt = normalize_with_map(text)
    i = nt.text.index(needle)
    s, e = nt.orig_span(i, i + len(needle))
    return text[s:e]


def test_fullwidth_punctuation_and_digits_fold_to_ascii():
    assert fold("收入（万元）：１２．５％；") == "收入(万元):12.5%;"


def test_soft_line_wraps_and_spaces_inside_a_sentence_disappear():
    assert "本年收入390.55万元" in fold("其中本年收\n入390.55万元")
    assert "下降29.2%" in fold("减少157.86万元,下降\n29.2%,主要")
    assert "91.91万元" in fold("减少91.91\n万元,下降16.4%")
    assert "2021年" in fold("2021 年")
    assert "下降3.8%" in fold("下降3.8 %")


def test_space_between_two_numbers_is_kept():
    assert "收入1 4,627.57" in fold("一一般公共预算财政拨款收入 1 4,627.57")


def test_hard_breaks_become_newlines():
    assert fold("合计\n\n246\n\n167.37").split("\n") == ["合计", "246", "167.37"]
    assert fold("情况如下。\n1.社会保障").split("\n")[-1] == "1.社会保障"
    cells = [c for line in fold("单位:万元\n|\n项 目 |\n预 算 数 |").split("\n") for c in line.split("|") if c]
    assert cells == ["单位:万元", "项目", "预算数"]


def test_radicals_supplement_glyphs_become_ordinary_characters():
    assert fold("部⻔决算") == "部门决算"
    assert fold("⻓期") == "长期"


def test_bookmarks_are_dropped():
    assert fold("[bookmark: _Toc1]2023年收入") == "2023年收入"


def test_map_gives_exact_original_substrings():
    text = "其中本年收\n入390.55万元，较2020年度决算数减少175.26万元"
    assert _back(text, "本年收入390.55万元") == "本年收\n入390.55万元"
    assert _back(text, "175.26万元") == "175.26万元"
    assert _back("增长（１，０５５．４％）", "1,055.4%") == "１，０５５．４％"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("收入支出12３.,，（）% \n\t万元⻔[]bookmark:")), max_size=60))
def test_map_is_monotone_and_in_range(text):
    nt = normalize_with_map(text)
    assert len(nt.starts) == len(nt.ends) == len(nt.text)
    prev = -1
    for s, e in zip(nt.starts, nt.ends):
        assert 0 <= s < e <= len(text)
        assert s >= prev
        prev = s
