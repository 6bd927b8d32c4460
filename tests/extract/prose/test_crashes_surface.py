"""A rule that crashes raises: no blanket except turns a bug into a silent loss of recall."""

from __future__ import annotations

import pytest

from prosekit import facts
from loaders.extract.prose import sentences


def test_a_crashing_rule_raises_instead_of_dropping_the_sentence(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("rule bug")

    monkeypatch.setattr(sentences.SentenceExtractor, "_money", boom)
    with pytest.raises(RuntimeError, match="rule bug"):
        facts("基本支出800.00万元。")
