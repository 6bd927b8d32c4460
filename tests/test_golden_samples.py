"""Hand-checked facts of the two sample documents (tests/golden/*.jsonl) must come out of
extract_facts(parse_file(sample)). Each golden row names the side that produces it (table or
prose) so a failure says whose extractor misses it."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from loaders.config import SAMPLES_DIR
from loaders.extract import extract_facts
from loaders.formats import parse_file
from loaders.numbers import value_in_evidence

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = {
    "miyi-2023": SAMPLES_DIR / "miyi-2023-land-expropriation-center.txt",
    "ziyang-2021": SAMPLES_DIR / "ziyang-2021-land-development-center.md",
}


@lru_cache(maxsize=None)
def _extracted(name: str):
    doc = parse_file(SAMPLES[name])
    return doc, extract_facts(doc)


def _fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"\s+|[(（](?:类|款|项)[)）]", "", s)
    return s.replace("支出", "")


def _rows():
    for name in SAMPLES:
        for i, line in enumerate((GOLDEN / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()):
            row = json.loads(line)
            yield pytest.param(name, row, id=f"{name}:{i}:{row['side']}:{row['metric']}:{row.get('qualifier', '')}:{row['value']}")


def _matches(fact, row) -> bool:
    if fact.metric != row["metric"] or fact.value is None or fact.value != Decimal(row["value"]):
        return False
    if fact.unit != row["unit"]:
        return False
    if row.get("direction") and fact.direction != row["direction"]:
        return False
    if row.get("subject_code") and fact.subject_code != row["subject_code"]:
        return False
    q = row.get("qualifier")
    if q:
        a, b = _fold(q), _fold(fact.qualifier)
        if not b or (a not in b and b not in a):
            return False
    return True


@pytest.mark.parametrize("name,row", list(_rows()))
def test_golden_fact(name, row):
    doc, facts = _extracted(name)
    hits = [f for f in facts if _matches(f, row)]
    assert hits, f"[{row['side']} side] missing {row}"
    for f in hits:
        assert f.evidence in doc.text
        assert value_in_evidence(f.value, f.evidence)


@pytest.mark.parametrize("name", list(SAMPLES))
def test_every_fact_has_exact_evidence_and_location(name):
    doc, facts = _extracted(name)
    assert facts
    for f in facts:
        assert f.evidence and f.evidence in doc.text, f
        assert value_in_evidence(f.value, f.evidence), f
        s, e = f.location.char_start, f.location.char_end
        assert s is not None and e is not None and f.location.line
        assert doc.text[s:e] == f.evidence or f.evidence in doc.text[s : e + 1], f


def test_ziyang_project_amounts_not_doubled():
    """预算额 appears in both the 合计 row and the 财政拨款结构 rows: one fact per project; the
    部门整体 table is the whole unit (unit_perf_*), not an eleventh project. The ten real
    projects execute 411.49万元."""
    _, facts = _extracted("ziyang-2021")
    budgets = [f for f in facts if f.metric == "project_budget" and f.source == "table"]
    quals = [f.qualifier for f in budgets]
    assert len(quals) == len(set(quals)) == 10 and "部门整体" not in quals
    executed = [f for f in facts if f.metric == "project_executed" and f.source == "table"]
    assert round(sum(f.amount_wan for f in executed), 2) == Decimal("411.49")
