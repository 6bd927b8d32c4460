"""Compile the text-path modules with Cython into ``build/compiled/`` (issue 13's throughput).

    python -m loaders.build_compiled            # build what changed, on every core (make compile)
    python -m loaders.build_compiled --status   # each module: fresh / stale / not built
    python -m loaders.build_compiled --force    # rebuild all;  --clean removes build/compiled

The modules are the ones listed in ``loaders/compiled_modules.txt``; each is cythonized in
pure-Python mode (no change to its source) and compiled by the C compiler into
``build/compiled/<package path>/<name><EXT_SUFFIX>``, never next to its source. The manifest
``build/compiled/manifest.json`` records, per module, the sha256 of the ``.py`` it was compiled
from, and the interpreter's extension suffix, Cython's version and the C flags; a module whose
source hash (and those) did not change is not compiled again. ``loaders/compiled.py`` imports an
extension only while its source hash still matches, so an edited ``.py`` is used at once.

``--soft`` (``make setup``) never fails: without Cython, a C compiler or the Python headers, or
when a module does not compile, it prints one warning line and the ``.py`` modules are used.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import sysconfig
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Iterator

from .compiled import (BUILD_DIR, MANIFEST, MANIFEST_FORMAT, MODULES_FILE, ROOT, compiled_modules, file_sha256,
                       source_path)

# Pure-Python mode as is: annotations are not C types (with annotation typing on, ``x: set[int] =
# frozenset()`` is rejected at import).
DIRECTIVES = {"language_level": 3, "annotation_typing": False}
# After the interpreter's own CFLAGS (-O3 -g ...): no debug info (half the compile time, same code).
CFLAGS = ["-g0"]
LOG_TAIL = 12  # lines of a failed module's compiler log shown


def jobs_default() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def toolchain_problem() -> str | None:
    """Why nothing can be compiled here (no Cython, C compiler or Python headers), or None."""
    try:
        import Cython  # noqa: F401
    except ImportError:
        return "Cython is not installed (pip install -c requirements.lock -e '.[test,compiled]')"
    cc = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(cc) is None:
        return f"no C compiler ({cc}) on PATH"
    include = sysconfig.get_paths().get("include") or ""
    if not os.path.isfile(os.path.join(include, "Python.h")):
        return f"no Python headers ({include}/Python.h)"
    return None


def build_info() -> dict:
    """What a build depends on besides the sources: a change of any rebuilds every module."""
    import Cython

    return {"format": MANIFEST_FORMAT, "ext_suffix": EXTENSION_SUFFIXES[0], "python": sys.version.split()[0],
            "cython": Cython.__version__, "directives": DIRECTIVES, "cflags": CFLAGS}


def load_manifest(build_dir: Path) -> dict:
    try:
        data = json.loads((build_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_manifest(build_dir: Path, data: dict) -> None:
    """Atomically: a reader sees the old manifest or the new one."""
    tmp = build_dir / f".{MANIFEST}.{os.getpid()}"
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, build_dir / MANIFEST)


@contextmanager
def build_lock(build_dir: Path) -> Iterator[None]:
    """One build at a time in ``build_dir`` (two ``make setup`` at once wait for each other)."""
    import fcntl

    with open(build_dir / ".lock", "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def compile_one(name: str, root: str, build_dir: str) -> dict:
    """Cythonize and compile module ``name`` in a temp dir, then move its extension into
    ``build_dir``. Runs in a worker process; the tools' output goes to ``logs/<name>.log``.
    Returns {"name", "sha256", "so", "seconds"} or {"name", "error", "log"}."""
    t0 = time.monotonic()
    src = os.path.relpath(source_path(name, root), root)
    logs = os.path.join(build_dir, "logs")
    os.makedirs(logs, exist_ok=True)
    log_path = os.path.join(logs, f"{name}.log")
    work = tempfile.mkdtemp(prefix=f".{name}.", dir=build_dir)
    saved = os.dup(1), os.dup(2)
    try:
        with open(log_path, "w") as log:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            try:
                os.chdir(root)  # relative source paths: tracebacks name loaders/x/y.py
                sha = file_sha256(src)
                from Cython.Build import cythonize
                from setuptools import Distribution, Extension
                from setuptools.command.build_ext import build_ext

                ext = Extension(name, [src], extra_compile_args=CFLAGS)
                [ext] = cythonize([ext], build_dir=os.path.join(work, "c"), compiler_directives=DIRECTIVES,
                                  force=True, quiet=True)
                # An explicit Distribution: no setup.py, and ./pyproject.toml is not read (an older
                # setuptools rejects its licence field).
                dist = Distribution({"name": "juesuan-compiled", "ext_modules": [ext]})
                cmd = build_ext(dist)
                cmd.build_lib = os.path.join(work, "lib")
                cmd.build_temp = os.path.join(work, "tmp")
                cmd.ensure_finalized()
                cmd.run()
                built = cmd.get_ext_fullpath(name)
                if file_sha256(src) != sha:
                    raise RuntimeError(f"{src} changed while it was compiled: not kept")
                rel = os.path.relpath(built, cmd.build_lib)
                final = os.path.join(build_dir, rel)
                os.makedirs(os.path.dirname(final), exist_ok=True)
                os.replace(built, final)  # a new inode: processes that loaded the old one keep it
                return {"name": name, "sha256": sha, "so": rel, "seconds": round(time.monotonic() - t0, 2)}
            except BaseException as e:  # noqa: BLE001 - reported per module, the others go on
                import traceback

                traceback.print_exc()
                return {"name": name, "error": f"{type(e).__name__}: {e}".splitlines()[0][:300], "log": log_path}
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        os.close(saved[0])
        os.close(saved[1])
        shutil.rmtree(work, ignore_errors=True)


def status(names: list[str], build_dir: Path, root: str = ROOT) -> dict[str, str]:
    """Per module: ``fresh`` (its extension is what the finder imports), ``stale`` (its source
    changed), ``not built``."""
    from .compiled import read_manifest

    entries = read_manifest(str(build_dir))
    out = {}
    for n in names:
        e = entries.get(n)
        if not e or not (build_dir / e.get("so", "")).is_file():
            out[n] = "not built"
        else:
            out[n] = "fresh" if file_sha256(source_path(n, root)) == e.get("sha256") else "stale"
    return out


def build(names: list[str], build_dir: Path, root: str = ROOT, jobs: int | None = None, force: bool = False,
          say=print) -> tuple[list[dict], list[dict], float]:
    """Compile the modules of ``names`` whose source (or build info) changed; drop the ones no
    longer listed. Returns (built, failed, seconds)."""
    t0 = time.monotonic()
    build_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(build_dir):
        info = build_info()
        old = load_manifest(build_dir)
        same_build = all(old.get(k) == v for k, v in info.items())
        entries = dict(old.get("modules", {})) if same_build and not force else {}
        for gone in set(old.get("modules", {})) - set(names):  # no longer listed
            so = old["modules"][gone].get("so")
            if so:
                (build_dir / so).unlink(missing_ok=True)
        entries = {n: e for n, e in entries.items() if n in names}
        todo = []
        for n in names:
            e = entries.get(n)
            if e and (build_dir / e.get("so", "")).is_file() and e.get("sha256") == file_sha256(source_path(n, root)):
                continue
            entries.pop(n, None)  # never an entry naming an extension that is being replaced
            todo.append(n)
        manifest = {**info, "modules": entries}
        write_manifest(build_dir, manifest)
        if not todo:
            return [], [], time.monotonic() - t0
        todo.sort(key=lambda n: -os.path.getsize(source_path(n, root)))  # the longest first
        jobs = max(1, min(jobs or jobs_default(), len(todo)))
        say(f"compiling {len(todo)} of {len(names)} modules with Cython on {jobs} cores into "
            f"{os.path.relpath(build_dir, root) if str(build_dir).startswith(root) else build_dir} ...")
        built, failed = [], []
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(compile_one, n, root, str(build_dir)) for n in todo]
            for fut in as_completed(futures):
                r = fut.result()
                if "error" in r:
                    failed.append(r)
                    continue
                built.append(r)
                entries[r["name"]] = {"sha256": r["sha256"], "so": r["so"], "seconds": r["seconds"]}
                write_manifest(build_dir, manifest)  # a finished module is usable at once
        return built, failed, time.monotonic() - t0


def _tail(path: str, n: int = LOG_TAIL) -> str:
    try:
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-n:])
    except OSError:
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: every core)")
    ap.add_argument("--force", action="store_true", help="compile every module again")
    ap.add_argument("--clean", action="store_true", help="remove the build directory and exit")
    ap.add_argument("--status", action="store_true", help="print each module's state and exit")
    ap.add_argument("--soft", action="store_true",
                    help="never fail: one warning line when nothing (or not everything) compiled")
    ap.add_argument("--build-dir", type=Path, default=Path(BUILD_DIR), help="default: build/compiled")
    ap.add_argument("--modules-file", type=Path, default=Path(MODULES_FILE), help="default: loaders/compiled_modules.txt")
    a = ap.parse_args(argv)
    build_dir = a.build_dir.resolve()
    if a.clean:
        shutil.rmtree(build_dir, ignore_errors=True)
        print(f"removed {build_dir}")
        return 0
    names = compiled_modules(str(a.modules_file))
    if a.status:
        for n, s in status(names, build_dir).items():
            print(f"{s:10} {n}")
        return 0
    warn = "warning: compiled modules not built"
    problem = toolchain_problem()
    if problem:
        print(f"{warn}: {problem}; the pure-Python modules are used", file=sys.stderr)
        return 0 if a.soft else 1
    try:
        built, failed, seconds = build(names, build_dir, jobs=a.jobs, force=a.force)
    except Exception as e:  # noqa: BLE001 - --soft: a failed build must not fail setup
        if not a.soft:
            raise
        print(f"{warn}: {type(e).__name__}: {e}; the pure-Python modules are used", file=sys.stderr)
        return 0
    if built or failed:
        print(f"compiled {len(built)} modules in {seconds:.1f} s"
              + (f"; {len(failed)} failed" if failed else ""))
    if failed:
        names_failed = ", ".join(r["name"] for r in failed)
        if a.soft:
            print(f"warning: {len(failed)} module(s) did not compile ({names_failed}; logs in "
                  f"{build_dir / 'logs'}); their pure-Python modules are used", file=sys.stderr)
            return 0
        for r in failed:
            print(f"FAILED {r['name']}: {r['error']}\n{_tail(r['log'])}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
