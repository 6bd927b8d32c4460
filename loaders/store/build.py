"""`juesuan build`: dbt build + dbt docs generate on a working copy, then publish."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..config import PROJECT_ROOT
from .warehouse import WaitCallback, WarehouseError, WarehouseMissing, print_to_stderr, working_copy


class BuildFailed(WarehouseError):
    pass


def dbt_command() -> list[str]:
    script = Path(sys.executable).with_name("dbt")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "dbt.cli.main"]


def run_dbt(args: list[str], db_path: Path, project_dir: Path) -> int:
    env = {**os.environ, "JUESUAN_DB": str(db_path), "DBT_PROFILES_DIR": str(project_dir)}
    cmd = dbt_command() + args + ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir)]
    return subprocess.run(cmd, env=env, cwd=project_dir).returncode


def build(db_path: Path, project_dir: Path | None = None, docs: bool = True, publish_on_failure: bool = False,
          on_wait: WaitCallback | None = print_to_stderr, echo=print_to_stderr) -> None:
    """Run dbt against a private copy of the warehouse under the writer lock; publish on success.

    A failing ``dbt build`` (a model or a test with severity error) leaves the published
    warehouse unchanged, unless ``publish_on_failure`` (to inspect what failed); then the
    build is published and BuildFailed is still raised.
    """
    project_dir = Path(project_dir or PROJECT_ROOT)
    if not (project_dir / "dbt_project.yml").exists():
        raise BuildFailed(f"no dbt project at {project_dir} (dbt_project.yml missing)")
    if not Path(db_path).exists():
        raise WarehouseMissing(f"no warehouse yet at {db_path}: run `juesuan load`")
    with working_copy(Path(db_path), on_wait=on_wait, connect=False) as wc:
        wc.checkpoint_file()  # creates the raw schema if the copy predates it
        rc = run_dbt(["build"], wc.path, project_dir)
        if rc != 0 and not publish_on_failure:
            raise BuildFailed(f"dbt build failed (exit code {rc}); the published warehouse is unchanged")
        if docs and rc == 0:
            docs_rc = run_dbt(["docs", "generate"], wc.path, project_dir)
            if docs_rc != 0:
                echo(f"warning: dbt docs generate failed (exit code {docs_rc}); publishing the build anyway")
        wc.checkpoint_file()
    if rc != 0:
        raise BuildFailed(f"dbt build failed (exit code {rc}); published anyway (--publish-on-failure)")
