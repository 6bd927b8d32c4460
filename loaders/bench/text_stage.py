"""The ``text_paths`` stage of ``python -m loaders.bench`` (registered when imported: by the bench's
``__main__`` only, so a process that merely uses ``text_paths`` keeps the stage list it had)."""

from __future__ import annotations

import sys

from .run import Context, stage
from .text_paths import measure, report

_MEASURED: dict[str, float] = {}
COLUMNS = {"text.per_100kb.now_ms": "text_ms_per_100kb", "text.per_100kb.base_ms": "text_base_ms_per_100kb",
           "text.per_100kb.regex_ms": "text_regex_ms_per_100kb", "text.ratio.base_over_now": "text_base_over_now",
           "text.ratio.now_over_regex": "text_now_over_regex", "startup.help_wall_s": "help_wall_s"}


@stage("text_paths")
def text_paths_stage(ctx: Context) -> dict[str, float]:
    """Summary columns of the text-path bench, measured once per run (they do not depend on N)."""
    if not _MEASURED:
        m = measure(corpus=ctx.corpus)
        print(report(m), file=sys.stderr, flush=True)
        _MEASURED.update({col: m[key] for key, col in COLUMNS.items() if key in m})
    return dict(_MEASURED)
