"""Compiled text-path modules, never a stale one (issue 13).

``python -m loaders.build_compiled`` (``make compile``, part of ``make setup``) compiles the
modules named in ``loaders/compiled_modules.txt`` with Cython into ``build/compiled/`` (outside
the source tree) and writes ``build/compiled/manifest.json``: for each module the sha256 of the
``.py`` it was compiled from and its extension file, with the interpreter's extension suffix.

``loaders/__init__.py`` puts a :class:`CompiledFinder` at the front of ``sys.meta_path``. When a
``loaders.*`` module in the manifest is imported, it hashes that module's ``.py`` (then, lazily,
one module at a time) and serves the compiled extension only when the hash equals the manifest's;
else (an edited source, no build, another Python) it returns None and the ``.py`` is imported as
usual. ``JUESUAN_PURE=1`` installs no finder at all. Keep this module cheap to import: it runs
in every process that imports ``loaders`` (``juesuan --help``, multiprocessing workers).
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, ModuleSpec

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(PACKAGE_DIR)
BUILD_DIR = os.path.join(ROOT, "build", "compiled")
MANIFEST = "manifest.json"
MODULES_FILE = os.path.join(PACKAGE_DIR, "compiled_modules.txt")
MANIFEST_FORMAT = 1
PURE_ENV = "JUESUAN_PURE"


def pure_requested(environ: dict | None = None) -> bool:
    """``JUESUAN_PURE`` set to anything but ``""`` / ``"0"``: import the ``.py`` modules only."""
    return (environ if environ is not None else os.environ).get(PURE_ENV, "") not in ("", "0")


def compiled_modules(path: str = MODULES_FILE) -> list[str]:
    """The dotted names listed in ``compiled_modules.txt`` (``#`` starts a comment)."""
    with open(path, encoding="utf-8") as f:
        names = [line.split("#", 1)[0].strip() for line in f]
    return [n for n in names if n]


def source_path(name: str, root: str = ROOT) -> str:
    """The ``.py`` file of the (non-package) module ``name``."""
    return os.path.join(root, *name.split(".")) + ".py"


def file_sha256(path: str) -> str:
    import hashlib

    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_manifest(build_dir: str = BUILD_DIR) -> dict:
    """The manifest's module entries ({name: {"sha256", "so"}}) when it was built for this
    interpreter (same extension suffix), else {}."""
    try:
        with open(os.path.join(build_dir, MANIFEST), encoding="utf-8") as f:
            import json

            data = json.load(f)
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT \
            or data.get("ext_suffix") != EXTENSION_SUFFIXES[0]:
        return {}
    modules = data.get("modules")
    return modules if isinstance(modules, dict) else {}


class CompiledFinder:
    """A meta-path finder serving ``loaders.*`` modules from their compiled extension in
    ``build_dir``, only while the extension was built from the ``.py`` as it is now."""

    juesuan_compiled = True  # marks the finder so a second install() adds no second one

    def __init__(self, root: str = ROOT, build_dir: str = BUILD_DIR) -> None:
        self.root = root
        self.build_dir = build_dir
        self._entries: dict | None = None  # the manifest, read at the first loaders.* import

    def entries(self) -> dict:
        if self._entries is None:
            self._entries = read_manifest(self.build_dir)
        return self._entries

    def compiled_path(self, name: str) -> str | None:
        """The extension to import for ``name``, or None (not compiled, or stale)."""
        entry = self.entries().get(name)
        if not isinstance(entry, dict):
            return None
        try:
            if file_sha256(source_path(name, self.root)) != entry.get("sha256"):
                return None  # the .py changed since it was compiled: use the .py
        except OSError:
            return None
        so = os.path.join(self.build_dir, entry.get("so", ""))
        return so if os.path.isfile(so) else None

    def find_spec(self, fullname: str, path=None, target=None) -> ModuleSpec | None:
        if not fullname.startswith("loaders."):
            return None
        if path is not None and os.path.dirname(source_path(fullname, self.root)) not in path:
            return None  # the parent package is not this source tree's
        so = self.compiled_path(fullname)
        if so is None:
            return None
        spec = ModuleSpec(fullname, ExtensionFileLoader(fullname, so), origin=so)
        spec.has_location = True
        return spec

    def invalidate_caches(self) -> None:
        self._entries = None


def install() -> CompiledFinder | None:
    """Put a :class:`CompiledFinder` first on ``sys.meta_path`` (once), unless JUESUAN_PURE."""
    if pure_requested():
        return None
    for f in sys.meta_path:
        if getattr(f, "juesuan_compiled", False):
            return f
    finder = CompiledFinder()
    sys.meta_path.insert(0, finder)
    return finder


def loaded_compiled() -> list[str]:
    """The ``loaders.*`` modules of this process imported from a compiled extension."""
    return sorted(n for n, m in list(sys.modules.items())
                  if n.startswith("loaders.") and isinstance(getattr(m, "__spec__", None), ModuleSpec)
                  and isinstance(m.__spec__.loader, ExtensionFileLoader))
