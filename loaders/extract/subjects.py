"""Subject names -> 支出功能分类 codes (and 经济分类 codes for econ_item).

Resolution order for one name: codes printed in the same document's tables (learned), then the
official list, then renames (医疗卫生与计划生育支出 -> 卫生健康支出), suffix variants (…支出,
…缴费支出) and the unverified candidates (hints, used only when they are unambiguous). A name
that matches several codes (行政运行 exists under many 款) resolves only through a parent named in
the qualifier's 类/款/项 path; otherwise the code stays None — never a forced guess.

Reference lists are read from seeds/ (loaders.config.SEEDS_DIR) when present, else the copies
shipped in loaders/data/, else ../shared/reference."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..config import PROJECT_ROOT, SEEDS_DIR
from ..model import Fact

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
SHARED_REFERENCE = PROJECT_ROOT.parent / "shared" / "reference"

FUNCTION_METRICS = frozenset(
    {
        "expense_by_function",
        "gpb_expense_by_function",
        "expense_item",
        "expense_item_basic",
        "expense_item_project",
        "income_item",
        "gpb_expense_item",
        "gpb_item_budget",
        "gpb_item_completion_pct",
    }
)
ECON_METRICS = frozenset({"econ_item"})
# fund-scoped siblings of the metrics above (tables/standard.py: fin_ / gpb_ / gfb_ / scob_ prefixes)
FUND_FUNCTION_RE = re.compile(
    r"^(?:fin|gpb|gfb|scob)_(?:expense_by_function|expense_item(?:_basic|_project)?|item_budget|"
    r"item_completion_pct|income_item|carryover_begin|carryover_end)$"
)
FUND_ECON_RE = re.compile(r"^(?:fin|gpb|gfb|scob|expense)_econ_item(?:_basic|_project)?$")


def is_function_metric(metric: str) -> bool:
    return metric in FUNCTION_METRICS or bool(FUND_FUNCTION_RE.match(metric))


def is_econ_metric(metric: str) -> bool:
    return metric in ECON_METRICS or bool(FUND_ECON_RE.match(metric))
LEVELS = {"类": 3, "款": 5, "项": 7}

# wording variants seen in documents that no rename list carries
ALIASES = {
    "自然资源海洋气候气象等": "自然资源海洋气象等",
    "国土资源气象等": "国土海洋气象等",
}

FILLERS = frozenset({"支出", "支出决算", "决算", "其中"})
MARKER_RE = re.compile(r"[(（]\s*(类|款|项)\s*[)）]?")
ORDINAL_RE = re.compile(r"^(?:\d{1,2}\s*[.．、]|[(（]\s*[\d一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．])")


def _csv_path(name: str) -> Path | None:
    for d in (SEEDS_DIR, DATA_DIR, SHARED_REFERENCE):
        p = d / name
        if p.is_file():
            return p
    return None


def _read(name: str) -> list[dict[str, str]]:
    p = _csv_path(name)
    if p is None:
        return []
    with p.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def key(name: str) -> str:
    """Matching key of a subject name: folded, no markers/ordinals/punctuation, no 支出/缴费 suffix."""
    s = unicodedata.normalize("NFKC", name or "")
    s = re.sub(r"[\s*]+", "", s)
    s = MARKER_RE.sub("", s)
    tail = re.split(r"[:：]", s)[-1]
    if len(tail) >= 2:
        s = tail
    while True:
        t = ORDINAL_RE.sub("", s.strip("：:，,、;；。."))
        if t == s:
            break
        s = t
    if s.startswith("支出") and len(s) > 4:
        s = s[2:]
    for old, new in ALIASES.items():
        s = s.replace(old, new)
    for suffix in ("支出", "缴费", "费用"):
        if s.endswith(suffix) and len(s) > len(suffix) + 1:
            s = s[: -len(suffix)]
    return s


@dataclass
class SubjectIndex:
    by_code: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (level, name)
    by_key: dict[str, set[str]] = field(default_factory=dict)
    hints: dict[str, set[str]] = field(default_factory=dict)  # unverified candidates
    renames: dict[str, str] = field(default_factory=dict)  # key(old) -> key(new)

    def add(self, code: str, level: str, name: str, hint: bool = False) -> None:
        target = self.hints if hint else self.by_key
        if not hint:
            self.by_code[code] = (level, name)
        target.setdefault(key(name), set()).add(code)

    def candidates(self, name: str) -> set[str]:
        k = key(name)
        seen = {k}
        while k in self.renames and self.renames[k] not in seen:
            k = self.renames[k]
            seen.add(k)
        out: set[str] = set()
        for kk in seen:
            out |= self.by_key.get(kk, set())
        if not out:
            for kk in seen:
                out |= self.hints.get(kk, set())
        return out


@lru_cache(maxsize=1)
def function_index() -> SubjectIndex:
    idx = SubjectIndex()
    for row in _read("function_subjects.csv"):
        idx.add(row["code"], row["level"], row["name"])
    for row in _read("function_subjects_unverified_candidates.csv"):
        if row["code"] not in idx.by_code:
            idx.add(row["code"], row["level"], row["name"], hint=True)
    for row in _read("renames.csv"):
        idx.renames[key(row["old_name"])] = key(row["new_name"])
    return idx


@lru_cache(maxsize=1)
def economic_index() -> SubjectIndex:
    idx = SubjectIndex()
    for row in _read("economic_subjects.csv"):
        idx.add(row["code"], row["level"], row["name"])
    for row in _read("renames.csv"):
        idx.renames[key(row["old_name"])] = key(row["new_name"])
    return idx


def is_class_name(name: str) -> bool:
    """True when the name is a 类 of the function classification (一般公共服务支出, 卫生健康 ...)."""
    codes = function_index().candidates(name)
    return bool(codes) and all(len(c) == 3 for c in codes)


def parse_path(qualifier: str) -> list[tuple[str, str | None]]:
    """'社会保障和就业（类）行政事业单位养老（款）机关事业单位基本养老保险（项）' ->
    [(社会保障和就业, 类), (行政事业单位养老, 款), (机关事业单位基本养老保险, 项)].
    Text after the last marker is the next level down ('…住房改革支出（款）住房公积金')."""
    parts: list[tuple[str, str | None]] = []
    pos = 0
    last_level: str | None = None
    for m in MARKER_RE.finditer(qualifier):
        name = qualifier[pos : m.start()]
        if key(name):
            parts.append((name, m.group(1)))
            last_level = m.group(1)
        pos = m.end()
    tail = qualifier[pos:]
    if key(tail) and key(tail) not in FILLERS:
        nxt = {"类": "款", "款": "项", None: None}.get(last_level)
        parts.append((tail, nxt))
    return parts


def resolve(
    qualifier: str | None,
    learned: dict[str, set[str]] | None = None,
    index: SubjectIndex | None = None,
) -> str | None:
    """Code for a subject qualifier, or None when unknown or ambiguous."""
    if not qualifier:
        return None
    index = index or function_index()
    learned = learned or {}
    path = parse_path(qualifier)
    if not path:
        return None
    prefix = ""
    code: str | None = None
    for name, level in path:
        code = _resolve_one(name, level, prefix, learned, index)
        if code is None:
            return None
        prefix = code
    return code


def _resolve_one(name: str, level: str | None, prefix: str, learned, index: SubjectIndex) -> str | None:
    for pool in (learned.get(key(name), set()), index.candidates(name)):
        cands = {c for c in pool if c.startswith(prefix) and c != prefix}
        if level:
            cands = {c for c in cands if len(c) == LEVELS[level]}
        if prefix:
            cands = {c for c in cands if len(c) == len(prefix) + 2} or cands
        if len(cands) == 1:
            return next(iter(cands))
        if len(cands) > 1:
            return None  # ambiguous: never force
    return None


def learned_codes(facts: list[Fact]) -> dict[str, set[str]]:
    """name key -> codes printed beside that name in this document's tables."""
    out: dict[str, set[str]] = {}
    for f in facts:
        if is_function_metric(f.metric) and f.subject_code and f.qualifier and not f.subject_code.startswith("3"):
            out.setdefault(key(f.qualifier), set()).add(f.subject_code)
    return out


def apply_subjects(facts: list[Fact]) -> None:
    """Fill subject_code (in place) on subject metrics that have a qualifier but no code."""
    learned = learned_codes(facts)
    for f in facts:
        if f.subject_code or not f.qualifier:
            continue
        if is_function_metric(f.metric):
            f.subject_code = resolve(f.qualifier, learned)
        elif is_econ_metric(f.metric):
            f.subject_code = resolve(f.qualifier, None, economic_index())
