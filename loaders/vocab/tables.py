"""Table vocabulary: the one column-role classifier and the table-kind rules, read from
``seeds/lexicon/column_roles.csv`` and ``seeds/lexicon/table_kinds.csv``.

Every table reader (grids from PDF/DOCX/HTML/XLSX and text tables alike) asks ``column_role``
what a value column holds and ``kind_of_title`` / ``kind_of_header`` which table it reads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import read_seed

# roles whose cells are no amount of this year (never read as a fact of the row's metric)
NOT_AMOUNT_ROLES = frozenset({"serial", "ignore", "prior", "share"})
CHANGE_ROLES = frozenset({"change_abs", "change_pct"})


def fold(text: str | None) -> str:
    """Header text folded for matching: NFKC, no whitespace."""
    if not text:
        return ""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@dataclass(frozen=True)
class RoleRule:
    pattern: re.Pattern[str]
    role: str
    priority: int
    unless: re.Pattern[str] | None


@lru_cache(maxsize=1)
def role_rules() -> tuple[RoleRule, ...]:
    rules = [
        RoleRule(re.compile(r["pattern"]), r["role"], int(r["priority"]), re.compile(r["unless"]) if r["unless"] else None)
        for r in read_seed("column_roles")
    ]
    return tuple(sorted(rules, key=lambda r: r.priority))


@lru_cache(maxsize=4096)
def column_role(label: str | None) -> str | None:
    """The role of a value column from its (stacked) header label, or None (no rule matches)."""
    lab = fold(label)
    if not lab:
        return None
    for rule in role_rules():
        if rule.pattern.search(lab) and not (rule.unless and rule.unless.search(lab)):
            return rule.role
    return None


@dataclass(frozen=True)
class KindRule:
    kind: str
    scope: str  # title | header
    must: tuple[tuple[str, ...], ...]  # every part must match; a part lists alternatives
    must_not: tuple[str, ...]
    priority: int

    def matches(self, text: str, table_text: str = "") -> bool:
        for alternatives in self.must:
            if not any(_part_in(a, text, table_text) for a in alternatives):
                return False
        return not any(w in text for w in self.must_not)


def _part_in(part: str, text: str, table_text: str) -> bool:
    if part.startswith("table:"):
        return part[len("table:"):] in table_text
    return part in text


@lru_cache(maxsize=1)
def kind_rules() -> tuple[KindRule, ...]:
    rules = []
    for r in read_seed("table_kinds"):
        must = tuple(tuple(a for a in part.split("|") if a) for part in r["must"].split("+") if part)
        must_not = tuple(w for w in r["must_not"].split("+") if w)
        rules.append(KindRule(r["kind"], r["scope"], must, must_not, int(r["priority"])))
    return tuple(sorted(rules, key=lambda k: k.priority))


def kind_of_title(title: str) -> str | None:
    t = fold(title)
    return next((k.kind for k in kind_rules() if k.scope == "title" and k.matches(t)), None)


def kind_of_header(head: str, table_text: str = "") -> str | None:
    """Kind from the text of a table's first rows (``head``) and of the whole table."""
    h, whole = fold(head), fold(table_text)
    return next((k.kind for k in kind_rules() if k.scope == "header" and k.matches(h, whole)), None)


@dataclass(frozen=True)
class ThreePublicItem:
    item: str
    label_zh: str  # the canonical name, full-width brackets
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def three_public_items() -> tuple[ThreePublicItem, ...]:
    """The 三公 items (seeds/lexicon/three_public_items.csv) with their table-header wordings
    (``header_pattern``), searched in ``fold``ed text."""
    return tuple(ThreePublicItem(r["item"], r["item"], re.compile(fold(r["header_pattern"])))
                 for r in read_seed("three_public_items"))


@lru_cache(maxsize=1)
def title_words() -> str:
    """Regex alternation of the words a table title ends with (决算表, 明细表, 自评表 …)."""
    words = sorted({k.must[0][0] for k in kind_rules() if k.scope == "suffix"}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)
