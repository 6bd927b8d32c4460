"""Stable colours: a unit (by its unit_id) and a 功能分类 类 (by its code) keep their colour in
every chart and every report, whatever else is loaded.

The colour is a hash of the key into a fixed palette, never the position in a sorted list, so
adding a third unit never repaints the first two. Two keys may share a colour (the palette is
finite); within one chart the legend still tells them apart.
"""

from __future__ import annotations

import hashlib
from typing import Iterable, Sequence

import altair as alt

__all__ = ["PALETTE", "colour_for", "scale_for"]

# 20 distinguishable colours (Tableau 20 order interleaved so neighbours differ in hue)
PALETTE: tuple[str, ...] = (
    "#4c78a8", "#f58518", "#54a24b", "#e45756", "#72b7b2", "#eeca3b", "#b279a2", "#ff9da6",
    "#9d755d", "#79706e", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
    "#17becf", "#bcbd22", "#aec7e8", "#ffbb78",
)


def colour_for(key: str, kind: str = "unit") -> str:
    """The colour of one unit id (kind 'unit') or one 类 code (kind 'class')."""
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
