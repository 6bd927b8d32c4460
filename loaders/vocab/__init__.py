"""The one reader of the project's domain knowledge: every list of metrics, wordings, 三公 items,
column roles, table kinds, code lists and renames lives once, as a CSV under ``seeds/`` (dbt reads
the same files through ``ref()``). Python code asks this package; it never keeps its own copy.

``read_seed("metrics")`` finds ``seeds/metrics.csv`` (or ``seeds/<any sub-folder>/metrics.csv``):
seed names are unique across folders, as dbt requires.
"""

from __future__ import annotations

import csv
import os
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(os.environ.get("JUESUAN_SEEDS") or Path(__file__).resolve().parents[2] / "seeds")


class SeedMissing(FileNotFoundError):
    """A seed the code needs is not in seeds/: the checkout is incomplete."""


@lru_cache(maxsize=None)
def seed_path(name: str) -> Path:
    direct = SEEDS_DIR / f"{name}.csv"
    if direct.is_file():
        return direct
    found = sorted(SEEDS_DIR.rglob(f"{name}.csv"))
    if not found:
        raise SeedMissing(f"seed {name!r} not found under {SEEDS_DIR}")
    return found[0]


@lru_cache(maxsize=None)
def read_seed(name: str) -> tuple[dict[str, str], ...]:
    """The rows of one seed, as read-only dicts of strings (empty cells are '')."""
    with seed_path(name).open(encoding="utf-8", newline="") as fh:
        return tuple(dict(r) for r in csv.DictReader(fh))
