"""Mutation tier: plant ≥ 30 kinds of error in the clean documents and require the DQ ledger to
flag ≥ 95 % of the detectable mutants with the rule meant for them (loaders/quality/mutate.py).

One batch: the two samples (and the 普陀 PDF's text when ../shared/realdocs exists), ≤ 5 sites per
kind per document drawn with a fixed seed, all mutants and the clean twins loaded into one
warehouse and built once.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from aheadkit import ahead, in_subprocess, made_ahead

from loaders.config import PROJECT_ROOT
from loaders.quality import mutate
from loaders.quality.sites import KINDS

PUTUO = PROJECT_ROOT.parent / "shared" / "realdocs" / "shanghai-putuo-finance-bureau-2024-final-accounts.pdf"
PER_KIND = 5

# what the clean documents themselves get wrong (each checked with its evidence in
# tests/quality/test_clean_documents.py and tests/test_dbt_realdocs.py)
GENUINE = {
    "miyi": ["R02", "R55"],  # 住房保障支出 类 14.82 vs its only 项 住房公积金 14.83
    "ziyang": ["R19", "R20", "R38", "R51"],  # 增加/减少 residue; a 2020 年度 heading; 医疗卫生与计划生育支出 in 2021
    "putuo": ["R01", "R25", "R34", "R36"],  # 326.71 vs 326.72 for 类 208; 0.3 vs 2,961.68
}


@ahead("result")
def _mutation_batch(out: Path) -> tuple[mutate.Result, float]:
    # mutate.run plans the mutants in Python of its own (hundreds of extractions): in a fresh
    # process, so that a batch made ahead does not hold the lock the tests in front need
    t0 = time.monotonic()
    res = in_subprocess("loaders.quality.mutate:run", out, PER_KIND, 11, PUTUO if PUTUO.exists() else None, out=out)
    return res, time.monotonic() - t0


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> mutate.Result:
    res, seconds = made_ahead(tmp_path_factory, _mutation_batch)
    print(f"\nmutation tier: {seconds:.0f} s\n{mutate.report(res)}")
    return res


def test_at_least_30_kinds_of_planted_error() -> None:
    assert len(KINDS) >= 30


def test_mutation_score_is_at_least_95_percent(result: mutate.Result) -> None:
    hit, detectable, score = result.score()
    assert detectable >= 150, detectable
    assert score >= 0.95, mutate.report(result)


def test_sites_are_drawn_per_kind_and_document(result: mutate.Result) -> None:
    per = Counter((m.source, m.kind) for m in result.mutants if m.site)
    assert max(per.values()) <= PER_KIND
    kinds = {k for (_, k) in per}
    assert len(kinds) >= 30, sorted(kinds)
    # every kind that has ≥ 5 eligible positions in a sample gets 5 mutants there
    for src in mutate.sample_sources():
        sites, _ = mutate.sites_of(src)
        eligible = Counter(s.kind for s in sites if s.replacement != src.text[s.start:s.end])
        for kind, n in eligible.items():
            assert per[(src.name, kind)] == min(PER_KIND, n), (src.name, kind)


def test_every_mutant_is_its_own_document_and_unit(result: mutate.Result) -> None:
    con = duckdb.connect(str(result.db), read_only=True)
    try:
        n_docs, n_units = con.execute(
            "select count(*), count(distinct unit_id) from quality.dq_documents").fetchone()
    finally:
        con.close()
    distinct = {m.document_id for m in result.mutants}
    assert n_docs == len(distinct) == n_units


def test_clean_twins_fail_only_their_genuine_contradictions(result: mutate.Result) -> None:
    expected = {k: v for k, v in GENUINE.items() if k in result.clean_fails}
    assert result.clean_fails == expected


def test_undetectable_mutants_are_counted_apart(result: mutate.Result) -> None:
    kinds = result.by_kind()
    assert sum(k["undetectable"] for k in kinds.values()) < sum(k["mutants"] for k in kinds.values())
    for k in kinds.values():
        assert k["mutants"] == k["undetectable"] + k["flagged"] + k["missed"]
