"""The compiled text-path modules (issue 13; loaders/compiled.py, loaders/build_compiled.py).

With the build of ``make compile`` present: the listed modules are the ones imported (their
``__file__`` is the extension), in this process's children, fork and spawn workers alike; they give
exactly the facts of the pure-Python modules (``JUESUAN_PURE=1``) on the samples and every holdout
text. Never a stale build: an edited ``.py`` is imported instead of its extension, and so is every
module of a manifest built for another interpreter. ``juesuan --help`` imports neither Cython nor
the build script and writes nothing. The tests that need the build skip without one (no compiler
here), except under CI, where ``make test`` has built it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from loaders import compiled
from loaders.compiled import (BUILD_DIR, MANIFEST, CompiledFinder, compiled_modules, file_sha256, read_manifest,
                              source_path)

REPO = Path(__file__).resolve().parent.parent
BUILD = Path(BUILD_DIR)
LISTED = compiled_modules()


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV}
    return {**env, "PYTHONPATH": str(REPO), **extra}


def _python(code: str, cwd: Path = REPO, **env: str) -> str:
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, env=_env(**env),
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return r.stdout


def _fresh() -> list[str]:
    """The listed modules whose extension is what an import gets now (source unchanged)."""
    entries = read_manifest()
    return [n for n in LISTED if n in entries and CompiledFinder().compiled_path(n) is not None]


@pytest.fixture(scope="module")
def build() -> dict:
    """The manifest's modules; skip (or, under CI, fail) without a build."""
    entries = read_manifest()
    if not entries:
        msg = f"no compiled build in {BUILD} for this interpreter (make compile; needs gcc and the Python headers)"
        if os.environ.get("CI"):
            pytest.fail(f"{msg}: make test builds it, so CI must have one")
        pytest.skip(msg)
    return entries


# --- the list -----------------------------------------------------------------------------------

def test_the_list_names_plain_modules_of_the_package():
    """Each listed module is a .py of loaders (no package __init__, no duplicate), and none is run
    as a script: ``python -m`` cannot run an extension module."""
    assert LISTED and len(LISTED) == len(set(LISTED))
    for name in LISTED:
        path = Path(source_path(name))
        assert name.startswith("loaders.") and path.is_file(), name
        assert path.name != "__init__.py", name
        assert "__main__" not in path.read_text(encoding="utf-8"), f"{name} runs as a script"
    assert "loaders.compiled" not in LISTED and "loaders.build_compiled" not in LISTED


def test_no_extension_or_generated_c_in_the_source_tree():
    """The build writes outside the package: no .so / .c next to a source."""
    stray = [p for p in (REPO / "loaders").rglob("*") if p.suffix in (".so", ".c", ".pyd")]
    assert stray == []


# --- with the build -----------------------------------------------------------------------------

def test_every_listed_module_is_built(build):
    missing = [n for n in LISTED if n not in build or not (BUILD / build[n]["so"]).is_file()]
    assert missing == [], f"not compiled (see {BUILD / 'logs'}; make compile): {missing}"


def test_the_compiled_modules_are_the_ones_imported(build):
    """A fresh process imports each listed module from its extension while its source is the one
    compiled, and from the .py once it is not (an edit in progress)."""
    fresh = set(_fresh())
    if not fresh:
        pytest.skip("every compiled module is stale (its .py changed since make compile)")
    out = json.loads(_python(f"""
        import importlib, json
        print(json.dumps({{n: importlib.import_module(n).__file__ for n in {LISTED!r}}}))
    """))
    for name, file in out.items():
        if name in fresh:
            assert file.endswith(tuple(EXTENSION_SUFFIXES)) and file.startswith(str(BUILD)), (name, file)
        else:
            assert file == source_path(name), (name, file)


def test_pure_switch_imports_only_sources(build):
    out = json.loads(_python("""
        import json, sys
        import loaders.textnorm, loaders.extract.prose.sentences
        print(json.dumps([sorted(n for n in sys.modules if n.startswith("loaders.")
                                 and str(sys.modules[n].__file__).endswith(".so")),
                          [type(f).__name__ for f in sys.meta_path]]))
    """, JUESUAN_PURE="1"))
    assert out[0] == [] and "CompiledFinder" not in out[1]


