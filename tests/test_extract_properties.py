"""Properties of the prose extractor on arbitrary input."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders.extract.prose import extract_prose
from loaders.model import ParsedDocument
from loaders.numbers import value_in_evidence

WORDS = ["收入总计", "本年支出合计", "一般公共预算财政拨款收入", "基本支出", "项目支出", "占", "比上年", "较2020年度决算数",
         "增加", "减少", "增长", "下降", "与年初预算相比", "“三公”经费", "公务接待费", "因公出国（境）费", "支出决算为",
         "完成预算", "的", "人员经费", "主要包括：", "基本工资", "在职", "名", "辆", "批次", "人次", "行次", "单位：万元",
         "社会保障和就业（类）", "（项）", "万元", "万", "元", "%", "％", "，", "。", "；", "：", "、", "\n", "\n\n", " ", "|",
         "--", "-", "〔2022〕5号", "0898", "2021年", "1.", "（一）", "⻔"]
NUMBERS = st.from_regex(r"\A-?(?:\d{1,4}|\d{1,3}(?:,\d{3})+)(?:\.\d{1,2})?\Z", fullmatch=True)
TOKENS = st.one_of(st.sampled_from(WORDS), NUMBERS, st.text(max_size=3))
DOCS = st.lists(TOKENS, max_size=40).map("".join)

HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）", "%": "％"})


def run(text: str):
    return extract_prose(ParsedDocument(format="txt", text=text, blocks=[]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_never_raises_and_evidence_is_exact(text):
    for f in run(text):
        assert f.evidence in text
        assert text[f.location.char_start:f.location.char_end] == f.evidence
        assert value_in_evidence(f.value, f.evidence)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_random_unicode_never_raises(text):
    for f in run(text):
        assert f.evidence in text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCS)
def test_fullwidth_punctuation_does_not_change_values(text):
    # thousands separators stay half-width: "1,234" is a number, "1，234" two numbers
    import re

    if re.search(r"\d,\d", text):
        text = re.sub(r"(\d),(\d)", r"\1\2", text)
    full = text.translate(HALF_TO_FULL)
    key = lambda fs: sorted((f.metric, f.value, f.unit, f.direction) for f in fs)  # noqa: E731
    assert key(run(text)) == key(run(full))
