"""D-1 end to end: the prose writes 因公出国(境)费 with half-width brackets, the table prints
因公出国（境）费; after load + build the 三公 identity (R12: 3.00 = 1.00 + 2.00 + 0) passes and
fct_three_public has one row per unit × year × item. Loads and builds a warehouse (~1 min)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from aheadkit import ahead, environment, made_ahead
from loadkit import load_and_build


TEXT = """测试县农业服务中心2023年度部门决算

一、“三公”经费支出情况说明

2023年度“三公”经费支出3.00万元，其中：因公出国(境)费1.00万元，公务用车购置及运行维护费2.00万元，公务接待费0万元。

财政拨款“三公”经费支出决算表

单位：万元

项目\t合计\t因公出国（境）费\t公务用车购置及运行维护费\t公务接待费
决算数\t3.00\t1.00\t2.00\t0
"""


@ahead("built")
def _three_public_warehouse(tmp: Path) -> Path:
    (tmp / "docs").mkdir()
    (tmp / "docs" / "测试县农业服务中心2023年度部门决算.txt").write_text(TEXT, encoding="utf-8")
    return load_and_build([tmp / "docs"], tmp / "juesuan.duckdb", publish_on_failure=True,
                          env=environment(tmp)).path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_ahead(tmp_path_factory, _three_public_warehouse)


def _query(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_prose_and_table_facts_carry_one_item_name(built: Path):
    rows = _query(built, "select source, qualifier from raw.facts where metric = 'three_public_item'")
    assert {s for s, _ in rows} == {"prose", "table"}
    assert {q for _, q in rows} == {"因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"}


def test_three_public_identity_passes(built: Path):
    r12 = _query(built, "select status, expected, actual from marts.fct_dq_findings where rule_id = 'R12'")
    assert r12 and all(s == "pass" for s, _, _ in r12), r12


def test_one_three_public_row_per_item(built: Path):
    items = _query(built, "select item, count(*) from marts.fct_three_public group by item order by item")
    names = [i for i, _ in items]
    assert all(n == 1 for _, n in items), items
    assert "因公出国（境）费" in names and "因公出国(境)费" not in names
