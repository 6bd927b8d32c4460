"""document_kind's "a strong word of the other kind comes first" test reads the text only up to
the match (``_starts_before``) instead of finding each word in the whole text: the same answer as
``0 <= text.find(word) < at``, the test as it was (kept here as the reference)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from loaders.extract.metadata import KIND_STRONG, _starts_before, document_kind


def _ref_starts_before(text: str, word: str, at: int) -> bool:
    return 0 <= text.find(word) < at


_ALPHABET = st.sampled_from(list("预算决部门单位公开表情况说明年度2023 \n") + ["部门预算", "预算公开", "2023年度部门决算"])


@settings(max_examples=3000, deadline=None)
@given(st.lists(_ALPHABET, max_size=30).map("".join), st.sampled_from(["预算", "部门预算", "预算公开", "a", ""]),
       st.integers(-3, 80))
@example("部门预算", "部门预算", 0)
@example("部门预算", "部门预算", 1)
@example("x部门预算", "部门预算", 1)
@example("x部门预算", "部门预算", 2)
@example("", "", 0)
@example("", "", 1)
def test_starts_before_is_find_before(text: str, word: str, at: int) -> None:
    assert _starts_before(text, word, at) == _ref_starts_before(text, word, at)


def _ref_kind(text: str) -> str | None:
    """document_kind before ``_starts_before`` (the other word found in the whole text)."""
    import re

    from loaders.extract.metadata import DISCLOSURE_WORDS, HEAD_CHARS, STRICT_KIND_RE, _not_comparison

    if sum(w in text for w in DISCLOSURE_WORDS) < 2:
        return None
    head = text[:HEAD_CHARS]
    for m in STRICT_KIND_RE.finditer(head):
        if _not_comparison(head, m):
            other = "预算" if m.group(1) == "决算" else "决算"
            if any(0 <= text.find(w) < m.start() for w in KIND_STRONG[other]):
                return other
            return m.group(1)
    if any(w in text for w in KIND_STRONG["决算"]) or re.search(r"(?:19|20)\d{2}\s*年\s*度?\s*决算", text):
        return "决算"
    if any(w in text for w in KIND_STRONG["预算"]):
        return "预算"
    if "决算" in text and re.search(r"\d\s*(?:万元|元)", text):
        return "决算"
    return None


_DOC_PIECES = st.sampled_from(["收入", "支出", "万元", "2023年度部门决算", "2022年部门预算", "部门预算", "决算公开",
                               "较2021年度决算", "预算表", "情况说明", "元", "5", "\n", "。", "单位预算", "决算表"])


@settings(max_examples=2000, deadline=None)
@given(st.lists(_DOC_PIECES, max_size=20).map("".join))
@example("收入支出部门预算2023年度部门决算")
@example("收入支出2023年度部门决算部门预算")
def test_document_kind_as_before(text: str) -> None:
    assert document_kind(text) == _ref_kind(text)