_FACTS = """
    import dataclasses, glob, json, sys
    from pathlib import Path
    from loaders.evaluation import extract_text
    from loaders.extract import extract_facts
    from loaders.formats import parse_file

    def row(f):
        return json.loads(json.dumps(dataclasses.asdict(f), default=str, ensure_ascii=False))

    out = {}
    for p in sorted(glob.glob("data/samples/*")):
        doc = parse_file(Path(p))
        out[p] = {"blocks": [repr(b) for b in doc.blocks], "facts": [row(f) for f in extract_facts(doc)]}
    for p in sorted(glob.glob("tests/holdout/*/*.json")):
        doc, facts = extract_text(json.load(open(p, encoding="utf-8"))["text"], Path(p).stem + ".txt")
        out[p] = {"blocks": [repr(b) for b in doc.blocks], "facts": [row(f) for f in facts]}
    so = sorted(n for n in sys.modules if n.startswith("loaders.") and str(sys.modules[n].__file__).endswith(".so"))
    print(json.dumps({"compiled": so, "docs": out}, ensure_ascii=False))
"""


def test_compiled_and_pure_modules_give_the_same_blocks_and_facts(build):
    """The samples and every holdout text, parsed and extracted by the compiled modules and by the
    pure-Python ones: the same blocks and the same facts, field by field (metric, value, unit,
    qualifier, evidence, location ...), in the same order."""
    if not _fresh():
        pytest.skip("every compiled module is stale (its .py changed since make compile)")
    fast = json.loads(_python(_FACTS))
    pure = json.loads(_python(_FACTS, JUESUAN_PURE="1"))
    assert fast["compiled"] and pure["compiled"] == []
    assert len(fast["docs"]) == len(pure["docs"]) > 50
    assert sum(len(d["facts"]) for d in pure["docs"].values()) > 1000
    differ = [p for p in pure["docs"] if fast["docs"][p] != pure["docs"][p]]
    assert differ == []


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_multiprocessing_workers_import_the_compiled_modules(build, method, tmp_path):
    if "loaders.textnorm" not in _fresh():
        pytest.skip("loaders.textnorm is stale (its .py changed since make compile)")
    script = tmp_path / "workers.py"
    script.write_text(textwrap.dedent(f"""
        import json, multiprocessing

        def where(name):
            import importlib
            from loaders.evaluation import extract_text
            n = len(extract_text("本年收入合计1,200.00万元，比上年增加100.00万元。")[1])
            return importlib.import_module(name).__file__, n

        if __name__ == "__main__":
            import loaders  # the parent's own finder; the worker must install its own (spawn)
            with multiprocessing.get_context({method!r}).Pool(1) as pool:
                print(json.dumps(pool.map(where, ["loaders.textnorm", "loaders.config"])))
    """))
    r = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=_env(), capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    (textnorm, n), (config, _) = json.loads(r.stdout)
    assert textnorm.endswith(tuple(EXTENSION_SUFFIXES)) and n > 0
    assert config.endswith("config.py")


