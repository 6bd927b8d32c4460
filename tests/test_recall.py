"""Recall on labelled excerpts, through the same path as ``juesuan extract`` (parse_bytes +
extract_facts): the shared devset (real excerpts) and the project's holdout sets (written
blind in other provinces' styles; their first, blind scores are in tests/holdout/README.md).

Each set must keep exact evidence for every emitted fact, its recall floor, and no metric
family with five or more labels below its family floor."""

from __future__ import annotations

from pathlib import Path

import pytest

from loaders.evaluation import evaluate

HOLDOUT = Path(__file__).resolve().parent / "holdout"
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset" / "cases"  # ../shared beside the clone

# (cases, overall floor, family floor): floors sit a little under the measured recall —
# devset 0.984 (304/309 after the changes and 三公-budget work; was 0.961 297/309),
# holdout/cases 1.000 (434/434), holdout/blind2 1.000 (228/228) after tuning.
SETS = {
    "devset": (DEVSET, 0.95, 0.80),
    "holdout": (HOLDOUT / "cases", 0.97, 0.85),
    "blind2": (HOLDOUT / "blind2", 0.97, 0.85),
    # blind3 (issue 9): first score 0.509, 0.833 after the general rules of h9blind; its weakest
    # families (indicators 0.51, three_public 0.66: multi-level space-separated text tables) set the family floor
    "blind3": (HOLDOUT / "blind3", 0.80, 0.45),
    # blind5 (2026-12-04): first score 0.631 on 1a70b8d, 0.853 after the gap-table and card-row
    # readers, 0.908 after the target-first indicators (its 绩效自评 prose); procurement 0.375 is its
    # weakest family
    "blind5": (HOLDOUT / "blind5", 0.88, 0.35),
    # blind6 (2026-12-04): first score 0.710 on 25960f8, 0.841 after the target-first indicators,
    # project paragraphs, paired shares and word-separated tables; its project tables with a
    # separator per row (projects 0.42) set the family floor
    "blind6": (HOLDOUT / "blind6", 0.82, 0.40),
    # blind7 (2026-12-04, shared FACTS.md vocabulary only): first score 0.751 on 8b6b6b6, 0.863 after
    # the all-funds 款/项, colon-named amounts, inline 三公 headings, 一般公共预算拨款, form-line
    # indicators and 预算 wordings; changes (0.795) is its weakest family of five labels or more
    "blind7": (HOLDOUT / "blind7", 0.83, 0.70),
    # blind8 (2026-12-04, shared FACTS.md vocabulary only): first score 0.734 (354/482), 39 wrong, on
    # fdde5b0 (0.803, 6 wrong, once metrics without a qualifier stopped comparing the label's
    # wording); 0.927 after "由上年的a增加到b" and infographic cards read as prose; projects (0.765,
    # a '|' 绩效自评 table's 结转 and 元/亩 indicators) is its weakest family
    "blind8": (HOLDOUT / "blind8", 0.90, 0.70),
    # blind9 (2026-12-04, shared FACTS.md vocabulary and its qualifier column): first score 0.766
    # (354/462), 11 wrong, on 687d868; indicators (0.12: a 绩效自评 paragraph per project) and functions
    # (0.56: a space-aligned 总表 with both sides, an XLS export with merged code cells) are its weakest
    "blind9": (HOLDOUT / "blind9", 0.74, 0.10),
}


@pytest.fixture(scope="module", params=sorted(SETS))
def scored(request):
    cases, floor, family_floor = SETS[request.param]
    if not cases.exists():
        pytest.skip(f"{cases} absent")
    return evaluate(cases), floor, family_floor


def test_every_fact_has_exact_evidence_containing_its_value(scored):
    score, _, _ = scored
    assert not score.bad_evidence, score.bad_evidence[:5]


def test_recall_floor(scored):
    score, floor, _ = scored
    assert score.recall >= floor, [(c, l["metric"], l["value"]) for c, l in score.misses]


def test_no_family_collapses(scored):
    score, _, family_floor = scored
    for fam, r in score.family_recall().items():
        if score.totals[fam] >= 5:
            assert r >= family_floor, (fam, r)
