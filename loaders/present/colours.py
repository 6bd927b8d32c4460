"""Stable colours: a unit (by its unit_id) and a 功能分类 类 (by its code) keep their colour in
every chart and every report, whatever else is loaded.

The colour is a hash of the key into a fixed palette, never the position in a sorted list, so
adding a third unit never repaints the first two. Two keys may share a colour (the palette is
finite); within one chart the legend still tells them apart.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Iterable, Sequence

import altair as alt

__all__ = ["PALETTE", "CLASS_PALETTE", "colour_for", "scale_for"]

# 12 saturated colours with clearly different hues (no greys, browns or pastels, which read as
# "missing" or "derived" next to the pale bars of 推算值)
PALETTE: tuple[str, ...] = (
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b",
    "#b279a2", "#9467bd", "#e377c2", "#17becf", "#bcbd22", "#393b79",
)


# 类 take their colour from their place in the official code list (seeds/function_subjects.csv),
# which does not depend on what is loaded; neighbouring codes get far-apart hues (a step of 7
# through 20 colours), and two 类 share a colour only when 20 codes apart in the list
CLASS_PALETTE: tuple[str, ...] = PALETTE + (
    "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd", "#e6550d", "#31a354", "#de9ed6",
)


@lru_cache(maxsize=1)
def _class_codes() -> dict[str, int]:
    try:
        from loaders.vocab import read_seed

        codes = sorted({r["code"] for r in read_seed("function_subjects") if r.get("level") == "类"})
    except (ImportError, FileNotFoundError):
        codes = []
    return {c: i for i, c in enumerate(codes)}


def colour_for(key: str, kind: str = "unit") -> str:
    """The colour of one unit id (kind 'unit': a hash into PALETTE), one 类 code (kind 'class':
    its place in the code list), or any other key of a kind (a hash)."""
    if kind == "class" and key in _class_codes():
        return CLASS_PALETTE[(_class_codes()[key] * 7) % len(CLASS_PALETTE)]
    digest = hashlib.sha256(f"{kind}:{key}".encode("utf-8")).digest()
    return PALETTE[int.from_bytes(digest[:4], "big") % len(PALETTE)]


def scale_for(pairs: Iterable[tuple[str, str]] | Sequence[tuple[str, str]], kind: str = "unit") -> alt.Scale:
    """A colour scale over (key, label) pairs: domain = the labels shown in the legend, range =
    each key's own colour. Labels repeated under one key are listed once."""
    domain: list[str] = []
    colours: list[str] = []
    for key, label in pairs:
        if label in domain:
            continue
        domain.append(label)
        colours.append(colour_for(str(key), kind))
    return alt.Scale(domain=domain, range=colours)
