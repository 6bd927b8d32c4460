"""The 预算 table reader's vocabulary and geometry: table kinds and column roles from the seeds
(budget_table_kinds, budget_columns), header paths over multi-level headers, data rows, and
the ``TableRead`` a reader of ``budget.py`` works on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ...model import Cell, Fact, ParsedDocument
from ...numbers import parse_number
from ...vocab import read_seed
from ...vocab.metrics import labels_for
from ...vocab.tables import title_words
from .budget_codes import BY_NAME, CONTEXT, PRINTED
from .facts import make_fact
from .grid import Grid, nfkc

CODE_CELL_RE = re.compile(r"^\d{2,3}(?:\s+\d{1,2}){0,2}$|^\d{5}$|^\d{7}$")
MAX_FURNITURE_CHARS = 40
# caption cells inside a table's first rows: its title, 部门：…, 单位：万元 (or 单位：万 / 元 split)
CAPTION_CELL_RE = re.compile(r"预算(?:总)?表|[:：]|^(?:万?元|万)$")


@lru_cache(maxsize=1)
def _title_re() -> re.Pattern[str]:
    """A 预算 table title: a line ending in a budget title word (seeds/lexicon/table_kinds.csv,
    scope budget_suffix), or naming the 三公 table (seeds/lexicon/budget_table_kinds.csv)."""
    three_public = next(r["title_all"] for r in read_seed("budget_table_kinds") if r["kind"] == "three_public")
    return re.compile(rf"[^\n]*?(?:{title_words('budget_suffix')}|{re.escape(three_public)}[^\n]{{0,20}}表)")


@dataclass(frozen=True)
class Kind:
    kind: str
    reader: str
    metrics: dict[str, str]


@dataclass(frozen=True)
class Role:
    role: str
    qualifier: str


@lru_cache(maxsize=1)
def _kinds() -> tuple[tuple[tuple[str, ...], tuple[str, ...], Kind], ...]:
    out = []
    for r in read_seed("budget_table_kinds"):
        metrics = {k[: -len("_metric")]: v for k, v in r.items() if k.endswith("_metric") and v}
        split = lambda s: tuple(w for w in s.split(";") if w)  # noqa: E731
        out.append((split(r["title_all"]), split(r["title_none"]), Kind(r["kind"], r["reader"], metrics)))
    return tuple(out)


@lru_cache(maxsize=1)
def _roles() -> dict[str, tuple[tuple[re.Pattern[str], Role], ...]]:
    out: dict[str, list[tuple[re.Pattern[str], Role]]] = {}
    for r in read_seed("budget_columns"):
        out.setdefault(r["reader"], []).append((re.compile(r["pattern"]), Role(r["role"], r["qualifier"])))
    return {k: tuple(v) for k, v in out.items()}


def fold(text: str) -> str:
    s = nfkc(text or "")
    return re.sub(r"[\s“”\"'‘’「」]", "", s)


def role_of(reader: str, label: str, allowed: frozenset[str] | None = None) -> Role | None:
    s = fold(label)
    for pattern, role in _roles().get(reader, ()):
        if (allowed is None or role.role in allowed) and pattern.search(s):
            return role
    return None


# subject_code_origin values (loaders.extract.subjects): a code rebuilt from the rows above comes
# from the document itself
ORIGIN_OF_READING = {PRINTED: "printed", CONTEXT: "document", BY_NAME: "name"}
# one name per single-value fact: the metric's label in seeds/metrics.csv (合计 for the total)
TOTAL_QUALIFIERS = {"total": "合计", **{role: labels_for(f"expense_{role}")[f"expense_{role}"] for role in ("basic", "project")}}
COLUMN_ROLES = frozenset({"total", "basic", "project", "code", "name"})


def kind_of_title(title: str) -> Kind | None:
    t = fold(title)
    for must, must_not, kind in _kinds():
        if all(w in t for w in must) and not any(w in t for w in must_not):
            return kind
    return None


def _number(cell: Cell, codes_possible: bool = False) -> Decimal | None:
    """The amount in a cell; where codes can stand (before the name in a 功能分类 row) a bare
    2–3 digit or 5/7 digit number is a code, not an amount."""
    t = cell.text.strip()
    if not t or codes_possible and CODE_CELL_RE.match(t) and "," not in t:
        return None
    return parse_number(t)


def _x(cell: Cell) -> tuple[float, float] | None:
    b = cell.location.bbox
    return (b[0], b[2]) if b else None


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def header_path(grid: Grid, header_rows: list[int], cell: Cell) -> str:
    return "".join(header_parts(grid, header_rows, cell))


def header_parts(grid: Grid, header_rows: list[int], cell: Cell) -> list[str]:
    """The header texts printed above a cell, top to bottom: by x overlap when cells have
    boxes, else the same column."""
    parts: list[str] = []
    xc = _x(cell)
    for r in header_rows:
        best: tuple[float, str] | None = None
        for h in grid.rows[r]:
            t = h.text.strip()
            if not t or CAPTION_CELL_RE.search(fold(t)):
                continue
            xh = _x(h)
            if xc and xh:
                ov = _overlap(xc, xh)
                if ov > 0 and (best is None or ov > best[0]):
                    best = (ov, t)
            elif h.col == cell.col:
                best = (1.0, t)
        if best:
            parts.append(best[1])
    return parts


def column_role(reader: str, parts: list[str]) -> Role | None:
    """Role of a column from its deepest header part that has one (支出预算 / 合计 -> 合计)."""
    for i in range(len(parts) - 1, -1, -1):
        role = role_of(reader, "".join(parts[i:]), COLUMN_ROLES)
        if role:
            return role
    return None


def _data_rows(grid: Grid, codes_possible: bool = False) -> list[int]:
    """Rows holding an amount (a number after the row's name, or one that cannot be a code)."""
    out = []
    for r, row in enumerate(grid.rows):
        named = False
        for c in row:
            if _number(c, codes_possible and not named) is not None:
                out.append(r)
                break
            named = named or bool(re.search(r"[\u4e00-\u9fff]", c.text))
    return out


@dataclass
class TableRead:
    doc: ParsedDocument
    grid: Grid
    kind: Kind
    unit: str

    def fact(self, metric: str, cell: Cell, label: Cell | None = None, qualifier: str | None = None,
             code: str | None = None) -> Fact:
        return make_fact(self.doc, metric, cell, self.unit, label_cell=label, qualifier=qualifier, subject_code=code)
