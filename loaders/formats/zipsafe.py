"""Checks a zip-based document (docx/xlsx) must pass before any library opens it."""

from __future__ import annotations

import io
import zipfile

from .errors import QuarantineError

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # bytes, whole archive
MAX_RATIO = 100  # uncompressed / compressed, whole archive and per large entry
MAX_ENTRIES = 10_000
_RATIO_MIN_SIZE = 1024 * 1024  # small entries (XML boilerplate) may compress very well


def check_zip(data: bytes) -> set[str]:
    """Validate the archive directory; returns the entry names.

    Raises QuarantineError for a corrupt archive, an unsafe entry path (absolute, drive
    letter, ``..``), too many entries, or a zip bomb (size or compression ratio).
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise QuarantineError(f"corrupt zip archive: {exc}")
    if len(infos) > MAX_ENTRIES:
        raise QuarantineError(f"zip bomb: {len(infos)} entries")
    total = 0
    names: set[str] = set()
    for info in infos:
        name = info.filename.replace("\\", "/")
        parts = name.split("/")
        if name.startswith("/") or (len(name) > 1 and name[1] == ":") or ".." in parts:
            raise QuarantineError(f"unsafe path in archive: {info.filename!r}")
        if info.file_size > _RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise QuarantineError(
                f"zip bomb: entry {info.filename!r} expands {info.file_size // max(info.compress_size, 1)}x"
            )
        total += info.file_size
        names.add(name)
    if total > MAX_UNCOMPRESSED:
        raise QuarantineError(f"zip bomb: {total} bytes uncompressed (limit {MAX_UNCOMPRESSED})")
    if total > _RATIO_MIN_SIZE and total > MAX_RATIO * max(len(data), 1):
        raise QuarantineError(f"zip bomb: archive expands {total // max(len(data), 1)}x")
    return names
