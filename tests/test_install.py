"""A quiet install: no setuptools licence banner or other build warning (issue 14). The test runs
the same editable install the Makefile runs (dry run, no dependencies) and greps its log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_editable_install_prints_no_warnings(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--dry-run", "-e", str(REPO)],
        capture_output=True, text=True, cwd=tmp_path, timeout=900,
    )
    log = r.stdout + r.stderr
    (tmp_path / "install.log").write_text(log)
    assert r.returncode == 0, log
    for word in ("deprecat", "license", "licence", "warning"):
        assert word not in log.lower(), log
