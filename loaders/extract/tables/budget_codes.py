"""The 功能分类 code of a 预算 table row, from what the text layer kept of it.

Codes come as one cell (`2010601`, `201 06 01`), split into 类/款/项 columns, or with digits
dropped by the text layer (`7 11 02` for `210 11 02`). The code printed is checked against the
printed name (seeds/function_subjects.csv): when they disagree, or the code is broken, the code
is rebuilt from the rows above (the current 类/款) and the name, and kept only if they agree.
``how`` records which way the code was obtained."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..subjects import function_index, key, resolve

PRINTED = "printed"  # the code as printed agrees with the name (or the name is not in the list)
CONTEXT = "context"  # rebuilt from the 类/款 of the rows above and the printed 款/项 digits
BY_NAME = "name"  # the printed code disagreed with the name; the name under the current 类 decided


@dataclass(frozen=True)
class CodeReading:
    code: str | None
    how: str | None


def _parts(cells: list[str]) -> list[str]:
    out: list[str] = []
    for c in cells:
        out += c.split()
    return out


def _join(parts: list[str]) -> str | None:
    if not parts:
        return None
    if len(parts) == 1 and re.fullmatch(r"2\d{2}(?:\d{2}){0,2}", parts[0]):
        return parts[0]
    if re.fullmatch(r"2\d{2}", parts[0]) and all(re.fullmatch(r"\d{2}", p) for p in parts[1:]) and len(parts) <= 3:
        return "".join(parts)
    return None


def _agrees(code: str, name: str) -> bool | None:
    """True / False when the list knows the code; None when it does not."""
    idx = function_index()
    known = idx.by_code.get(code)
    if known is None:
        return None
    return code in idx.candidates(name) or key(known[1]) == key(name)


def read_code(cells: list[str], name: str, state: dict) -> CodeReading:
    parts = _parts(cells)
    printed = _join(parts)
    reading = CodeReading(None, None)
    if printed is not None and _agrees(printed, name) is not False:
        reading = CodeReading(printed, PRINTED)
    else:
        prefix = state.get("kuan") if len(parts) >= 3 or (printed and len(printed) == 7) else state.get("class")
        tail = [p for p in parts[1:] if re.fullmatch(r"\d{2}", p)]
        rebuilt = None
        if state.get("class") and parts and tail:
            rebuilt = state["class"] + "".join(tail)
        if rebuilt and len(rebuilt) in (5, 7) and _agrees(rebuilt, name) is not False:
            reading = CodeReading(rebuilt, CONTEXT)
        elif prefix:
            by_name = resolve(name)
            if by_name and by_name.startswith(prefix):
                reading = CodeReading(by_name, BY_NAME)
    if reading.code:
        if len(reading.code) == 3:
            state["class"], state["kuan"] = reading.code, None
        elif len(reading.code) == 5:
            state["class"], state["kuan"] = reading.code[:3], reading.code
    return reading


def subject_code_of(cells: list[str], name: str, state: dict) -> str | None:
    reading = read_code(cells, name, state)
    state.setdefault("how", []).append((name, reading.code, reading.how))
    return reading.code
