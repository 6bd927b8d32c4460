"""Expensive setup made ahead of the tests that need it, on the machine's other core.

A `dbt build` (what most warehouse fixtures wait for, ~45 s) keeps one core busy: dbt is bound
by its own Python, and the tests run one at a time. The fixtures of the modules below hand
their setup to this kit instead of running it where they are first asked for: a job is a
function ``make(out_dir) -> value`` registered for the fixture that returns its value, and once
pytest has collected the session, one background thread runs the jobs the collected tests need,
in the order they are first needed, while the first tests run. A fixture asks for its value
with ``made_ahead``: it gets it at once when the job is done, waits when it is running, and runs
it itself, there and then, when its turn has not come yet (or when nothing runs ahead: a job
whose tests were not collected, or ``JUESUAN_TESTS_AHEAD=0`` in the environment, which makes
every fixture do its own setup in place, as before).

Nothing about the setup changes: the same function makes the same value from the same inputs,
once per session (module-scoped fixtures with one user are made once anyway); a job that fails
raises its error in the fixture that asks for it, so the tests of that fixture error as before.
A job only starts subprocesses and waits for them, or does little work itself (the thread holds
Python's lock as little as possible, so the tests in front are not slowed), and it must not
touch state the tests in front use (environment variables, monkeypatches, the current directory).
Its subprocesses get ``environment(out)``: the environment the session started with (a test in
front may be setting JUESUAN_DBT or DBT_TARGET_PATH for itself), with dbt's target and log
folders of their own (two dbt runs must not write one target folder at the same time).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pytest

_SESSION_ENV = dict(os.environ)  # conftest.py imports this module before any test runs
ANY_MODULE = "*"  # a job of a session fixture (conftest.py): needed by whichever module asks


@dataclass(eq=False)
class Job:
    fixture: str
    module: str  # the file of the module whose tests use the fixture, or ANY_MODULE
    make: Callable[[Path], Any]
    when: Callable[[pytest.Item], bool] | None = None  # which tests using the fixture need this job
    state: str = "idle"  # idle (not scheduled) | queued | running | done
    out: Path | None = None
    value: Any = None
    error: BaseException | None = None
    seconds: float = 0.0
    made_by: str = ""  # "ahead" (the background thread) or "in place" (the fixture asking for it)
    waited: float = 0.0  # how long the fixture asking for it waited for the background thread
    done: threading.Event = field(default_factory=threading.Event)


_JOBS: dict[Callable, Job] = {}
_LOCK = threading.Lock()
_QUEUE: list[Job] = []
_THREAD: threading.Thread | None = None
_STOPPING = threading.Event()


def _module_file(fn: Callable) -> str:
    return str(Path(sys.modules[fn.__module__].__file__).resolve())


def ahead(fixture: str, anywhere: bool = False,
          when: Callable[[pytest.Item], bool] | None = None) -> Callable[[Callable[[Path], Any]], Callable[[Path], Any]]:
    """Register ``make(out_dir)`` as the setup of ``fixture`` (of the module ``make`` is defined in,
    or of any module when ``anywhere``: a session fixture of conftest.py), needed by the tests
    using the fixture (those of them ``when`` accepts, when given)."""

    def register(make: Callable[[Path], Any]) -> Callable[[Path], Any]:
        _JOBS[make] = Job(fixture, ANY_MODULE if anywhere else _module_file(make), make, when)
        return make

    return register


def _run(job: Job) -> None:
    t0 = time.monotonic()
    try:
        job.value = job.make(job.out)
    except BaseException as e:  # noqa: BLE001 - handed to the fixture that asks for the value
        job.error = e
    job.seconds = time.monotonic() - t0
    job.state = "done"
    job.done.set()


def made_ahead(tmp_path_factory: pytest.TempPathFactory, make: Callable[[Path], Any]) -> Any:
    """The value of the job ``make``: made ahead, being made (wait), or made here and now."""
    job = _JOBS[make]
    with _LOCK:
        mine = job.state in ("idle", "queued")
        if mine:
            if job.state == "queued":
                _QUEUE.remove(job)
            if job.out is None:
                job.out = tmp_path_factory.mktemp(job.fixture)
            job.state = "running"
    if mine:
        job.made_by = "in place"
        _run(job)
    t0 = time.monotonic()
    job.done.wait()
    job.waited = 0.0 if mine else time.monotonic() - t0
    if job.error is not None:
        raise job.error
    return job.value


def _skipped(item: pytest.Item) -> bool:
    """Whether a skip or a skipif with a true boolean condition marks ``item`` (its fixtures never run)."""
    for mark in item.iter_markers():
        if mark.name == "skip":
            return True
        if mark.name == "skipif" and mark.args and all(isinstance(c, bool) for c in mark.args) and any(mark.args):
            return True
    return False


def _worker() -> None:
    while not _STOPPING.is_set():
        with _LOCK:
            if not _QUEUE:
                return
            job = _QUEUE.pop(0)
            job.state = "running"
            job.made_by = "ahead"
        _run(job)


def _fixtures_used(item: pytest.Item) -> list[str]:
    """The fixtures ``item`` uses: its own, and those a parameter names (a test parametrized by
    fixture names asks for them with request.getfixturevalue)."""
    names = list(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        names += [v for v in callspec.params.values() if isinstance(v, str)]
    return names


def enabled() -> bool:
    return os.environ.get("JUESUAN_TESTS_AHEAD", "1") != "0" and bool(_JOBS)


def _jobs_of(item: pytest.Item) -> list[Job]:
    """The jobs ``item`` needs (none when it is skipped)."""
    if _skipped(item):
        return []
    module = str(Path(item.path).resolve())
    names = set(_fixtures_used(item))
    return [j for j in _JOBS.values() if j.fixture in names and j.module in (module, ANY_MODULE)
            and (j.when is None or j.when(item))]


def modules_last(items: list[pytest.Item]) -> None:
    """Reorder ``items`` in place: the modules with a test that needs a job after the others (each
    module's tests in their order, the modules in theirs), so the jobs are made while the others run."""
    needing = {str(Path(item.path).resolve()) for item in items if _jobs_of(item)}
    items.sort(key=lambda item: str(Path(item.path).resolve()) in needing)  # stable


def start(session: pytest.Session) -> None:
    """Queue the jobs the collected (and not skipped) tests need, in the order of their first use,
    and start the thread that runs them."""
    global _THREAD
    if not enabled() or session.config.option.collectonly:
        return
    factory: pytest.TempPathFactory = session.config._tmp_path_factory  # type: ignore[attr-defined]
    with _LOCK:
        for item in session.items:
            for job in _jobs_of(item):
                if job.state == "idle":
                    job.out = factory.mktemp(job.fixture)
                    job.state = "queued"
                    _QUEUE.append(job)
        if not _QUEUE:
            return
    _THREAD = threading.Thread(target=_worker, name="tests-ahead", daemon=True)
    _THREAD.start()


def summary(write_line: Callable[[str], None]) -> None:
    """One line per job made this session: which fixture, how long it took, who made it, the wait."""
    made = [j for j in _JOBS.values() if j.state == "done"]
    if made:
        write_line(f"made ahead (tests/aheadkit.py): {sum(j.made_by == 'ahead' for j in made)} of {len(made)} jobs")
    for j in made:
        module = "conftest" if j.module == ANY_MODULE else Path(j.module).name
        write_line(f"  {j.seconds:6.1f} s  {module}::{j.fixture} ({j.make.__name__}): made {j.made_by}"
                   + (f", waited {j.waited:.1f} s" if j.made_by == "ahead" else ""))


def stop() -> None:
    """No new job; wait for the one running (its subprocesses must not outlive the session)."""
    _STOPPING.set()
    if _THREAD is not None:
        _THREAD.join()


def environment(out: Path) -> dict[str, str]:
    """The environment the session started with, dbt's target and log folders under ``out``."""
    return {**_SESSION_ENV, "DBT_TARGET_PATH": str(out / "dbt-target"), "DBT_LOG_PATH": str(out / "dbt-logs")}


def in_subprocess(function: str, *args: Any, out: Path) -> Any:
    """``module:function(*args)`` run in a fresh Python (this interpreter, from the project root,
    in ``environment(out)``, the tests folder importable), its return value pickled back: for a
    job whose work is Python of its own (a batch of extractions, a load), which a thread of the
    test process would run under the lock the tests in front need."""
    from loaders.config import PROJECT_ROOT

    result = out / f"{function.replace(':', '.')}.pickle"
    script = ("import pickle, sys\n"
              "from importlib import import_module\n"
              f"sys.path.append({str(Path(__file__).resolve().parent)!r})\n"
              "module, name = sys.argv[1].split(':')\n"
              "args = pickle.loads(bytes.fromhex(sys.argv[2]))\n"
              "value = getattr(import_module(module), name)(*args)\n"
              "with open(sys.argv[3], 'wb') as fh:\n"
              "    pickle.dump(value, fh)\n")
    run = subprocess.run([sys.executable, "-c", script, function, pickle.dumps(args).hex(), str(result)],
                         cwd=PROJECT_ROOT, env=environment(out), capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"{function}{args!r} failed (exit code {run.returncode}):\n{run.stderr[-4000:]}")
    with open(result, "rb") as fh:
        return pickle.load(fh)
