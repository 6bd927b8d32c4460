"""Check the blind4 cases: JSON loads, text length, metric names, evidence, values, directions.

    python3 tests/holdout/blind4/tools/verify.py      (from the worktree root)
"""
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT))
from loaders.numbers import value_in_evidence  # noqa: E402  (the project's own number parser)

HERE = Path(__file__).resolve().parent.parent


def metrics_of(path):
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("| ") and not line.startswith("| ---"):
            for name in line.split("|")[1].split(","):
                name = name.strip().strip("`")
                if re.fullmatch(r"[a-z_]+", name):
                    out.add(name)
    return out


shared = metrics_of(Path("/work/wt/shared/FACTS.md"))
generated = metrics_of(ROOT / "docs" / "FACTS.md")
known = shared | generated
CHANGE = {"prior_year_change_abs", "prior_year_change_pct"}
UNITS = {"万元", "元", "亿元", "%", "辆", "批次", "人次", "个", "人", "名", "分", "平方米"}
problems, per_metric, only_generated = [], Counter(), Counter()
cases = sorted(HERE.glob("c4*.json"))
for p in cases:
    c = json.loads(p.read_text(encoding="utf-8"))
    assert set(c) == {"url", "unit", "year", "text", "notes", "expected"}, p
    t = c["text"]
    if not 600 <= len(t) <= 1500:
        problems.append(f"{p.name}: text length {len(t)}")
    if c["url"] is not None or not c["notes"] or not (2015 <= c["year"] <= 2024):
        problems.append(f"{p.name}: url/notes/year")
    seen = set()
    for e in c["expected"]:
        m = e["metric"]
        per_metric[m] += 1
        if m not in known:
            problems.append(f"{p.name}: unknown metric {m}")
        elif m not in shared:
            only_generated[m] += 1
        if e["evidence"] not in t:
            problems.append(f"{p.name}: evidence not in text: {e['evidence']!r}")
        if not value_in_evidence(e["value"], e["evidence"]):
            problems.append(f"{p.name}: value {e['value']} not in evidence {e['evidence']!r}")
        if (m in CHANGE) != ("direction" in e) or e.get("direction", "increase") not in ("increase", "decrease"):
            problems.append(f"{p.name}: direction on {m}")
        if e["unit"] not in UNITS:
            problems.append(f"{p.name}: unit {e['unit']}")
        if "subject_code" in e and not re.fullmatch(r"\d{3}(\d{2}){0,2}", e["subject_code"]):
            problems.append(f"{p.name}: subject_code {e['subject_code']}")
        key = (m, e["value"], e["unit"], e.get("qualifier"), e["evidence"])
        if key in seen:
            problems.append(f"{p.name}: duplicate label {key}")
        seen.add(key)
    print(f"{p.stem}: {len(t)} chars, {len(c['expected'])} labels, {c['unit']} {c['year']}")
print(f"{len(cases)} cases, {sum(per_metric.values())} labels, {len(problems)} problems")
for m, n in sorted(per_metric.items(), key=lambda x: (-x[1], x[0])):
    print(f"  {m:32s} {n}")
if only_generated:
    print("metrics only in docs/FACTS.md (generated vocabulary):", dict(only_generated))
for pr in problems:
    print("PROBLEM", pr)
sys.exit(1 if problems else 0)
