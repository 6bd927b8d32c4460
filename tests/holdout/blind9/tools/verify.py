"""Check the blind9 cases. Run from the repository root:

    PYTHONPATH=. python3 tests/holdout/blind9/tools/verify.py

Metric names, and whether a metric takes a qualifier, are read from /work/shared/FACTS.md ONLY (the
'## Metrics' table: a metric whose qualifier cell is empty or 'optional' must carry no qualifier).
Standard library plus loaders.numbers (value_in_evidence, is_approximate, NUMBER_RE); falls back to
a local NFKC number scan, with a warning, if that import fails."""
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


def metric_table():
    """{metric: qualifier cell} from the table under '## Metrics' of the shared FACTS.md."""
    out, in_metrics = {}, False
    for line in SHARED_FACTS.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            in_metrics = line.strip() == "## Metrics"
            continue
        if not in_metrics or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] in ("metric", "") or set(cells[0]) <= set("- "):
            continue
        for name in re.split(r"\s*,\s*", cells[0]):
            if re.fullmatch(r"[a-z_]+", name):
                out[name] = cells[-1]
    return out


def no_qualifier(cell):
    return cell.strip().strip("`").lower() in ("", "optional")


KEYS = {"url", "unit", "year", "text", "notes", "expected"}
LABEL_KEYS = {"metric", "value", "unit", "qualifier", "direction", "evidence", "subject_code"}
CHANGE = {"prior_year_change_abs", "prior_year_change_pct"}
UNITS = {"万元", "元", "%", "分", "辆", "批次", "人次", "人", "名", "个", "次", "万亩", "公里", "户"}


def main():
    table = metric_table()
    if len(table) < 50:
        print(f"PROBLEM: only {len(table)} metric names read from {SHARED_FACTS}")
        return 1
    problems, n_labels, files = [], 0, sorted(CASES.glob("d9*.json"))
    used = {}
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
        if not (isinstance(case["year"], int) and 2015 <= case["year"] <= 2026):
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
            m = lab.get("metric")
            used[m] = used.get(m, 0) + 1
            where = f"{cid}#{i} {m} {lab.get('value')}"
            for k in ("metric", "value", "unit", "evidence"):
                if k not in lab:
                    problems.append(f"{where}: missing {k}")
            if set(lab) - LABEL_KEYS:
                problems.append(f"{where}: unexpected keys {sorted(set(lab) - LABEL_KEYS)}")
            if m not in table:
                problems.append(f"{where}: metric not in /work/shared/FACTS.md")
            elif no_qualifier(table[m]) and "qualifier" in lab:
                problems.append(f"{where}: FACTS.md gives {m} no qualifier, label has {lab['qualifier']!r}")
            elif not no_qualifier(table[m]) and "qualifier" not in lab and m not in ("vehicle_count", "reception_batches", "reception_persons"):
                problems.append(f"{where}: {m} takes a qualifier, label has none")
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
                    problems.append(f"{where}: evidence occurs {text.count(ev)} times in the text")
                v = abs(Decimal(str(lab["value"])))
                folded = unicodedata.normalize("NFKC", ev)
                hits = [h for h in NUMBER_RE.finditer(folded) if abs(Decimal(h.group().replace(",", ""))) == v]
                if hits and all(is_approximate(folded, h.start(), h.end()) for h in hits):
                    problems.append(f"{where}: value printed only as approximate in {ev!r}")
            is_change = m in CHANGE
            if is_change and lab.get("direction") not in ("increase", "decrease"):
                problems.append(f"{where}: change label without direction")
            if not is_change and "direction" in lab:
                problems.append(f"{where}: direction on a non-change label")
            if (m or "").endswith("_pct") and lab.get("unit") != "%":
                problems.append(f"{where}: percentage metric with unit {lab.get('unit')!r}")
            if "subject_code" in lab:
                code = str(lab["subject_code"])
                if not re.fullmatch(r"\d{3}(?:\d{2}){0,2}", code):
                    problems.append(f"{where}: subject_code {code!r}")
                if code not in re.sub(r"\s", "", ev):
                    problems.append(f"{where}: subject_code not printed in the evidence (whitespace removed)")
            key = (m, str(lab.get("value")), lab.get("unit"), lab.get("qualifier"), ev)
            if key in seen:
                problems.append(f"{where}: duplicate label")
            seen.add(key)
    for p in problems:
        print("PROBLEM", p)
    unused = sorted(set(table) - set(used))
    print(f"{len(files)} cases, {n_labels} labels, {len(problems)} problems "
          f"({len(table)} metric names from {SHARED_FACTS}; {len(used)} used"
          + (f"; not used: {', '.join(unused)}" if unused else "") + ")")
    if "-v" in sys.argv:
        for m, n in sorted(used.items(), key=lambda x: (-x[1], x[0])):
            print(f"  {m:32s} {n}")
    return 1 if problems or len(files) != 12 else 0


if __name__ == "__main__":
    sys.exit(main())
