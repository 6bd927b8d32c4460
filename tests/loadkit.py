"""Helpers shared by the tests that drive `juesuan load` in real subprocesses
(interruption, concurrency): a batch of distinct documents, the load command, and the
number of documents a reader sees in the published warehouse."""

from __future__ import annotations

import sys
from pathlib import Path

from loaders.config import SAMPLES_DIR
from loaders.store.warehouse import WarehouseError, connect_readonly


def make_sample_variants(folder: Path, n: int, tag: str = "doc") -> None:
    """``n`` distinct documents (different bytes, same content) made from the 米易 sample."""
    folder.mkdir(parents=True)
    base = (SAMPLES_DIR / "miyi-2023-land-expropriation-center.txt").read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"{tag}-{i:03d}.txt").write_text(base + f"\n（{tag}第{i}份）\n", encoding="utf-8")


def load_command(folder: Path, db: Path, *extra: str) -> list[str]:
    """`juesuan load` publishing after every document, so a kill keeps its progress."""
    return [sys.executable, "-m", "loaders.cli", "load", str(folder), "--db", str(db), "--quiet",
            "--publish-every", "1", *extra]


def published_documents(db: Path) -> int:
    """Documents in the published warehouse as a reader sees them; 0 before the first publish."""
    try:
        con = connect_readonly(db, retries=0)
    except WarehouseError:
        return 0
    try:
        return con.execute("SELECT count(*) FROM raw.documents").fetchone()[0]
    finally:
        con.close()
