"""The fast paths of loaders.numbers answer as the plain scans they short-cut:
value_in_evidence(..., printed=...) as a scan of every number of the evidence, and is_approximate's
raw-text pre-check as the fold + pattern on every slice."""

import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.numbers import APPROX_AFTER, APPROX_BEFORE, _fold, is_approximate, numbers_in, value_in_evidence


def _old_value_in_evidence(value, evidence):
    if value is None:
        return True
    v = abs(Decimal(str(value)))
    return any(abs(n) == v for n in numbers_in(evidence))


def _old_is_approximate(text, start, end):
    return bool(APPROX_BEFORE.search(_fold(text[max(0, start - 4):start])) or
                APPROX_AFTER.match(_fold(text[end:end + 3])))


# pieces that stress the tokenizer: separators, signs, full-width and other decimal digits,
# zero-width and bidi controls, compatibility ideographs, the approximate words
PIECES = (list("0123456789,.-−%") + ["１２", "．", "，", "－", "٣", "०", "\u200b", "\u200e", "\ufeff", " ", "\n",
                                        "万元", "元", "约", "大约", "近", "将近", "逾", "超过", "余", "多", "左右", "上下",
                                        "支出", "年", "⼤", "\u2f25", "\uf90a", "㈠", "①", "(", ")", "、",
                                        "㊤", "㊧", "🈕", "\U0002f85d",  # these four fold to 上/左/多
                                        "\u0301", "\u0338", "\u20e3", "<", "=", ">", "e", "\u1161", ":", "%", "\u3000", "〇",
                                        "（", "）", "：", "％", "、", "。", "《", "》", "～"])
NUMBERS = st.builds(lambda n, sep, frac: (f"{n:,}" if sep else str(n)) + ("" if frac is None else "." + frac),
                    st.integers(0, 10**7), st.booleans(),
                    st.one_of(st.none(), st.text(alphabet="0123456789", min_size=1, max_size=3)))


@st.composite
def evidence_with_number(draw):
    before = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=10)))
    number = draw(NUMBERS | st.sampled_from(["٣", "1,23", "12.", "1234,567", "-5", "１２", "0.50", "1,000.0"]))
    after = "".join(draw(st.lists(st.sampled_from(PIECES), max_size=6)))
    return before, number, after


@settings(max_examples=500, deadline=None)
@given(evidence_with_number(), st.one_of(st.none(), NUMBERS.map(lambda n: Decimal(n.replace(",", ""))),
                                         st.integers(-10**6, 10**6)),
       st.booleans(), st.integers(-2, 2), st.integers(-2, 2))
def test_value_in_evidence_at_equals_full_scan(parts, other, own, di, dj):
    before, number, after = parts
    evidence = before + number + after
    try:
        value = Decimal(number.replace(",", "")) if own else other
    except ArithmeticError:
        value = other
    at = (len(before) + di, len(before) + len(number) + dj)  # also a hint a little off
    assert value_in_evidence(value, evidence, at=at) == _old_value_in_evidence(value, evidence)
    assert value_in_evidence(value, evidence) == _old_value_in_evidence(value, evidence)


def test_value_in_evidence_at_cases():
    assert value_in_evidence(Decimal("24.06"), "支出决算为24.06万元", at=(5, 10))
    assert value_in_evidence(Decimal("24.06"), "支出决算为24.060万元", at=(5, 11))
    assert not value_in_evidence(Decimal("4.06"), "支出决算为24.06万元", at=(6, 10))  # part of a longer number
    assert value_in_evidence(Decimal("3"), "增长3%,共3人", at=(6, 7))
    assert not value_in_evidence(Decimal("234"), "支出1,234.5万元", at=(4, 7))
    assert value_in_evidence(Decimal("5"), "支出1,234,5万元", at=(8, 9))  # ",5" ends the first number
    assert value_in_evidence(Decimal("12"), "共１２人", at=(1, 3))  # full-width: the full scan


@settings(max_examples=250, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join), st.data())
def test_is_approximate_equals_fold_and_patterns(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert is_approximate(text, start, end) == _old_is_approximate(text, start, end)


def test_the_plain_characters_fold_to_ascii_or_themselves():
    """is_approximate's pre-check relies on it (a Unicode update that broke it would show here)."""
    import unicodedata

    from loaders.numbers import _PLAIN

    ranges = re.findall(r"(.)-(.)", _PLAIN)
    assert len(ranges) == 5
    for lo, hi in ranges:
        for cp in range(ord(lo), ord(hi) + 1):
            c = chr(cp)
            assert all(ord(x) < 128 or x == c for x in unicodedata.normalize("NFKC", c)), hex(cp)
