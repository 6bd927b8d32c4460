"""numbers._fold's fast paths (ASCII, printable text) give what the plain NFKC + Cf filter gives,
and the memoised parse_number / is_missing answer as the functions they wrap."""

import unicodedata
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.numbers import MISSING_TOKENS, NUMBER_RE, _fold, is_missing, parse_number


def _old_fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", text)
    if any(unicodedata.category(c) == "Cf" for c in s):
        s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    return s.replace("−", "-").strip()


NUMBERY = list("0123456789,.-−%％ 　１２３．，－—–/无*…") + ["\u200b", "\u200e", "\u202a", "\ufeff", "\t", "\n", "万元", "ｘ"]


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=20), st.lists(st.sampled_from(NUMBERY), max_size=12).map("".join)))
def test_fold_equals_nfkc_and_cf_filter(text):
    assert _fold(text) == _old_fold(text)


def _old_is_missing(text):
    return text is None or _old_fold(text).replace(" ", "") in MISSING_TOKENS


def _old_parse_number(text):
    if _old_is_missing(text):
        return None
    s = _old_fold(text or "").replace(" ", "")
    if s.endswith("%"):
        s = s[:-1]
    return Decimal(s.replace(",", "")) if NUMBER_RE.fullmatch(s) else None


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.lists(st.sampled_from(NUMBERY + ["无", "收入", "合计", "一", "鿿", "丁", "旟", "旡", "\u0301"]), max_size=10).map("".join),
                 st.text(max_size=12)))
def test_parsers_equal_the_plain_versions(text):
    """The memoised parsers with their shortcuts (ASCII, an ideograph other than 无) answer as
    the plain NFKC versions, and as their own uncached selves."""
    assert parse_number(text) == _old_parse_number(text) == parse_number.__wrapped__(text)
    assert is_missing(text) == _old_is_missing(text) == is_missing.__wrapped__(text)
    got, want = parse_number(text), _old_parse_number(text)
    assert str(got) == str(want)


def test_known_values():
    assert parse_number("１，２３４．５０") == parse_number("1,234.50")
    assert str(parse_number("1,234.50")) == "1234.50"
    assert parse_number("\u200b12.0%") is not None and str(parse_number("\u200b12.0%")) == "12.0"
    assert parse_number("−3.5") == parse_number("-3.5") and str(parse_number("−3.5")) == "-3.5"
    assert is_missing("—") and is_missing(" - ") and is_missing(None) and not is_missing("0")
