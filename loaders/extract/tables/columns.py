"""What a value column of a standard table holds, read from its (stacked) header label, and which
fund a label or title speaks of. Roles:

* ``total``        — 合计 / 小计 / 本年支出 / 决算数 / 金额 (the row's own amount)
* ``basic`` / ``project`` — 基本支出 / 项目支出
* ``personnel`` / ``public`` — 人员经费 / 公用经费
* ``budget``       — 年初预算 / 预算数 / 调整预算 (a budget figure, not an actual)
* ``pct``          — 完成预算% / 执行率
* ``income``       — 本年收入
* ``carry_begin`` / ``carry_end`` — 年初 / 年末 结转和结余
* ``serial``       — 行次 / 栏次 (row numbers, never amounts)
* ``ignore``       — 上缴上级支出, 经营支出, 对附属单位补助支出 … (no metric of their own)
"""

from __future__ import annotations

from ...vocab.tables import column_role
from .grid import norm

__all__ = ["column_role", "column_roles", "fund_of", "scope_of_title"]

# fund scopes: metric prefix, and the words that name the fund in a title or a column label
FUNDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gfb", ("政府性基金",)),
    ("scob", ("国有资本经营",)),
    ("gpb", ("一般公共预算",)),
)


def column_roles(labels: dict[int, str]) -> dict[int, str | None]:
    return {c: column_role(lab) for c, lab in labels.items()}


def fund_of(text: str) -> str | None:
    """gfb / scob / gpb when the text names one fund, else None."""
    t = norm(text)
    for fund, words in FUNDS:
        if any(w in t for w in words):
            return fund
    return None


def scope_of_title(title: str) -> str:
    """Metric scope of a subject table by its title: gpb / gfb / scob, fin (财政拨款, all funds)
    or all (every source of money: 支出决算表)."""
    fund = fund_of(title)
    if fund:
        return fund
    return "fin" if "财政拨款" in norm(title) else "all"
