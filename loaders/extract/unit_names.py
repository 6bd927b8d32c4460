"""One spelling per unit: the short and full forms of a name (中国共产党…委员会办公厅, …省委办公厅,
中共…省委办公厅) become one canonical name. The rewrites are rows of seeds/lexicon/unit_name_forms.csv."""

from __future__ import annotations

import re
from functools import lru_cache

from ..vocab import read_seed


@lru_cache(maxsize=1)
def _forms() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r["pattern"]), r["replacement"]) for r in read_seed("unit_name_forms"))


def canonical_unit_name(name: str | None) -> str | None:
    if not name:
        return name
    out = re.sub(r"\s+", "", name)
    for pattern, replacement in _forms():
        out = pattern.sub(replacement, out)
    return out
