"""Smoke test of the text-path bench (loaders/bench/text_paths.py) on one small input: every
column is there and sane. No git worktree here (the baseline column runs from this checkout
given as the baseline dir) and no speed target: targets live in the bench."""

from __future__ import annotations

import pytest

from loaders.bench.text_paths import NUMBER_WITH_UNIT, measure, report
from loaders.config import PROJECT_ROOT

TEXT = "2023年度本年收入合计1,200.00万元，其中：财政拨款收入1,100.00万元，占91.7%；其他收入100.00万元。\n"


def test_columns_without_baseline(tmp_path):
    doc = tmp_path / "small.txt"
    doc.write_text(TEXT * 20, encoding="utf-8")
    m = measure([doc], repeat=1, baseline=False, with_startup=False)
    for key in ("now_ms", "regex_ms", "per_100kb.now_ms", "per_100kb.regex_ms", "ratio.now_over_regex", "now_facts"):
        assert m[f"text.small.txt.{key}"] > 0, key
    assert m["text.bytes"] == len((TEXT * 20).encode("utf-8"))
    assert m["text.ratio.now_over_regex"] == pytest.approx(m["text.per_100kb.now_ms"] / m["text.per_100kb.regex_ms"])
    assert "text.ratio.base_over_now" not in m and "startup.help_wall_s" not in m
    out = report(m)
    assert "small.txt" in out and "target <= 10x" in out and "29817fa" not in out


def test_pure_python_figures_beside_the_path_users_run(tmp_path):
    """``now`` is the path a fresh process runs (compiled when built); ``pure`` the same with
    JUESUAN_PURE=1: both measured, under their own keys and lines, with the same facts."""
    doc = tmp_path / "small.txt"
    doc.write_text(TEXT * 5, encoding="utf-8")
    m = measure([doc], repeat=1, baseline=False, with_startup=False)
    assert m["text.pure.small.txt.ms"] > 0 and m["text.pure.per_100kb_ms"] > 0
    assert m["text.pure.small.txt.facts"] == m["text.small.txt.now_facts"] > 0 and m["text.pure.facts_differ"] == 0
    assert m["text.pure.ratio.pure_over_now"] == pytest.approx(m["text.pure.per_100kb_ms"] / m["text.per_100kb.now_ms"])
    assert m["text.compiled_modules"] >= 0
    out = report(m)
    assert "now vs pure Python" in out and "JUESUAN_PURE=1" in out
    assert "text.pure.per_100kb_ms" not in measure([doc], repeat=1, baseline=False, with_startup=False, pure=False)


def test_baseline_column_from_a_given_checkout(tmp_path):
    doc = tmp_path / "small.txt"
    doc.write_text(TEXT * 5, encoding="utf-8")
    m = measure([doc], repeat=1, baseline_dir=PROJECT_ROOT, with_startup=False)
    assert m["text.small.txt.base_ms"] > 0
    assert m["text.small.txt.base_facts"] == m["text.small.txt.now_facts"] > 0  # the same code, the same facts
    assert m["text.ratio.base_over_now"] > 0 and m["text.ratio_min.base_over_now"] > 0
    assert m["text.pure.ratio.base_over_pure"] > 0
    assert "target >= 8x" in report(m)


def test_the_regex_pass_finds_numbers_with_their_units():
    assert NUMBER_WITH_UNIT.findall("收入1,200.00万元，占91.7%，共3人") == ["1,200.00万元", "91.7%", "3"]
