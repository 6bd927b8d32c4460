"""The fund-scope wordings of seeds/lexicon/fund_scopes.csv (read by int_facts_scoped): a
qualifier naming the 财政拨款 fund's carry-over, as the prose rules print it, opens with the
财政拨款 wording, and the unit's own carry-over with none."""

import re

from loaders.vocab import read_seed


def _scope_of(qualifier: str) -> str | None:
    rows = sorted((r for r in read_seed("fund_scopes") if r["wording_pattern"]), key=lambda r: int(r["priority"]))
    return next((r["fund_scope"] for r in rows if re.search(r["wording_pattern"], qualifier)), None)


def test_the_fiscal_funds_carry_overs_open_with_its_wording():
    for q in ("年初财政拨款结转和结余", "年末财政拨款结转和结余", "上年财政拨款结转和结余", "财政拨款收入"):
        assert _scope_of(q) == "财政拨款", q
    assert _scope_of("一般公共预算财政拨款收入") == "一般公共预算财政拨款"
    for q in ("年初结转和结余", "年末结转和结余", "基本支出"):
        assert _scope_of(q) is None, q
