"""The table reader keeps no copy of table-kind or 三公 wordings: they are rows of
seeds/lexicon/table_kinds.csv and three_public_items.csv (string literals in code, docstrings
and comments excepted, are checked)."""

import ast
from pathlib import Path

from loaders.vocab import read_seed

ROOT = Path(__file__).resolve().parents[3]
TABLE_CODE = sorted((ROOT / "loaders" / "extract" / "tables").glob("*.py")) + [
    ROOT / "loaders" / "formats" / name for name in ("text_tables.py", "text_rows.py", "text_columns.py", "text_atoms.py", "text_headers.py")]


def _literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _seed_words() -> set[str]:
    words = set()
    for r in read_seed("table_kinds"):
        for part in r["must"].split("+"):
            words |= {w for w in part.split("|") if "表" in w or "三公" in w}
    for r in read_seed("three_public_items"):
        if r["level"] != "0":  # 合计 is an ordinary word
            words |= {r["item"]} | set(r["header_pattern"].split("|"))
    return words


def test_table_code_has_no_table_kind_or_three_public_literal():
    words = _seed_words()
    assert "支出决算表" in words and "公务接待" in words
    found = [(p.name, line, w) for p in TABLE_CODE for line, lit in _literals(p) for w in words if w in lit]
    assert not found, found
