"""Is there anything to read on a rendered page? Blank paper and paper printed with nothing but
ruling lines (an empty table: a 决算 often prints the header row of a table it has nothing to put
in, 本单位无政府性基金收支) hold no text, so OCR would spend seconds to find none.

The test works on the rendered image: ink is every pixel darker than ``INK_LEVEL``; a ruling line
is a straight run of ink, horizontal and at least ``ROW_RULE_MIN_INCH`` long (no character stroke
is a quarter inch wide in body text) or vertical and at least ``COLUMN_RULE_MIN_INCH`` long (a
column rule of a one-row table is only a row high; a character's vertical strokes may be as long,
but then its horizontal strokes, curves and dots are left). What is left after removing every pixel
of such a run is the ink that could be text; the page holds nothing to read when that is under
``STRAY_INK_PT2`` points².
A scanned page keeps its speckle and its text, so it is read as before: the test only ever spares
the OCR of pages whose ink is all straight lines.
"""

from __future__ import annotations

from typing import Any

import numpy as np

INK_LEVEL = 200  # a pixel darker than this (0-255 grey) is ink; paper is lighter
ROW_RULE_MIN_INCH = 0.25  # a horizontal run of ink at least this long is a ruling line, not a stroke
COLUMN_RULE_MIN_INCH = 0.1  # a vertical one: a table row is at least this high (7.2 pt)
STRAY_INK_PT2 = 0.5  # less ink than this outside ruling lines (points²: two pixels at 150 dpi): nothing to read


def _in_runs(ink: np.ndarray, length: int) -> np.ndarray:
    """Which pixels lie in a horizontal run of ``ink`` at least ``length`` pixels long (per row:
    windows of ``length`` all-ink pixels found by a cumulative sum, then spread back over the
    pixels each window covers by a second one)."""
    rows, width = ink.shape
    if width < length:
        return np.zeros_like(ink)
    total = np.zeros((rows, width + 1), np.int32)
    np.cumsum(ink, axis=1, out=total[:, 1:])
    full = (total[:, length:] - total[:, :-length]) == length  # window [x, x + length) all ink
    starts = np.zeros((rows, full.shape[1] + 1), np.int32)
    np.cumsum(full, axis=1, out=starts[:, 1:])
    x = np.arange(width)
    lo = np.clip(x - length + 1, 0, full.shape[1])
    hi = np.clip(x + 1, 0, full.shape[1])
    return (starts[:, hi] - starts[:, lo]) > 0  # some full window starts in [x - length + 1, x]


def _grown(mask: np.ndarray) -> np.ndarray:
    """``mask`` and its eight neighbours: the grey fringe a rasteriser puts beside a line, and where
    two lines meet, belongs to the lines."""
    out = mask.copy()
    out[1:, :] |= mask[:-1, :]
    out[:-1, :] |= mask[1:, :]
    wide = out.copy()
    out[:, 1:] |= wide[:, :-1]
    out[:, :-1] |= wide[:, 1:]
    return out


def stray_ink_pt2(image: Any, dpi: int) -> float:
    """Ink of ``image`` (a PIL image rendered at ``dpi``) outside straight ruling lines, in points²."""
    ink = np.asarray(image.convert("L")) < INK_LEVEL
    if not ink.any():
        return 0.0
    rules = _in_runs(ink, max(2, round(ROW_RULE_MIN_INCH * dpi)))
    rules |= _in_runs(ink.T, max(2, round(COLUMN_RULE_MIN_INCH * dpi))).T
    text_ink = ink & ~_grown(rules)
    return float(text_ink.sum()) * (72 / dpi) ** 2


def nothing_to_read(image: Any, dpi: int) -> bool:
    """True for blank paper and for paper holding only ruling lines."""
    return stray_ink_pt2(image, dpi) < STRAY_INK_PT2
