"""context.split_sentences (each delimiter replaced by the last, then one str.split) cuts a text
where the regex split at any single delimiter character cut it: on generated texts made mostly
of delimiters, CJK and ASCII characters, and on the prose of every kept document."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from keptkit import kept_documents

from loaders.extract.prose.context import SENT_DELIMS, split_sentences


def _old_split_sentences(text: str) -> list[str]:
    """The former cut: one regex split at any delimiter character."""
    return re.compile("[" + SENT_DELIMS + "]").split(text)


_ALPHABET = SENT_DELIMS + "。.!!??\n\r 预算万元12,;:、\""


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=60) | st.text(max_size=40))
def test_split_is_the_regex_split(text: str) -> None:
    assert split_sentences(text) == _old_split_sentences(text)


def test_edge_cases() -> None:
    for text in ("", "。", "\n\n", "a。b!c?d\ne", "。!?\n", "a", "??a。", "全角。!?不是分隔"):
        assert split_sentences(text) == _old_split_sentences(text)


def test_kept_documents() -> None:
    from loaders.extract.document import view_of

    n = 0
    for doc in kept_documents():
        text = view_of(doc).prose.text
        assert split_sentences(text) == _old_split_sentences(text)
        n += 1
    assert n > 0
