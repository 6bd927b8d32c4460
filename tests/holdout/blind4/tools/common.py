"""Helpers for writing the blind4 cases (standard library only)."""
import json
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent
CHANGE = {"prior_year_change_abs", "prior_year_change_pct"}


def wlen(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def pad(s, w, right=False):
    gap = " " * max(1, w - wlen(s))
    return gap + s if right else s + gap


def line_with(text, key, nth=0):
    """The (left-stripped) text line holding ``key``: table-row evidence."""
    hits = [ln.strip() for ln in text.split("\n") if key in ln]
    return hits[nth]


def num(v):
    s = str(v).replace(",", "")
    return int(s) if "." not in s else float(s)


def L(metric, value, unit, qualifier, evidence, direction=None, code=None):
    d = {"metric": metric, "value": num(value), "unit": unit}
    if qualifier:
        d["qualifier"] = qualifier
    if direction:
        d["direction"] = direction
    d["evidence"] = evidence
    if code:
        d["subject_code"] = code
    return d


def write(cid, unit, year, text, notes, expected):
    case = {"url": None, "unit": unit, "year": year, "text": text, "notes": notes, "expected": expected}
    (OUT / f"{cid}.json").write_text(json.dumps(case, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
