"""One-line messages with a recovery hint for the failures a user can fix."""

from __future__ import annotations

import errno
from pathlib import Path


def is_disk_full(e: BaseException) -> bool:
    return isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT)


def disk_full_message(e: OSError, db_path: Path) -> str:
    return (f"disk full ({e.strerror or e}) while writing next to {db_path}: the published warehouse is "
            "unchanged and keeps every document published before; free some space and run the same "
            "command again")
