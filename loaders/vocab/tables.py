"""Table vocabulary: the one column-role classifier and the table-kind rules, read from
``seeds/lexicon/column_roles.csv`` and ``seeds/lexicon/table_kinds.csv``; the row labels a table
reader recognises (``row_label``: seeds/lexicon/table_row_labels.csv; ``fund_lines``,
``basic_lane_metric``, ``office_running_wording``: from income_lines, fund_scopes, metric_wordings).

Every table reader (grids from PDF/DOCX/HTML/XLSX and text tables alike) asks ``column_role``
what a value column holds and ``kind_of_title`` / ``kind_of_header`` which table it reads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from . import read_seed
from .lexicon import keywords
from .metrics import metrics

# the words a total row is labelled with (a row ending in one is a total of the rows it sums)
TOTAL_ROW_WORDS = ("合计", "总计", "小计")
# roles whose cells are no amount of this year (never read as a fact of the row's metric)
NOT_AMOUNT_ROLES = frozenset({"serial", "ignore", "prior", "share"})
CHANGE_ROLES = frozenset({"change_abs", "change_pct"})


def fold(text: str | None) -> str:
    """Header text folded for matching: NFKC, no whitespace."""
    if not text:
        return ""
    return "".join(unicodedata.normalize("NFKC", text).split())  # split() drops what \s matches


_WS_RE = re.compile(r"\s+")


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
@lru_cache(maxsize=1 << 14)
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

    @property
    def reads_table(self) -> bool:
        return any(a.startswith("table:") for alternatives in self.must for a in alternatives)

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


def kind_of_header(head: str, table_text: str = "", folded: bool = False) -> str | None:
    """Kind from the text of a table's first rows (``head``; ``folded``: already ``fold``ed)
    and of the whole table."""
    h, whole = head if folded else fold(head), None  # the whole table is folded only for a rule that reads it
    for k in kind_rules():
        if k.scope != "header":
            continue
        if whole is None and k.reads_table:
            whole = fold(table_text)
        if k.matches(h, whole or ""):
            return k.kind
    return None


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
def title_words(scope: str = "suffix") -> str:
    """Regex alternation of the words a table title ends with (决算表, 明细表, 自评表 …; with
    scope ``budget_suffix`` those of a 预算 table: 预算总表, 预算表)."""
    words = sorted({k.must[0][0] for k in kind_rules() if k.scope == scope}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in words)


@dataclass(frozen=True)
class RowLabel:
    """A row label of a 收入支出决算总表 that names a metric (seeds/lexicon/table_row_labels.csv)."""

    pattern: re.Pattern[str]
    metric: str
    qualifier: str  # "{printed}": the printed label; "": none; else this text
    priority: int

    def qualifier_for(self, printed: str) -> str | None:
        if self.qualifier == "{printed}":
            return printed
        return self.qualifier or None


_MATCH_FORMS = {"whole": "^(?:{})$", "part": "(?:{})", "tail": "^.{{0,2}}(?:{})$"}


def _income_line_names() -> str:
    return "|".join(re.escape(fold(r["income_line"])) for r in sorted(read_seed("income_lines"), key=lambda r: int(r["priority"])))


@lru_cache(maxsize=1)
def row_label_rules() -> tuple[RowLabel, ...]:
    rules = []
    for r in read_seed("table_row_labels"):
        pattern = r["pattern"].replace("{income_lines}", _income_line_names())
        rules.append(RowLabel(re.compile(_MATCH_FORMS[r["match"]].format(pattern)), r["metric"], r["qualifier"], int(r["priority"])))
    return tuple(sorted(rules, key=lambda r: r.priority))


@lru_cache(maxsize=4096)
def row_label(label: str | None) -> RowLabel | None:
    """The rule of the first (lowest priority) table row label that the folded label matches."""
    lab = fold(label)
    if not lab:
        return None
    return next((rule for rule in row_label_rules() if rule.pattern.search(lab)), None)


@lru_cache(maxsize=1)
def fund_lines() -> tuple[str, ...]:
    """The income lines of one fund (seeds/lexicon/income_lines.csv rows named by a fund scope of
    depth 2 in seeds/lexicon/fund_scopes.csv), without their 收入 ending: the row labels of a
    财政拨款收入支出决算总表 that print one fund's line."""
    scopes = [re.compile(r["wording_pattern"]) for r in read_seed("fund_scopes") if r["depth"] == "2"]
    lines = sorted(read_seed("income_lines"), key=lambda r: int(r["priority"]))
    names = [fold(r["income_line"]) for r in lines if any(p.search(fold(r["income_line"])) for p in scopes)]
    return tuple(re.sub("收入$", "", n) for n in names)


@lru_cache(maxsize=1)
def office_running_wording() -> tuple[re.Pattern[str], str]:
    """机关运行经费: the wording (seeds/lexicon/metric_wordings.csv) and the label (seeds/metrics.csv)
    of office_running_cost, printed beside the 三公 items in a 三公 table but no 三公 item itself."""
    pattern = next(k.pattern for k in keywords() if k.metric == "office_running_cost")
    return pattern, metrics()["office_running_cost"].label_zh


BASIC_LANES = ("basic_personnel", "basic_public")


def basic_lane_metric(label: str | None) -> str | None:
    """basic_personnel / basic_public when a row label of a 基本支出 table starts with the wording
    of 人员经费 / 公用经费 (seeds/lexicon/metric_wordings.csv), else None."""
    lab = fold(label)
    return next((k.metric for k in keywords() if k.metric in BASIC_LANES and k.pattern.match(lab)), None)

