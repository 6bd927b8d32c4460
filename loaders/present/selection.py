"""Which units and years a notebook or the report looks at, chosen by name.

`--units 米易县集体土地征收补偿安置中心,资阳市土地开发整理中心` (or a papermill parameter
``units``) accepts full names, unit ids, or substrings that match exactly one unit; an ambiguous
or unknown name is an error that lists the candidates. `--years 2021,2023` (or 2020-2023) keeps
those fiscal years. With no units given, a ranked subset is chosen: the units with the largest
stated 本年支出合计, at most DEFAULT_LIMIT of them, so the report stays readable at any N.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

__all__ = [
    "DEFAULT_LIMIT",
    "UnitChoiceError",
    "Selection",
    "parse_names",
    "parse_years",
    "resolve_units",
    "choose",
]

DEFAULT_LIMIT = 8


class UnitChoiceError(ValueError):
    """A unit name matched no unit, or more than one."""


@dataclass(frozen=True)
class Selection:
    unit_ids: list[str]
    unit_names: dict[str, str]
    years: list[int] | None
    ranked: bool  # True: the default ranked subset, not the user's choice
    total_units: int = 0
    notes: list[str] = field(default_factory=list)

    def sql_years(self, column: str = "fiscal_year") -> str:
        """A SQL condition on the chosen years (TRUE when all years are kept)."""
        if not self.years:
            return "TRUE"
        return f"{column} IN ({', '.join(str(int(y)) for y in self.years)})"


def parse_names(value: Any) -> list[str]:
    """'a,b' / 'a，b' / ['a', 'b'] / None -> ['a', 'b'] / []."""
    if value is None or value == "":
        return []
    items: Iterable[Any] = re.split(r"[,，、;；\n]", value) if isinstance(value, str) else value
    return [str(v).strip() for v in items if str(v).strip()]


def parse_years(value: Any) -> list[int] | None:
    """'2021,2023' / '2020-2023' / [2021] / 2021 / None -> sorted years, None for all years."""
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, int):
        return [value]
    years: set[int] = set()
    for part in parse_names(value):
        span = re.fullmatch(r"(\d{4})\s*[-–~至]\s*(\d{4})", part)
        if span:
            a, b = sorted((int(span[1]), int(span[2])))
            years.update(range(a, b + 1))
        elif re.fullmatch(r"\d{4}", part):
            years.add(int(part))
        else:
            raise UnitChoiceError(f"not a year: {part!r} (use 2021,2023 or 2020-2023)")
    return sorted(years)


def resolve_units(candidates: list[tuple[str, str]], wanted: list[str]) -> list[tuple[str, str]]:
    """Match each wanted name against (unit_id, unit_name) pairs: an exact name or id first,
    else a substring matching exactly one unit. Raises UnitChoiceError naming every problem."""
    chosen: list[tuple[str, str]] = []
    problems: list[str] = []
    for name in wanted:
        exact = [c for c in candidates if name in (c[0], c[1])]
        hits = exact or [c for c in candidates if name in (c[1] or "")]
        if len(hits) == 1:
            if hits[0] not in chosen:
                chosen.append(hits[0])
        elif not hits:
            problems.append(f"no unit matches {name!r}")
        else:
            names = "、".join(sorted(h[1] for h in hits)[:10])
            more = f" (and {len(hits) - 10} more)" if len(hits) > 10 else ""
            problems.append(f"{name!r} matches {len(hits)} units: {names}{more}")
    if problems:
        raise UnitChoiceError("; ".join(problems))
    return chosen


_CANDIDATES_SQL = """
SELECT u.unit_id, coalesce(u.unit_name, '未识别名称的单位 ' || u.unit_id) AS unit_name,
       coalesce(max(t.amount_wan), 0) AS size_wan
FROM marts.dim_unit u
LEFT JOIN marts.fct_budget_totals t
       ON t.unit_id = u.unit_id AND t.metric = 'total_expense' AND t.measure = '决算' AND NOT t.is_derived
WHERE u.unit_id <> '-1'
GROUP BY ALL
ORDER BY size_wan DESC, unit_name
"""


def choose(con: Any, units: Any = None, years: Any = None, limit: int = DEFAULT_LIMIT) -> Selection:
    """The selection on one read-only connection (duckdb) whose marts are built."""
    rows = con.sql(_CANDIDATES_SQL).fetchall()
    candidates = [(r[0], r[1]) for r in rows]
    wanted = parse_names(units)
    year_list = parse_years(years)
    if wanted:
        picked = resolve_units(candidates, wanted)
        ranked = False
    else:
        picked = candidates[:limit]
        ranked = len(candidates) > limit
    notes = []
    if ranked:
        notes.append(f"仓库共有 {len(candidates)} 个单位，这里按本年支出合计从大到小列出前 {limit} 个；"
                     "用 `juesuan report --units 名称` 指定单位。")
    return Selection(
        unit_ids=[p[0] for p in picked],
        unit_names=dict(picked),
        years=year_list,
        ranked=ranked,
        total_units=len(candidates),
        notes=notes,
    )
