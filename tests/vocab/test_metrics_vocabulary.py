"""The metric vocabulary is one seed: the fixed names of FACTS.md are all there, every metric an
extractor emits is in it, and docs/FACTS.md is generated from it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from loaders.evaluation import evaluate, extract_text, wrong_metric_facts
from loaders.model import Fact, Location
from loaders.vocab import facts_doc
from loaders.vocab.metrics import FAMILY_ORDER, family, labels_for, metrics

REPO = Path(__file__).resolve().parents[2]
SHARED_FACTS = REPO.parent / "shared" / "FACTS.md"
HOLDOUT = REPO / "tests" / "holdout"


def test_committed_facts_md_equals_the_generated_one():
    assert (REPO / "docs" / "FACTS.md").read_text(encoding="utf-8") == facts_doc.render(), "run: make docs"


@pytest.mark.skipif(not SHARED_FACTS.exists(), reason="../shared/FACTS.md absent")
def test_every_fixed_metric_name_of_the_shared_vocabulary_is_in_the_seed():
    table = SHARED_FACTS.read_text(encoding="utf-8").split("## Metrics", 1)[1].split("## Traps", 1)[0]
    fixed = {n for row in re.findall(r"^\| ([a-z_, ]+) \|", table, re.M) for n in re.split(r",\s*", row)}
    fixed.discard("metric")
    assert len(fixed) > 40
    assert fixed <= set(metrics()), sorted(fixed - set(metrics()))


def test_every_metric_has_a_known_family_and_a_label():
    for m in metrics().values():
        assert m.family in FAMILY_ORDER, m
        assert m.label_zh, m


def test_one_name_per_fact_no_alias_metrics_left():
    assert "gov_fund_expense_total" not in metrics() and "soe_capital_expense_total" not in metrics()
    doc_text = "政府性基金预算财政拨款支出12.00万元。国有资本经营预算财政拨款支出3.00万元。"
    _, facts = extract_text(doc_text)
    assert {(f.metric, f.value) for f in facts} >= {("gfb_expense_total", 12), ("scob_expense_total", 3)}


def test_labels_for_reads_the_seed_and_rejects_unknown_metrics():
    assert labels_for("expense_basic") == {"expense_basic": "基本支出"}
    with pytest.raises(KeyError):
        labels_for("no_such_metric")


def test_families_come_from_the_seed():
    assert family("prior_year_change_pct") == "changes"
    assert family("three_public_item") == "three_public"
    assert family("project_executed") == "projects"
    assert family("not_a_metric") == "other"


@pytest.mark.parametrize("cases", sorted(p for p in HOLDOUT.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_every_emitted_metric_is_in_the_vocabulary(cases):
    known = set(metrics())
    for path in sorted(cases.glob("*.json")):
        _, facts = extract_text(json.loads(path.read_text(encoding="utf-8"))["text"])
        assert {f.metric for f in facts} <= known, (path.name, {f.metric for f in facts} - known)


def _fact(metric: str, value: str, start: int, evidence: str, qualifier: str | None = None) -> Fact:
    from decimal import Decimal

    return Fact(metric=metric, value=Decimal(value), unit="万元", evidence=evidence, qualifier=qualifier,
                location=Location(char_start=start, char_end=start + len(evidence)))


def test_a_true_number_under_another_metric_is_counted_as_wrong_metric():
    text = "公务接待费年初预算9万元,决算8万元。"
    label = {"metric": "three_public_budget", "value": 9, "unit": "万元", "qualifier": "公务接待费",
             "evidence": "公务接待费年初预算9万元"}
    wrong = _fact("three_public_item", "9", 0, "公务接待费年初预算9万元", "公务接待费")
    right_elsewhere = _fact("three_public_item", "8", 13, "决算8万元", "公务接待费")
    assert wrong_metric_facts(label, [wrong, right_elsewhere], text) == [wrong]
    right = _fact("three_public_budget", "9", 0, "公务接待费年初预算9万元", "公务接待费")
    assert wrong_metric_facts(label, [right], text) == []


def test_evaluate_needs_a_directory_with_cases(tmp_path):
    with pytest.raises(FileNotFoundError):
        evaluate(tmp_path)
