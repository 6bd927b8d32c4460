"""The one number parser (loaders/numbers.py): examples and properties (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loaders.numbers import is_missing, numbers_in, parse_number, to_wan, value_in_evidence

FULLWIDTH = str.maketrans("0123456789.,-%", "０１２３４５６７８９．，－％")


@pytest.mark.parametrize(
    "printed, value",
    [("1,145.52", "1145.52"), ("0.00", "0.00"), ("0", "0"), ("-3.5", "-3.5"), ("12.0%", "12.0"),
     ("１２.５", "12.5"), ("4,058.29", "4058.29"), (" 622.34 ", "622.34"), ("1,055.4%", "1055.4")],
)
def test_printed_numbers(printed: str, value: str) -> None:
    assert parse_number(printed) == Decimal(value)


@pytest.mark.parametrize("printed", ["", "-", "--", "—", "——", "无", "/", "--%", None, "  "])
def test_missing_markers_are_none_not_zero(printed: str | None) -> None:
    assert is_missing(printed)
    assert parse_number(printed) is None


@pytest.mark.parametrize("printed", ["12.3.4", "〔2022〕5号", "1,2", "abc", "2023年", "0898-123"])
def test_not_a_single_number(printed: str) -> None:
    assert parse_number(printed) is None


def test_units_to_wan() -> None:
    assert to_wan(Decimal("6223428.76"), "元") == Decimal("622.342876")
    assert to_wan(Decimal("8982"), "百元") == Decimal("89.82")
    assert to_wan(Decimal("421.54"), "万元") == Decimal("421.54")
    assert to_wan(Decimal("95"), "%") is None
    assert to_wan(None, "万元") is None


def test_value_in_evidence_ignores_separators() -> None:
    assert value_in_evidence(4058.29, "公务用车购置及运行维护费\n\n4,058.29")
    assert not value_in_evidence(4058.3, "4,058.29")
    assert numbers_in("增长1,055.4%，减少0.74万元") == [Decimal("1055.4"), Decimal("0.74")]


@given(st.text())
def test_never_raises_on_any_text(text: str) -> None:
    parse_number(text)
    numbers_in(text)
    is_missing(text)


amounts = st.decimals(min_value=Decimal("-99999999.99"), max_value=Decimal("99999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)


@given(amounts, st.booleans(), st.booleans())
def test_printed_forms_round_trip(value: Decimal, separators: bool, fullwidth: bool) -> None:
    printed = f"{value:,.2f}" if separators else f"{value:.2f}"
    if fullwidth:
        printed = printed.translate(FULLWIDTH)
    assert parse_number(printed) == value
    assert value_in_evidence(value, f"支出决算为{printed}万元")


@given(st.text(alphabet="0123456789.,-% 万元（）()，。：:", max_size=40))
def test_fullwidth_punctuation_never_changes_values(text: str) -> None:
    assert numbers_in(text) == numbers_in(text.translate(FULLWIDTH))
