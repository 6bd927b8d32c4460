"""`juesuan build`: dbt build + dbt docs generate on a private copy of the catalog, verified, then published.

The copy is small (views over the raw shards, plus the marts). It is published only when
dbt succeeded AND the copy opens on its own, shows the manifest generation it was built
from and every mart answers a count. Ctrl-C, a crash or a failing dbt discard the copy:
the published warehouse stays as it was. A build whose inputs have not changed since the
last published build (same document shards and withdrawals, same models/seeds/macros) does
nothing; a load of duplicates only adds ledger rows, which the staging views read live.

An assertion of the engine itself (DuckDB's ``INTERNAL Error``, a bug of DuckDB and not of a model:
one 10,000-document build of two failed with one in int_units_canonicalised, the same inputs
built cleanly the run before) is not the analyst's problem to retry: the build is run again
once, as a full build of the same copy, and says so. Any other failure is reported as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import shlex
import signal
import subprocess
import sys
import threading
from pathlib import Path

import duckdb

from ..config import PROJECT_ROOT
from ..sandbox import die_with_parent
from . import catalog, increment
from .faults import armed, fault_point, trigger
from .shards import ManifestDamaged, read_manifest
from .warehouse import WaitCallback, WarehouseError, WarehouseMissing, print_to_stderr, working_copy

PROJECT_INPUTS = ("dbt_project.yml", "profiles.yml", "models", "seeds", "macros", "tests/dbt", "analyses")


class BuildFailed(WarehouseError):
    pass


def dbt_command() -> list[str]:
    """$JUESUAN_DBT (a command line) if set, else the dbt next to this Python."""
    if os.environ.get("JUESUAN_DBT"):
        return shlex.split(os.environ["JUESUAN_DBT"])
    script = Path(sys.executable).with_name("dbt")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "dbt.cli.main"]


def project_hash(project_dir: Path) -> str:
    """sha256 over every file dbt reads (names and bytes) and the dbt command."""
    h = hashlib.sha256(" ".join(dbt_command()).encode())
    for name in PROJECT_INPUTS:
        root = project_dir / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
        for p in files:
            h.update(str(p.relative_to(project_dir)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def run_dbt(args: list[str], db_path: Path, project_dir: Path, flags: tuple[str, ...] = ()) -> int:
    env = {**os.environ, "JUESUAN_DB": str(db_path), "DBT_PROFILES_DIR": str(project_dir)}
    cmd = dbt_command() + args + ["--project-dir", str(project_dir), "--profiles-dir", str(project_dir), *flags]
    action = armed("build.dbt") if args[:1] == ["build"] else None
    # dbt dies with us (a killed build must not leave dbt writing a copy nobody will publish)
    if action is None:
        return subprocess.run(cmd, env=env, cwd=project_dir, preexec_fn=die_with_parent).returncode
    proc = subprocess.Popen(cmd, env=env, cwd=project_dir, preexec_fn=die_with_parent)
    # the fault fires while dbt runs; INT goes to the whole process group, like Ctrl-C in a terminal
    timer = threading.Timer(2.0, lambda: os.killpg(os.getpgid(0), signal.SIGINT) if action == "INT"
                            else trigger(action, "build.dbt"))
    timer.start()
    try:
        return proc.wait()
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()


ENGINE_FAULT = "INTERNAL Error"  # how DuckDB words a failed assertion of its own


def _run_results(project_dir: Path) -> Path:
    target = Path(os.environ.get("DBT_TARGET_PATH") or "target")
    return (target if target.is_absolute() else project_dir / target) / "run_results.json"


def results_stamp(project_dir: Path) -> tuple[int, int, int] | None:
    """Which run_results.json is there now (inode, size, mtime in ns); None when there is none.

    Taken before a dbt run, it tells afterwards whether the file is that run's own: comparing the
    file's mtime with the clock would not do, because file times come from the kernel's coarse
    clock and can read a few milliseconds earlier than a ``time.time()`` taken just before."""
    try:
        st = _run_results(project_dir).stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def engine_fault(project_dir: Path, before: tuple[int, int, int] | None) -> str | None:
    """The first node of the dbt run that failed on an assertion of DuckDB itself (``ENGINE_FAULT``),
    as "node: first line"; None when there is none, when there is no results file, or when the
    results file is still the one ``results_stamp`` saw before the run (the run died before writing
    its own)."""
    path = _run_results(project_dir)
    try:
        if results_stamp(project_dir) in (None, before):
            return None  # no results, or an earlier run's
        results = json.loads(path.read_text(encoding="utf-8")).get("results") or []
    except (OSError, ValueError, AttributeError):
        return None
    for r in results:
        message = (r.get("message") or "") if isinstance(r, dict) else ""
        if r.get("status") in ("error", "fail") and ENGINE_FAULT in message:
            line = next(x.strip() for x in message.splitlines() if ENGINE_FAULT in x)
            return f"{r.get('unique_id')}: {line}"
    return None


def up_to_date(db_path: Path, project_dir: Path) -> bool:
    from .warehouse import connect_readonly

    con = connect_readonly(db_path, retries=0)
    try:
        built = catalog.get_state(con, "built_from")
    finally:
        con.close()
    return built == f"{read_manifest(db_path).content_key()}:{project_hash(project_dir)}"


def _published_up_to_date(db_path: Path, project_dir: Path) -> bool:
    """up_to_date() without the lock; False when the catalog cannot be read (the writer path repairs it)."""
    try:
        return up_to_date(db_path, project_dir)
    except (WarehouseError, ManifestDamaged, duckdb.Error, OSError, ValueError):
        return False


def built_from(db_path: Path) -> str | None:
    """The stamp of the published marts (documents + models), None before the first build."""
    from .warehouse import connect_readonly

    con = connect_readonly(db_path, retries=0)
    try:
        return catalog.get_state(con, "built_from")
    finally:
        con.close()


def verify(path: Path, generation: int) -> None:
    """The built copy opens on its own, shows ``generation`` and every mart answers."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{str(path).replace(chr(39), chr(39) * 2)}' AS built (READ_ONLY)")
        con.execute("USE built")
        shown = catalog.get_state(con, "manifest_generation")
        if shown != str(generation):
            raise BuildFailed(f"the build shows manifest generation {shown}, expected {generation}; not publishing")
        marts = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_catalog = 'built' AND table_schema = 'marts'").fetchall()]
        if not marts:
            raise BuildFailed("dbt succeeded but built no marts; not publishing")
        for t in marts:
            con.execute(f'SELECT count(*) FROM marts."{t}"').fetchone()
    except duckdb.Error as e:
        raise BuildFailed(f"the built warehouse does not check out ({str(e).splitlines()[0]}); not publishing") from e
    finally:
        con.close()


