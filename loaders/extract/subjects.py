"""Subject names -> 支出功能分类 codes (and 经济分类 codes for econ_item).

Resolution order for one name: codes printed in the same document's tables (learned), then the
official list, then renames (医疗卫生与计划生育支出 -> 卫生健康支出), suffix variants (…支出,
…缴费支出) and the unverified candidates (hints, used only when they are unambiguous). A name
that matches several codes (行政运行 exists under many 款) resolves only through a parent named in
the qualifier's 类/款/项 path; otherwise the code stays None — never a forced guess.

Reference lists are the seeds (function_subjects, function_subjects_unverified_candidates,
economic_subjects, renames), read through loaders.vocab: no copy, no fallback outside the repo."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Fact
from ..vocab import read_seed
from ..vocab.metrics import subject_system



def is_function_metric(metric: str) -> bool:
    """A metric whose qualifier is a 支出功能分类 subject (seeds/metrics.csv subject_system)."""
    return subject_system(metric) == "function"


def is_econ_metric(metric: str) -> bool:
    """A metric whose qualifier is a 经济分类 subject (seeds/metrics.csv subject_system)."""
    return subject_system(metric) == "economic"


LEVELS = {"类": 3, "款": 5, "项": 7}

# wording variants seen in documents that no rename list carries
ALIASES = {
    "自然资源海洋气候气象等": "自然资源海洋气象等",
    "国土资源气象等": "国土海洋气象等",
}

FILLERS = frozenset({"支出", "支出决算", "决算", "其中"})
MARKER_RE = re.compile(r"[(（]\s*(类|款|项)\s*[)）]?")
ORDINAL_RE = re.compile(r"^(?:\d{1,2}\s*[.．、]|[(（]\s*[\d一二三四五六七八九十]+\s*[)）]|[一二三四五六七八九十]+\s*[、.．])")


def _read(name: str) -> tuple[dict[str, str], ...]:
    return read_seed(name.removesuffix(".csv"))


SPACES_RE = re.compile(r"[\s*]+")
COLON_RE = re.compile(r"[:：]")


@lru_cache(maxsize=1 << 14)
def key(name: str) -> str:
    """Matching key of a subject name: folded, no markers/ordinals/punctuation, no 支出/缴费 suffix
    (memoised: the same names come back in every document)."""
    s = unicodedata.normalize("NFKC", name or "")
    s = SPACES_RE.sub("", s)
    s = MARKER_RE.sub("", s)
    tail = COLON_RE.split(s)[-1]
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
    return resolve_with_origin(qualifier, learned, index)[0]


def resolve_with_origin(
    qualifier: str | None,
    learned: dict[str, set[str]] | None = None,
    index: SubjectIndex | None = None,
) -> tuple[str | None, str | None]:
    """(code, origin) for a subject qualifier: origin ``document`` when the code was printed beside
    the same name elsewhere in the document, ``path`` when the wording names the 类/款 path,
    ``name`` when the name alone is unambiguous in the code lists; (None, None) when unknown or
    ambiguous."""
    if not qualifier:
        return None, None
    index = index or function_index()
    learned = learned or {}
    path = parse_path(qualifier)
    if not path:
        return None, None
    prefix = ""
    code: str | None = None
    from_document = False
    for name, level in path:
        code, from_document = _resolve_one(name, level, prefix, learned, index)
        if code is None:
            return None, None
        prefix = code
    return code, ("document" if from_document else "path" if len(path) > 1 else "name")


def _resolve_one(name: str, level: str | None, prefix: str, learned, index: SubjectIndex) -> tuple[str | None, bool]:
    for from_document, pool in ((True, learned.get(key(name), set())), (False, index.candidates(name))):
        cands = {c for c in pool if c.startswith(prefix) and c != prefix}
        if level:
            cands = {c for c in cands if len(c) == LEVELS[level]}
        if prefix:
            cands = {c for c in cands if len(c) == len(prefix) + 2} or cands
        if len(cands) == 1:
            return next(iter(cands)), from_document
        if len(cands) > 1:
            return None, False  # ambiguous: never force
    return None, False


def learned_codes(facts: list[Fact]) -> dict[str, set[str]]:
    """name key -> codes printed beside that name in this document's tables."""
    out: dict[str, set[str]] = {}
    for f in facts:
        if is_function_metric(f.metric) and f.subject_code and f.qualifier and not f.subject_code.startswith("3"):
            out.setdefault(key(f.qualifier), set()).add(f.subject_code)
    return out


def apply_subjects(facts: list[Fact]) -> None:
    """Fill subject_code and subject_code_origin (in place), the one resolver (dbt only joins and
    lists what stays unresolved). A code already on the fact was printed beside its name
    (``printed``); otherwise subject metrics with a qualifier resolve by name or path (see
    ``resolve_with_origin``); a bare name that several 款 share (事业运行, 行政运行) is then narrowed
    to the one candidate under a 款 (else a 类) the same document spends on (``document``)."""
    learned = learned_codes(facts)
    pending: list[Fact] = []
    # one resolution per qualifier and code list: ``learned`` stays as it is for the whole call
    function_codes: dict[str, tuple[str | None, str | None]] = {}
    econ_codes: dict[str, tuple[str | None, str | None]] = {}
    for f in facts:
        if f.subject_code:
            f.subject_code_origin = f.subject_code_origin or "printed"
            continue
        q = f.qualifier
        if not q:
            continue
        system = subject_system(f.metric)
        if system == "function":
            got = function_codes.get(q)
            if got is None:
                got = function_codes[q] = resolve_with_origin(q, learned)
            f.subject_code, f.subject_code_origin = got
            if f.subject_code is None:
                pending.append(f)
        elif system == "economic":
            got = econ_codes.get(q)
            if got is None:
                got = econ_codes[q] = resolve_with_origin(q, None, economic_index())
            f.subject_code, f.subject_code_origin = got
    if pending:
        _narrow_by_document(pending, facts)


def _narrow_by_document(pending: list[Fact], facts: list[Fact]) -> None:
    codes = {f.subject_code for f in facts if f.subject_code and is_function_metric(f.metric)
             and not f.subject_code.startswith("3")}
    sections = {c[:5] for c in codes if len(c) >= 5}
    classes = {c[:3] for c in codes}
    index = function_index()
    picked: dict[str, str | None] = {}  # qualifier -> the one code the document narrows it to
    for f in pending:
        q = f.qualifier or ""
        if q not in picked:
            picked[q] = _narrowed(q, index, sections, classes)
        if picked[q] is not None:
            f.subject_code, f.subject_code_origin = picked[q], "document"


def _narrowed(qualifier: str, index: SubjectIndex, sections: set[str], classes: set[str]) -> str | None:
    path = parse_path(qualifier)
    if len(path) != 1:
        return None
    name, level = path[0]
    cands = {c for c in index.candidates(name) if not level or len(c) == LEVELS[level]}
    if len(cands) < 2:
        return None
    in_section = {c for c in cands if len(c) == 7 and c[:5] in sections}
    in_class = {c for c in cands if c[:3] in classes}
    pick = in_section if in_section else (in_class if not any(c[:5] in sections for c in cands) else set())
    return next(iter(pick)) if len(pick) == 1 else None
