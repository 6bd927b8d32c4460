"""Properties of the table extractor on arbitrary grids under every standard title: it never
raises, every fact's evidence is the exact document text at its location and prints its value,
and no table cell gives two facts."""

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.extract.tables import extract_tables
from loaders.formats.builder import CellSpec, DocBuilder
from loaders.numbers import value_in_evidence
from loaders.vocab.tables import kind_rules

CELLS = [
    "", "", "", "-", "--", "XX", "××", "0.00", "1", "2", "32", "201", "06", "01", "2010601", "30101", "302",
    "2,106.66", "160.75", "97.80%", "100%", "合计", "总计", "本年收入合计", "本年支出合计", "小计", "栏次", "行次",
    "类", "款", "项", "科目编码", "科目名称", "项目", "金额", "决算数", "预算数", "年初预算数", "完成%",
    "本年支出", "基本支出", "项目支出", "人员经费", "公用经费", "年初结转和结余", "年末结转和结余", "本年收入",
    "一般公共预算财政拨款", "政府性基金预算财政拨款", "一、一般公共服务支出", "行政运行", "其中：事业运行",
    "因公出国（境）费", "公务用车购置及运行费", "购置费", "运行费", "公务接待费", "机关运行经费", "公务接待批次（批次）",
    "项目名称", "年度资金总额", "全年执行数", "执行率", "得分", "三级指标", "指标值", "≥95%", "单位：万元", "的支出",
]
TITLES = sorted({w for k in kind_rules() if k.scope == "title" for part in k.must for w in part}) + ["财政拨款收入支出决算总表", "部门决算"]
ROWS = st.lists(st.lists(st.sampled_from(CELLS), min_size=1, max_size=8), min_size=1, max_size=8)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(TITLES), st.lists(ROWS, min_size=1, max_size=2), st.booleans())
def test_any_grid_under_any_title(title, tables, with_unit):
    b = DocBuilder(format="pdf")
    b.add_text("heading", title)
    if with_unit:
        b.add_text("paragraph", "金额单位：元")
    for rows in tables:
        b.add_table([[CellSpec(t) for t in row] for row in rows])
    doc = b.build()
    facts = extract_tables(doc)
    for f in facts:
        assert f.source == "table" and f.value is not None
        assert doc.text[f.location.char_start : f.location.char_end] == f.evidence
        assert value_in_evidence(f.value, f.evidence), f
        assert "X" not in f.evidence[-2:] and "×" not in f.evidence[-1:]
    cells = Counter(f.location.char_end for f in facts)
    assert not cells or max(cells.values()) == 1
