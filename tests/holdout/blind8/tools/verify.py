"""Check the blind8 cases. Run from the repository root:

    PYTHONPATH=. python3 tests/holdout/blind8/tools/verify.py

Metric names are read from /work/shared/FACTS.md ONLY (the '## Metrics' table); docs/FACTS.md is
deliberately not consulted. Standard library plus loaders.numbers (value_in_evidence,
is_approximate, NUMBER_RE); falls back to a local NFKC number scan, with a warning, if that import
fails."""
import json
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
CASES = HERE.parent
ROOT = CASES.parents[2]
SHARED_FACTS = Path("/work/shared/FACTS.md")
sys.path.insert(0, str(ROOT))

try:
    from loaders.numbers import NUMBER_RE, is_approximate, value_in_evidence
except Exception as exc:  # pragma: no cover - only without the package
    print(f"WARNING: cannot import loaders.numbers ({exc!r}); using a local check", file=sys.stderr)
    NUMBER_RE = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")

    def value_in_evidence(value, evidence):
        v = abs(Decimal(str(value)))
        s = unicodedata.normalize("NFKC", evidence)
        return any(abs(Decimal(m.group().replace(",", "").replace("−", "-"))) == v for m in NUMBER_RE.finditer(s))

    def is_approximate(text, start, end):
        return bool(re.search(r"(约|近|逾|超过)\s*$", text[max(0, start - 4):start])
                    or re.match(r"\s*(余|多|左右|上下)", text[end:end + 3]))


def metric_names():
    """Metric names of the shared vocabulary: first cells of the table under '## Metrics'."""
    names, in_metrics = set(), False
    for line in SHARED_FACTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_metrics = line.strip() == "## Metrics"
            continue
        if not in_metrics:
            continue
        m = re.match(r"\|\s*([a-z_]+(?:\s*,\s*[a-z_]+)*)\s*\|", line)
        if m and m.group(1) != "metric":
            names |= {x.strip() for x in m.group(1).split(",")}
    return names


KEYS = {"url", "unit", "year", "text", "notes", "expected"}
LABEL_KEYS = {"metric", "value", "unit", "qualifier", "direction", "evidence", "subject_code"}
CHANGE = {"prior_year_change_abs", "prior_year_change_pct"}
UNITS = {"万元", "元", "百元", "亿元", "%", "分", "辆", "批次", "人次", "人", "名", "个", "次",
         "万亩", "公里", "元/亩", "公斤", "户"}


def main():
    metrics = metric_names()
    if len(metrics) < 50:
        print(f"PROBLEM: only {len(metrics)} metric names read from {SHARED_FACTS}")
        return 1
    problems, n_labels, files = [], 0, sorted(CASES.glob("d8*.json"))
    repeated = 0
    for path in files:
        cid = path.stem
        try:
            case = json.loads(path.read_text(encoding="utf-8"))
        except Exception as exc:
            problems.append(f"{cid}: does not load: {exc}")
            continue
        if set(case) != KEYS:
            problems.append(f"{cid}: keys {sorted(case)}")
            continue
        if case["url"] is not None:
            problems.append(f"{cid}: url is not null")
        if not (isinstance(case["year"], int) and 2015 <= case["year"] <= 2025):
            problems.append(f"{cid}: year {case['year']!r}")
        if not case["unit"] or case["unit"] not in case["text"]:
            problems.append(f"{cid}: unit name not in the text")
        if not case["notes"]:
            problems.append(f"{cid}: no notes")
        text = case["text"]
        if not 600 <= len(text) <= 1500:
            problems.append(f"{cid}: text length {len(text)}")
        if not case["expected"]:
            problems.append(f"{cid}: no labels")
        seen = set()
        for i, lab in enumerate(case["expected"]):
            n_labels += 1
            where = f"{cid}#{i} {lab.get('metric')} {lab.get('value')}"
            for k in ("metric", "value", "unit", "evidence"):
                if k not in lab:
                    problems.append(f"{where}: missing {k}")
            if set(lab) - LABEL_KEYS:
                problems.append(f"{where}: unexpected keys {sorted(set(lab) - LABEL_KEYS)}")
            if lab.get("metric") not in metrics:
                problems.append(f"{where}: metric not in /work/shared/FACTS.md")
            if lab.get("unit") not in UNITS:
                problems.append(f"{where}: unit {lab.get('unit')!r}")
            if isinstance(lab.get("value"), bool) or not isinstance(lab.get("value"), (int, float)):
                problems.append(f"{where}: value is not a JSON number")
            if "qualifier" in lab and not (isinstance(lab["qualifier"], str) and lab["qualifier"]):
                problems.append(f"{where}: empty qualifier")
            ev = lab.get("evidence", "")
            if not ev or ev not in text:
                problems.append(f"{where}: evidence not a substring of text")
            elif not value_in_evidence(lab.get("value"), ev):
                problems.append(f"{where}: value not in evidence {ev!r}")
            else:
                if text.count(ev) > 1:
                    repeated += 1
                    problems.append(f"{where}: evidence occurs {text.count(ev)} times in the text")
                v = abs(Decimal(str(lab["value"])))
                folded = unicodedata.normalize("NFKC", ev)
                hits = [m for m in NUMBER_RE.finditer(folded) if abs(Decimal(m.group().replace(",", ""))) == v]
                if hits and all(is_approximate(folded, m.start(), m.end()) for m in hits):
                    problems.append(f"{where}: value printed only as approximate in {ev!r}")
            is_change = lab.get("metric") in CHANGE
            if is_change and lab.get("direction") not in ("increase", "decrease"):
                problems.append(f"{where}: change label without direction")
            if not is_change and "direction" in lab:
                problems.append(f"{where}: direction on a non-change label")
            if lab.get("metric", "").endswith("_pct") and lab.get("unit") != "%":
                problems.append(f"{where}: percentage metric with unit {lab.get('unit')!r}")
            if "subject_code" in lab:
                code = str(lab["subject_code"])
                if not re.fullmatch(r"\d{3}(?:\d{2}){0,2}", code):
                    problems.append(f"{where}: subject_code {code!r}")
                if code not in re.sub(r"\s", "", ev):
                    problems.append(f"{where}: subject_code not printed in the evidence (whitespace removed)")
            key = (lab.get("metric"), str(lab.get("value")), lab.get("unit"), lab.get("qualifier"), ev)
            if key in seen:
                problems.append(f"{where}: duplicate label")
            seen.add(key)
    for p in problems:
        print("PROBLEM", p)
    print(f"{len(files)} cases, {n_labels} labels, {len(problems)} problems "
          f"({len(metrics)} metric names from {SHARED_FACTS}; {repeated} evidences occur more than once in their text)")
    return 1 if problems or len(files) != 12 else 0


if __name__ == "__main__":
    sys.exit(main())
