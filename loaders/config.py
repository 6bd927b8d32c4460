"""Where things live. The warehouse path comes from --db, else JUESUAN_DB, else the default."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "warehouse" / "juesuan.duckdb"
SAMPLES_DIR = PROJECT_ROOT / "data" / "samples"
SEEDS_DIR = PROJECT_ROOT / "seeds"


def text_samples() -> list[Path]:
    """The embedded demo corpus's text documents (``data/samples`` .txt / .md), in name order;
    none when the folder is absent (an installed package)."""
    return sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix in (".txt", ".md")) if SAMPLES_DIR.is_dir() else []


def warehouse_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).resolve()
    env = os.environ.get("JUESUAN_DB")
    return Path(env).resolve() if env else DEFAULT_DB
