"""On the unmutated samples no rule fails except the documents' genuine contradictions, each
named here with its evidence; the golden dbt tests fail when a sample is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from loaders.config import PROJECT_ROOT

MIYI = "米易县集体土地征收补偿安置中心"
ZIYANG = "资阳市土地开发整理中心"

# (unit, rule) -> (expected, actual, a substring of the evidence)
GENUINE = {
    (MIYI, "R02"): (Decimal("14.82"), Decimal("14.83"), "住房公积金支出决算为14.83万元"),  # 类 vs its only 项
    (MIYI, "R55"): (Decimal("14.82"), Decimal("14.83"), "住房保障支出14.82万元"),  # the same, as a sentinel
    (ZIYANG, "R19"): (Decimal("0"), None, "增加/减少"),  # template residue left in the text
    (ZIYANG, "R20"): (Decimal("0"), Decimal("1"), "2020 年度"),  # a 2020 年度 title in the 2021 document
    (ZIYANG, "R51"): (Decimal("0"), Decimal("1"), "2020 年度"),  # … and it is a heading
    (ZIYANG, "R38"): (Decimal("0"), Decimal("1"), "医疗卫生与计划生育支出（类）"),  # renamed 卫生健康支出 in 2019
}


@pytest.fixture(scope="module")
def db(sample_warehouse_build) -> Path:
    assert sample_warehouse_build.build_returncode == 0, sample_warehouse_build.build_output[-3000:]
    return sample_warehouse_build.path


def _findings(db: Path) -> dict[tuple[str, str], tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""
            select u.unit_name, f.rule_id, f.status, f.expected, f.actual, f.evidence, f.reason
            from marts.fct_dq_findings f join marts.dim_document d using (document_id)
            join marts.dim_unit u on u.unit_id = d.unit_id""").fetchall()
    finally:
        con.close()
    return {(u, r): (s, e, a, ev, why) for u, r, s, e, a, ev, why in rows}


def test_only_genuine_contradictions_fail_on_the_samples(db: Path) -> None:
    f = _findings(db)
    assert {(u, r) for (u, r), v in f.items() if v[0] == "fail"} == set(GENUINE)
    for key, (expected, actual, evidence) in GENUINE.items():
        _, e, a, ev, _ = f[key]
        assert e == expected, key
        if actual is not None:
            assert a == actual, key
        assert evidence in (ev or ""), (key, ev)


def test_prior_year_comparisons_are_not_foreign_years(db: Path) -> None:
    # 米易 compares with 2022 throughout ("与2022年相比"); its R20 passes
    assert _findings(db)[(MIYI, "R20")][0] == "pass"


def test_not_applicable_carries_a_reason_and_coverage_is_reported(db: Path) -> None:
    f = _findings(db)
    assert all(v[4] for v in f.values() if v[0] in ("not_applicable", "insufficient_data"))
    con = duckdb.connect(str(db), read_only=True)
    try:
        cov = con.execute("select summary, n_validated, n_applicable from marts.fct_dq_coverage").fetchall()
    finally:
        con.close()
    assert len(cov) == 2
    for summary, n, m in cov:
        assert summary == f"validated {n} of {m} applicable" and 20 <= n <= m


def _golden(db: Path, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JUESUAN_DB": str(db), "DBT_PROFILES_DIR": str(PROJECT_ROOT),
           "DBT_TARGET_PATH": str(tmp / "target"), "DBT_LOG_PATH": str(tmp / "logs")}
    dbt = str(Path(sys.executable).with_name("dbt"))
    return subprocess.run([dbt, "test", "--project-dir", str(PROJECT_ROOT), "--select", "tag:golden",
                           "--vars", "{golden_samples: true}"], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_golden_tests_pass_on_the_samples_and_fail_without_one(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "w.duckdb"
    shutil.copy(db, copy)
    ok = _golden(copy, tmp_path)
    assert ok.returncode == 0, ok.stdout[-3000:]
    con = duckdb.connect(str(copy))
    try:
        con.execute(f"delete from marts.dim_unit where unit_name = '{ZIYANG}'")
    finally:
        con.close()
    missing = _golden(copy, tmp_path)
    assert missing.returncode != 0, missing.stdout[-3000:]