def build(db_path: Path, project_dir: Path | None = None, docs: bool = True, publish_on_failure: bool = False,
          on_wait: WaitCallback | None = print_to_stderr, echo=print_to_stderr, force: bool = False,
          full_refresh: bool = False) -> bool:
    """Run dbt against a private copy of the warehouse under the writer lock; publish on success.

    Incremental (increment.py): only the documents whose current version changed since the
    last build, and the other documents of their units, are rebuilt; a full rebuild when
    ``full_refresh`` or when nothing can be compared (first build, a failed last build,
    changed models / seeds / macros).

    Returns False when nothing changed since the last build (nothing is run). A failing
    ``dbt build`` (a model or a test with severity error) leaves the published warehouse
    unchanged, unless ``publish_on_failure`` (to inspect what failed); then the build is
    published and BuildFailed is still raised.
    """
    project_dir = Path(project_dir or PROJECT_ROOT)
    if not (project_dir / "dbt_project.yml").exists():
        raise BuildFailed(f"no dbt project at {project_dir} (dbt_project.yml missing)")
    if not Path(db_path).exists():
        raise WarehouseMissing(f"no warehouse yet at {db_path}: run `juesuan load`")
    if not force and not full_refresh and _published_up_to_date(Path(db_path), project_dir):
        # the published marts show the published documents: no lock, no copy of the catalog
        echo("nothing changed since the last build (same documents, same models): not rebuilding")
        return False
    with working_copy(Path(db_path), on_wait=on_wait, connect=False) as wc:
        if not force and not full_refresh and up_to_date(Path(db_path), project_dir):  # another writer built it
            echo("nothing changed since the last build (same documents, same models): not rebuilding")
            return False
        manifest = read_manifest(Path(db_path))
        generation = manifest.generation
        project = project_hash(project_dir)
        stamp = f"{manifest.content_key()}:{project}"
        con = wc.connect()  # gives a new warehouse its raw views
        why_full = "--full-refresh" if full_refresh else increment.full_refresh_needed(con, project)
        changed = increment.write_delta(con)
        wc.close()
        mode = (f"full build ({why_full})" if why_full else
                f"incremental build: {changed} document(s) changed since the last build")
        before = results_stamp(project_dir)
        rc = run_dbt(["build"], wc.path, project_dir, ("--full-refresh",) if why_full else ())
        fault = engine_fault(project_dir, before) if rc != 0 else None
        if fault:  # DuckDB's own assertion, not a model's error: once more, in full
            echo(f"DuckDB failed an internal assertion ({fault}); building again once, in full")
            rc = run_dbt(["build"], wc.path, project_dir, ("--full-refresh",))
            mode = f"full build (again, after DuckDB's internal error in {fault.split(':')[0]})"
        if rc != 0 and not publish_on_failure:
            raise BuildFailed(f"dbt build failed (exit code {rc}); the published warehouse is unchanged")
        if docs and rc == 0:
            docs_rc = run_dbt(["docs", "generate"], wc.path, project_dir)
            if docs_rc != 0:
                echo(f"warning: dbt docs generate failed (exit code {docs_rc}); publishing the build anyway")
        con = wc.connect()
        if rc == 0:
            increment.record_built(con, project)
        else:
            increment.forget_built(con)
        catalog.set_state(con, "built_from", stamp if rc == 0 else "failed")
        wc.close()
        if rc == 0:
            fault_point("build.verify")
            verify(wc.path, generation)
    if rc != 0:
        raise BuildFailed(f"dbt build failed (exit code {rc}); published anyway (--publish-on-failure)")
    echo(mode)  # after the publish: an interrupted build says one line only
    return True