def test_an_edited_module_is_imported_from_its_source(build, tmp_path):
    """A copy of the package and its build; one compiled module's .py is then edited: that module
    comes from the edited .py (the change is live at once), an unedited one still compiled, and
    the build script calls the edited one stale."""
    for name in ("loaders.textnorm", "loaders.numbers"):
        if name not in _fresh():
            pytest.skip(f"{name} is stale (its .py changed since make compile)")
    shutil.copytree(REPO / "loaders", tmp_path / "loaders", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(BUILD, tmp_path / "build" / "compiled", ignore=shutil.ignore_patterns("logs", ".lock", ".*"))
    edited = tmp_path / "loaders" / "textnorm.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEDITED_IN_TEST = True\n", encoding="utf-8")
    seeds = str(REPO / "seeds")
    r = subprocess.run([sys.executable, "-c", "import json, loaders.textnorm as t, loaders.numbers as n; "
                        "print(json.dumps([t.__file__, getattr(t, 'EDITED_IN_TEST', False), n.__file__]))"],
                       cwd=tmp_path, env=_env(PYTHONPATH=str(tmp_path), JUESUAN_SEEDS=seeds),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    t_file, t_edited, n_file = json.loads(r.stdout)
    assert t_file == str(edited) and t_edited is True
    assert n_file.startswith(str(tmp_path / "build" / "compiled")) and n_file.endswith(tuple(EXTENSION_SUFFIXES))
    status = subprocess.run([sys.executable, "-m", "loaders.build_compiled", "--status"], cwd=tmp_path,
                            env=_env(PYTHONPATH=str(tmp_path), JUESUAN_SEEDS=seeds),
                            capture_output=True, text=True, timeout=300)
    assert "stale      loaders.textnorm" in status.stdout and "fresh      loaders.numbers" in status.stdout


# --- the guard, without a build -----------------------------------------------------------------

def _fake_build(tmp_path: Path, name: str = "loaders.tiny", suffix: str = EXTENSION_SUFFIXES[0]) -> tuple[Path, Path]:
    """A source tree with one module and a build dir whose manifest says it was compiled from it
    (the extension file is a stand-in: the finder only decides, the import is not attempted)."""
    root, build_dir = tmp_path / "src", tmp_path / "build"
    src = Path(source_path(name, str(root)))
    src.parent.mkdir(parents=True)
    src.write_text("X = 1\n")
    so = Path(*name.split(".")).with_suffix("")
    so = so.with_name(so.name + suffix)
    (build_dir / so).parent.mkdir(parents=True)
    (build_dir / so).write_bytes(b"not really an extension")
    manifest = {"format": compiled.MANIFEST_FORMAT, "ext_suffix": suffix,
                "modules": {name: {"sha256": file_sha256(str(src)), "so": str(so)}}}
    (build_dir / MANIFEST).write_text(json.dumps(manifest))
    return src, build_dir


def test_the_finder_serves_an_extension_only_while_its_source_is_unchanged(tmp_path):
    src, build_dir = _fake_build(tmp_path)
    finder = CompiledFinder(root=str(tmp_path / "src"), build_dir=str(build_dir))
    spec = finder.find_spec("loaders.tiny", [str(src.parent)])
    assert spec is not None and spec.origin.endswith(EXTENSION_SUFFIXES[0]) and spec.origin.startswith(str(build_dir))
    src.write_text("X = 2\n")  # edited after the build
    assert finder.find_spec("loaders.tiny", [str(src.parent)]) is None
    src.write_text("X = 1\n")  # back to what was compiled
    assert finder.find_spec("loaders.tiny", [str(src.parent)]) is not None
    src.unlink()
    assert finder.find_spec("loaders.tiny", [str(src.parent)]) is None


def test_the_finder_ignores_other_modules_other_trees_and_missing_extensions(tmp_path):
    src, build_dir = _fake_build(tmp_path)
    finder = CompiledFinder(root=str(tmp_path / "src"), build_dir=str(build_dir))
    assert finder.find_spec("loaders.other", [str(src.parent)]) is None  # not in the manifest
    assert finder.find_spec("json", None) is None
    assert finder.find_spec("loaders.tiny", [str(tmp_path / "elsewhere")]) is None  # another copy of loaders
    next(build_dir.rglob("*.so")).unlink()
    assert finder.find_spec("loaders.tiny", [str(src.parent)]) is None


def test_a_manifest_built_for_another_interpreter_is_not_used(tmp_path):
    src, build_dir = _fake_build(tmp_path, suffix=".cpython-39-x86_64-linux-gnu.so")
    finder = CompiledFinder(root=str(tmp_path / "src"), build_dir=str(build_dir))
    assert finder.entries() == {} and finder.find_spec("loaders.tiny", [str(src.parent)]) is None
    (build_dir / MANIFEST).write_text("{not json")
    assert CompiledFinder(root=str(tmp_path / "src"), build_dir=str(build_dir)).entries() == {}


def test_pure_switch_values():
    assert compiled.pure_requested({"JUESUAN_PURE": "1"}) and compiled.pure_requested({"JUESUAN_PURE": "yes"})
    assert not compiled.pure_requested({}) and not compiled.pure_requested({"JUESUAN_PURE": "0"})
    assert not compiled.pure_requested({"JUESUAN_PURE": ""})


# --- the build script ---------------------------------------------------------------------------

def _toolchain() -> None:
    from loaders.build_compiled import toolchain_problem

    problem = toolchain_problem()
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"CI must be able to compile: {problem}")
        pytest.skip(problem)


