"""Helpers for writing the blind9 cases (standard library only)."""
import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent

FW = str.maketrans("0123456789.%-", "０１２３４５６７８９．％－")


def fw(s):
    """ASCII digits, '.', '%' and '-' as full-width characters (d910)."""
    return s.translate(FW)


def num(s):
    """A printed number (separators removed, full-width folded) as a JSON number."""
    s = str(s).replace(",", "").translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    return float(s) if "." in s else int(s)


def L(metric, value, unit, qualifier, evidence, direction=None, code=None):
    d = {"metric": metric, "value": num(value), "unit": unit}
    if qualifier is not None:
        d["qualifier"] = qualifier
    if direction is not None:
        d["direction"] = direction
    d["evidence"] = evidence
    if code is not None:
        d["subject_code"] = code
    return d


def change(value_abs, value_pct, unit, qualifier, ev_abs, ev_pct, direction):
    """The labels of one prior-year change (amount and/or percent; None = not printed)."""
    out = []
    if value_abs is not None:
        out.append(L("prior_year_change_abs", value_abs, unit, qualifier, ev_abs, direction=direction))
    if value_pct is not None:
        out.append(L("prior_year_change_pct", value_pct, "%", qualifier, ev_pct, direction=direction))
    return out


def write(case_id, unit, year, text, notes, expected):
    case = {"url": None, "unit": unit, "year": year, "text": text, "notes": notes, "expected": expected}
    missing = [e["evidence"] for e in expected if e["evidence"] not in text]
    if missing:
        raise SystemExit(f"{case_id}: evidence not in text: {missing}")
    (OUT / f"{case_id}.json").write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{case_id}: {len(text)} chars, {len(expected)} labels")
    return case
