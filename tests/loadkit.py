"""Helpers shared by the tests that drive `juesuan` in real subprocesses (interruption,
concurrency, whole-pipeline warehouses): a batch of distinct documents, the load command, one
`juesuan` run, load + build of a warehouse, and the number of documents a reader sees in the
published warehouse."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from loaders.config import PROJECT_ROOT, SAMPLES_DIR
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


def juesuan(*args: str, timeout: int = 900, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """One `juesuan ARGS` run from the project root, output captured (in ``env``, else this environment)."""
    return subprocess.run([sys.executable, "-m", "loaders.cli", *args], cwd=PROJECT_ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout)


@dataclass(frozen=True)
class BuiltWarehouse:
    path: Path
    build_returncode: int
    build_output: str  # stdout + stderr of `juesuan build` (dbt's log lines and its Done. PASS=… summary)


def load_and_build(inputs: list[Path], db: Path, publish_on_failure: bool = False,
                   env: dict[str, str] | None = None) -> BuiltWarehouse:
    """`juesuan load -q INPUTS` (must succeed) then `juesuan build --no-docs`, in ``env`` (else this
    environment).

    Without ``publish_on_failure`` the build must succeed too; with it a failing build is still
    published (the caller asserts what it needs of the result)."""
    load = juesuan("load", "-q", *map(str, inputs), "--db", str(db), env=env)
    assert load.returncode == 0, load.stdout[-3000:] + load.stderr[-3000:]
    build = juesuan("build", "--no-docs", *(["--publish-on-failure"] if publish_on_failure else []), "--db", str(db),
                    env=env)
    output = build.stdout + build.stderr
    assert db.exists(), output[-4000:]
    assert publish_on_failure or build.returncode == 0, output[-4000:]
    return BuiltWarehouse(db, build.returncode, output)


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