def test_the_build_compiles_only_what_changed_and_outside_the_sources(tmp_path):
    """On a tiny package copy: the first build compiles the module into build/compiled with its
    source hash in the manifest, a second one compiles nothing, an edit compiles it again, and
    the extension then imported is the new one."""
    _toolchain()
    pkg = tmp_path / "loaders"
    pkg.mkdir()
    for f in ("__init__.py", "compiled.py", "build_compiled.py"):
        shutil.copy(REPO / "loaders" / f, pkg / f)
    (pkg / "tiny.py").write_text("def f(x):\n    return x + 1\n")
    (pkg / "compiled_modules.txt").write_text("# test\nloaders.tiny\n")
    env = _env(PYTHONPATH=str(tmp_path))

    def run(*args: str) -> subprocess.CompletedProcess:
        r = subprocess.run([sys.executable, "-m", "loaders.build_compiled", *args], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, r.stdout + r.stderr
        return r

    def imported() -> list:
        return json.loads(subprocess.run(
            [sys.executable, "-c", "import json, loaders.tiny as t; print(json.dumps([t.__file__, t.f(1)]))"],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=True).stdout)

    assert "compiled 1 modules" in run().stdout
    manifest = json.loads((tmp_path / "build" / "compiled" / MANIFEST).read_text())
    assert manifest["modules"]["loaders.tiny"]["sha256"] == file_sha256(str(pkg / "tiny.py"))
    assert manifest["ext_suffix"] == EXTENSION_SUFFIXES[0]
    assert [p.name for p in pkg.iterdir() if p.suffix in (".so", ".c")] == []
    file, value = imported()
    assert file.startswith(str(tmp_path / "build" / "compiled")) and value == 2
    assert run().stdout == ""  # nothing changed: nothing compiled
    (pkg / "tiny.py").write_text("def f(x):\n    return x + 2\n")
    assert imported()[1] == 3 and imported()[0].endswith("tiny.py")  # the edit is live before any build
    assert "compiled 1 modules" in run().stdout
    file, value = imported()
    assert file.endswith(tuple(EXTENSION_SUFFIXES)) and value == 3


def test_soft_build_without_cython_warns_in_one_line_and_succeeds(tmp_path):
    """``make setup`` on a machine where nothing can be compiled: one warning line, exit 0."""
    shadow = tmp_path / "shadow"
    (shadow / "Cython").mkdir(parents=True)
    (shadow / "Cython" / "__init__.py").write_text("raise ImportError('no Cython here')\n")
    r = subprocess.run([sys.executable, "-m", "loaders.build_compiled", "--soft", "--build-dir", str(tmp_path / "b")],
                       cwd=REPO, env=_env(PYTHONPATH=f"{shadow}{os.pathsep}{REPO}"),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and r.stderr.startswith("warning: compiled modules not built: Cython")
    assert not (tmp_path / "b").exists()


# --- start-up -----------------------------------------------------------------------------------

def _tree_state(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*") if p.is_file()} \
        if root.is_dir() else {}


def test_help_imports_no_compiler_and_builds_nothing():
    """``juesuan --help`` with the finder installed: no Cython, setuptools or build script
    imported, no file written in the build dir, and no compiled module hashed or loaded."""
    before = _tree_state(BUILD)
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "loaders.cli", "--help"], cwd=REPO, env=_env(),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in r.stderr.splitlines() if line.startswith("import time:")}
    assert "loaders" in imported and "loaders.compiled" in imported
    for banned in ("Cython", "setuptools", "distutils", "loaders.build_compiled", "hashlib"):
        assert banned not in imported, banned
    assert not set(LISTED) & imported  # --help reads no text-path module, so it hashes none
    assert _tree_state(BUILD) == before
