"""The kept documents the oracle tests of the prose rules run over: the samples, the hold-out and
blind cases, the shared development set when it is there, and three bench-corpus documents."""

from __future__ import annotations

import glob
import json
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def kept_inputs() -> list[tuple[bytes, str]]:
    """(bytes, file name) of every kept document."""
    from loaders.bench.corpus import make_corpus

    out = [(Path(p).read_bytes(), Path(p).name) for p in sorted(glob.glob(str(ROOT / "data/samples/*")))]
    for pat in [str(ROOT / "tests/holdout/cases/*.json"), str(ROOT / "tests/holdout/blind*/*.json"),
                "/work/shared/devset/cases/*.json"]:
        for p in sorted(glob.glob(pat)):
            out.append((json.loads(Path(p).read_text(encoding="utf-8"))["text"].encode(), "case.txt"))
    out += [(p.read_bytes(), p.name) for p in make_corpus(Path(tempfile.mkdtemp()), 3)]
    return out


def kept_documents() -> list:
    """The kept documents, parsed."""
    from loaders.formats import parse_bytes

    return [parse_bytes(data, name) for data, name in kept_inputs()]
