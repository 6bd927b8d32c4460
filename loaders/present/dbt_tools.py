"""`juesuan test` and `juesuan docs`: dbt's data tests and docs site, safely beside the loaders.

Both run dbt on a private working copy of the warehouse taken under the writer lock (so a load
or a build cannot change the file underneath dbt), and both DISCARD the copy afterwards: testing
or documenting never publishes anything. `docs --serve` then serves the generated site with
`dbt docs serve` bound to 127.0.0.1 only.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from loaders.config import PROJECT_ROOT

__all__ = ["run_tests", "generate_docs", "serve_docs"]


class _Discard(Exception):
    """Raised inside the working copy so that it is thrown away, never published."""


def _on_copy(db_path: Path, args: list[str], on_wait=None) -> int:
    from loaders.store.build import run_dbt
    from loaders.store.warehouse import WarehouseMissing, print_to_stderr, working_copy

    if not Path(db_path).exists():
        raise WarehouseMissing(f"no warehouse yet at {db_path}: run `juesuan load`")
    rc = 0
    try:
        with working_copy(Path(db_path), on_wait=on_wait or print_to_stderr, connect=False) as wc:
            rc = run_dbt(args, wc.path, PROJECT_ROOT)
            raise _Discard
    except _Discard:
        pass
    return rc


def run_tests(db_path: Path, select: str | None = None, on_wait=None) -> int:
    """`dbt test` (data tests and unit tests) against a copy of the warehouse; the exit code."""
    return _on_copy(db_path, ["test", *(["--select", select] if select else [])], on_wait)


def generate_docs(db_path: Path, on_wait=None) -> int:
    """`dbt docs generate` into target/ (the catalog read from a copy of the warehouse)."""
    return _on_copy(db_path, ["docs", "generate"], on_wait)


def serve_docs(port: int = 8080) -> int:
    """`dbt docs serve` on 127.0.0.1 only, no browser opened; blocks until interrupted."""
    from loaders.store.build import dbt_command

    cmd = dbt_command() + ["docs", "serve", "--host", "127.0.0.1", "--port", str(port), "--no-browser",
                           "--project-dir", str(PROJECT_ROOT), "--profiles-dir", str(PROJECT_ROOT)]
    return subprocess.run(cmd, cwd=PROJECT_ROOT).returncode
