"""Generate docs/FACTS.md from seeds/metrics.csv and docs/FACTS.template.md.

    python -m loaders.vocab.facts_doc           # rewrite docs/FACTS.md
    python -m loaders.vocab.facts_doc --check   # exit 1 when docs/FACTS.md is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import SEEDS_DIR
from .metrics import FAMILY_ORDER, metrics

DOCS = SEEDS_DIR.parent / "docs"
TEMPLATE = DOCS / "FACTS.template.md"
TARGET = DOCS / "FACTS.md"


def _cell(s: str) -> str:
    return s.replace("|", "\\|")


def metrics_section() -> str:
    by_family: dict[str, list] = {}
    for m in metrics().values():
        by_family.setdefault(m.family, []).append(m)
    parts = []
    for fam in sorted(by_family, key=lambda f: FAMILY_ORDER.index(f) if f in FAMILY_ORDER else len(FAMILY_ORDER)):
        parts.append(f"### {fam}\n\n| metric | label | meaning (source wording) | qualifier | mart |\n"
                     "| --- | --- | --- | --- | --- |")
        for m in by_family[fam]:
            marts = ", ".join(x for x in m.marts if x and x != "none") or "—"
            parts.append(f"| {m.name} | {_cell(m.label_zh)} | {_cell(m.meaning)} | {_cell(m.qualifier_note)} | {marts} |")
        parts.append("")
    return "\n".join(parts).rstrip("\n")


def render() -> str:
    return TEMPLATE.read_text(encoding="utf-8").replace("{{metrics}}", metrics_section())


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if "--check" in args:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is stale: run `make docs`", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
