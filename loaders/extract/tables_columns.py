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

from .tables_grid import norm

ROLE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("serial", ("行次", "栏次")),
    ("ignore", ("上缴上级", "经营支出", "对附属单位", "附属单位上缴", "结余分配", "用事业基金")),
    ("carry_begin", ("年初结转", "上年结转", "年初财政拨款结转", "年初结余")),
    ("carry_end", ("年末结转", "年末财政拨款结转", "年末结余")),
    ("pct", ("完成", "%", "％", "执行率", "比率", "比例")),
    ("basic", ("基本支出",)),
    ("project", ("项目支出",)),
    ("personnel", ("人员经费",)),
    ("public", ("公用经费",)),
)
TOTAL_WORDS = ("合计", "小计", "本年支出", "决算", "金额", "支出数", "执行数", "实际支出", "支出额")

# fund scopes: metric prefix, and the words that name the fund in a title or a column label
FUNDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("gfb", ("政府性基金",)),
    ("scob", ("国有资本经营",)),
    ("gpb", ("一般公共预算",)),
)


def column_role(label: str) -> str | None:
    lab = norm(label)
    if not lab:
        return None
    for role, words in ROLE_RULES:
        if any(w in lab for w in words):
            return role
    if any(w in lab for w in ("决算", "执行数", "实际支出")):
        return "total"
    if "预算" in lab and "财政拨款" not in lab:
        return "budget"
    if "本年收入" in lab or lab.endswith("收入"):
        return "income"
    if any(w in lab for w in TOTAL_WORDS):
        return "total"
    return None


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
