"""numbers._alone (the printed number at a hint, checked without NUMBER_RE when it has no ",")
and value_in_evidence's fast path answer as the former _stands_alone and value_in_evidence, on
generated evidence and hints, and on every fact of the kept documents (the full scan is the
other oracle: tests/test_numbers_evidence_oracle.py)."""

from __future__ import annotations

import string
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.numbers import NUMBER_RE, _alone, _stands_alone, numbers_in, value_in_evidence

_OLD_INERT = frozenset(" " + "".join(c for c in string.punctuation if c not in "-,.<=>"))


def _old_stands_alone(evidence, i, j):
    if not 0 <= i < j <= len(evidence):
        return False
    printed = evidence[i:j]
    if not printed.isascii() or not printed[0].isdigit() or not NUMBER_RE.fullmatch(printed):
        return False
    if i > 0:
        c = evidence[i - 1]
        if c not in _OLD_INERT and not "\u4e00" <= c <= "\u9fff":
            return False
    if j < len(evidence):
        c = evidence[j]
        if c not in _OLD_INERT and not "\u4e00" <= c <= "\u9fff":
            return False
    return True


def _old_value_in_evidence(value, evidence, at=None):
    if value is None:
        return True
    v = abs(value) if type(value) is Decimal else abs(Decimal(str(value)))
    if at is not None and _old_stands_alone(evidence, at[0], at[1]) \
            and abs(Decimal(evidence[at[0]:at[1]].replace(",", ""))) == v:
        return True
    return any(abs(n) == v for n in numbers_in(evidence))


TEXT = st.text(alphabet="0123456789.,-+eE %万元支出１．²٣ \u200b", max_size=14)


@settings(max_examples=1500, deadline=None)
@given(TEXT, st.integers(-2, 16), st.integers(-2, 16))
def test_alone_answers_as_the_former_stands_alone(evidence, i, j):
    old = _old_stands_alone(evidence, i, j)
    assert _stands_alone(evidence, i, j) == old
    assert (_alone(evidence, i, j) == evidence[i:j]) if old else _alone(evidence, i, j) is None


NUMBERS = st.one_of(
    st.from_regex(r"\A[0-9]{1,4}(?:\.[0-9]{0,3})?\Z"), st.from_regex(r"\A[0-9]{1,3}(?:,[0-9]{2,3}){1,2}(?:\.[0-9]+)?\Z"),
    st.sampled_from(["0", "00", "007.50", "1.", ".5", "1..2", "1.2.3", "12e3", "1" * 30, "1" * 29 + ".0", "0.0000001"]))


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(["", "支出", "为", " ", "-", "+", ".", "1", "a"]), NUMBERS,
       st.sampled_from(["", "万元", ",", ".", "1", "%", " 元"]), st.booleans(),
       st.one_of(st.none(), st.integers(-10**6, 10**6), st.sampled_from([Decimal("7.5"), Decimal("-12.30"), Decimal("1E+2")])),
       st.integers(-1, 1))
def test_value_in_evidence_answers_as_before(before, number, after, own, other, shift):
    evidence = before + number + after
    try:
        value = Decimal(number.replace(",", "")) if own else other
    except ArithmeticError:
        value = other
    if own and value is not None and shift:
        value = -value
    at = (len(before), len(before) + len(number))
    assert value_in_evidence(value, evidence, at=at) == _old_value_in_evidence(value, evidence, at=at)
    assert value_in_evidence(value, evidence) == _old_value_in_evidence(value, evidence)


def test_every_prose_fact_of_the_kept_documents():
    from keptkit import kept_documents  # tests/conftest.py puts the prose helpers on the path

    from loaders.extract.prose import extract_prose

    n = 0
    for doc in kept_documents():
        for f in extract_prose(doc):
            i = f.evidence.find(f.value_text)
            assert value_in_evidence(f.value, f.evidence, at=(i, i + len(f.value_text))) == \
                _old_value_in_evidence(f.value, f.evidence, at=(i, i + len(f.value_text)))
            n += 1
    assert n > 500
