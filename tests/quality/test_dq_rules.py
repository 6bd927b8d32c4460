"""The DQ rule catalogue (seeds/dq_rules.csv) against its models, unit tests and README table."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from loaders.config import PROJECT_ROOT
from loaders.quality import rules_doc
from loaders.vocab import read_seed

QUALITY = PROJECT_ROOT / "models" / "quality"


def rules() -> list[dict[str, str]]:
    return list(read_seed("dq_rules"))


def test_at_least_45_rules_and_6_in_each_core_catalogue_family() -> None:
    rs = rules()
    assert len(rs) >= 45
    assert len({r["rule_id"] for r in rs}) == len(rs)
    per_family = Counter(r["catalogue_family"] for r in rs)
    for family in ("3", "4", "5", "7"):
        assert per_family[family] >= 6, (family, per_family)


def test_every_rule_is_evaluated_by_its_family_model() -> None:
    # named in the model, or a row of a term seed the model reads, or a metric-set rule of dq_rules
    term_seeds = {name: {t["rule_id"] for t in read_seed(name)} for name in ("dq_identity_terms", "dq_rate_terms")}
    for r in rules():
        sql = (QUALITY / f"dq_{r['family']}.sql").read_text(encoding="utf-8")
        by_seed = any(r["rule_id"] in ids and f"ref('{name}')" in sql for name, ids in term_seeds.items())
        by_metrics = bool(r["metrics"]) and "ref('dq_rules')" in sql
        assert f"'{r['rule_id']}'" in sql or by_seed or by_metrics, r["rule_id"]


def _expected_rows() -> list[dict[str, str]]:
    out = []
    for path in QUALITY.glob("*.yml"):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for ut in doc.get("unit_tests", []):
            expect = ut["expect"]
            if expect.get("format") == "csv":
                out += list(csv.DictReader(io.StringIO(expect["rows"])))
            else:
                out += [{k: str(v) for k, v in row.items()} for row in expect.get("rows", [])]
    return out


def test_every_rule_has_a_passing_and_a_failing_unit_test_row() -> None:
    seen: dict[str, set[str]] = defaultdict(set)
    for row in _expected_rows():
        if "rule_id" in row and "status" in row:
            seen[row["rule_id"]].add(row["status"])
    missing = {r["rule_id"]: sorted(seen[r["rule_id"]]) for r in rules()
               if not {"pass", "fail"} <= seen[r["rule_id"]]}
    assert not missing, missing


def test_readme_rule_table_is_the_generated_one() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert rules_doc.section(readme) == rules_doc.table()
    assert len([ln for ln in rules_doc.table().splitlines() if ln.startswith("| R")]) == len(rules())


def test_quality_models_do_not_parse_evidence_with_like() -> None:
    for path in QUALITY.glob("*.sql"):
        sql = path.read_text(encoding="utf-8")
        assert not re.search(r"evidence\s+(not\s+)?i?like", sql, re.I), path.name


def test_only_fct_dq_findings_and_fct_dq_coverage_read_the_quality_layer() -> None:
    quality = {p.stem for p in QUALITY.glob("*.sql")}
    for path in (PROJECT_ROOT / "models").rglob("*.sql"):
        if path.parent == QUALITY:
            continue
        refs = set(re.findall(r"ref\('([a-z0-9_]+)'\)", path.read_text(encoding="utf-8")))
        if refs & quality:
            assert path.stem in ("fct_dq_findings", "fct_dq_coverage"), path
    assert not (PROJECT_ROOT / "models" / "intermediate" / "int_dq_checks_evaluated.sql").exists()


def test_dq_seed_holds_rule_definitions_only() -> None:
    # domain lists live in lexicon seeds; the rule seed has one row per rule and no list columns
    header = (PROJECT_ROOT / "seeds" / "dq_rules.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:2] == ["rule_id", "family"]
    for name in ("three_public_items", "direction_words", "residue_patterns",
                 "share_parents", "standard_tables", "year_comparison_markers"):
        assert read_seed(name), name
    assert {r["item"] for r in read_seed("three_public_items")} >= {"因公出国（境）费", "公务接待费"}
