"""Domain knowledge lives once, in seeds/: no 三公 item, vehicle kind, 功能分类 类 name or metric
wording (the literal alternatives of seeds/lexicon/metric_wordings.csv) appears as a string literal
in code. Comments and docstrings may name them (they document); code must ask loaders.vocab.

Scope: the files this branch owns. The lead extends SCANNED after merging the other branches:
- loaders/extract/tables*.py: h9tables (one table reader, column roles and table kinds as seeds);
- loaders/extract/prose_rows.py, prose_flat.py: h9tables deletes them (text tables become blocks);
- models/intermediate/int_dq_checks_evaluated.sql: h11dq rewrites it into models/quality/;
- models/marts/dim_economic_subject.sql: h9marts (基本支出分组 from a seed);
- loaders/store/status.py: h12store (its metric-family prefixes should read seeds/metrics.csv);
- notebooks/: the metric labels are read from the seed (METRIC_LABELS); the Chinese prose of say()
  messages names items as text, so notebooks are not scanned."""

from __future__ import annotations

import io
import re
import subprocess
import tokenize
from pathlib import Path

import pytest

from loaders.vocab import SeedMissing, read_seed

REPO = Path(__file__).resolve().parents[2]

SCANNED_PY = [
    "loaders/extract/prose",
    "loaders/extract/__init__.py",
    "loaders/extract/subjects.py",
    "loaders/extract/regions.py",
    "loaders/vocab",
    "loaders/evaluation.py",
]
SCANNED_SQL = ["models", "macros"]
EXCLUDED = {
    "models/intermediate/int_dq_checks_evaluated.sql",  # h11dq
    "models/marts/dim_economic_subject.sql",  # h9marts
}
_META = re.compile(r"[\\()\[\]?*+{}^$.|]")


def _literal_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern that are plain text (no regex syntax)."""
    out, depth, cur = [], 0, ""
    for ch in pattern:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [a for a in out if a and not _META.search(a)]


def _seed_rows(name: str) -> tuple[dict[str, str], ...]:
    try:
        return read_seed(name)
    except SeedMissing:
        return ()


def forbidden() -> set[str]:
    words = {r["item"] for r in _seed_rows("three_public_items") if r["level"] != "0"}
    words |= {r["kind"] for r in _seed_rows("vehicle_kinds")}
    words |= {r["name"] for r in _seed_rows("function_class_names")}
    words |= {a for r in _seed_rows("metric_wordings") for a in _literal_alternatives(r["pattern"]) if len(a) >= 4}
    words |= {r["income_line"] for r in _seed_rows("income_lines")}
    words |= {r.get("pattern", "") for r in _seed_rows("table_kinds") if len(r.get("pattern", "")) >= 4}  # h9tables
    return {w for w in words if w}


def _files(paths: list[str], suffix: str) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "--", *paths], cwd=REPO, capture_output=True, text=True, check=True)
    return [REPO / p for p in out.stdout.split() if p.endswith(suffix) and p not in EXCLUDED]


def _python_literals(path: Path) -> list[tuple[int, str]]:
    src = path.read_text(encoding="utf-8")
    out, prev = [], None
    for tok in tokenize.generate_tokens(io.StringIO(src).readline):
        if tok.type == tokenize.STRING:
            docstring = prev in (None, tokenize.INDENT, tokenize.NEWLINE, tokenize.DEDENT) and tok.string.lstrip("rbuf").startswith(('"""', "'''"))
            if not docstring:
                out.append((tok.start[0], tok.string))
        if tok.type not in (tokenize.NL, tokenize.COMMENT):
            prev = tok.type
    return out


def _sql_literals(path: Path) -> list[tuple[int, str]]:
    out = []
    for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        code = re.sub(r"--.*$", "", line)
        out += [(no, s) for s in re.findall(r"'[^']*'", code)]
    return out


def test_the_forbidden_list_comes_from_the_seeds():
    words = forbidden()
    assert "因公出国（境）费" in words and "公务接待费" in words and "轿车" in words and "本年收入合计" in words


@pytest.mark.parametrize("kind", ["py", "sql"])
def test_no_domain_literal_in_code(kind):
    words = forbidden()
    files = _files(SCANNED_PY, ".py") if kind == "py" else _files(SCANNED_SQL, ".sql")
    assert files
    hits = []
    for path in files:
        for no, lit in (_python_literals(path) if kind == "py" else _sql_literals(path)):
            hits += [f"{path.relative_to(REPO)}:{no}: {w}" for w in words if w in lit]
    assert not hits, "\n".join(hits)
