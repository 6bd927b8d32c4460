"""The loader prepares a few documents before it forks its sandbox children (loaders/store/prepare.py
``warm_up``), so every child starts with the lexicons read and the patterns compiled: a child lives
for one document, and whatever it fills itself it fills again for the next one."""

from __future__ import annotations

import json
import re._compiler as re_compiler
import threading
from datetime import datetime

import pytest

from loaders.bench.corpus import make_corpus
from loaders.config import text_samples
from loaders.extract.metadata import document_metadata
from loaders.formats import parse_bytes
from loaders.sandbox import run_isolated
from loaders.store import prepare


def _compiles_while_preparing(data: bytes, name: str) -> tuple[int, list[str]]:
    """Runs in the sandbox child: how many regular expressions preparing the document compiles."""
    seen: list[str] = []
    real = re_compiler.compile

    def counting(p, *a, **k):
        seen.append(str(p)[:80])
        return real(p, *a, **k)

    re_compiler.compile = counting
    try:
        prepare.prepare_staged(data, name, "doc", datetime(2026, 1, 1))
    finally:
        re_compiler.compile = real
    return len(seen), seen


@pytest.fixture(scope="module")
def warmed():
    """Warmed up now, whatever ran before in this test process: the ``re`` module's own cache of
    patterns given as strings (512 entries) may have dropped the warm-up's since."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(prepare, "_warm", False)
        prepare.warm_up()
        yield True


def test_a_child_forked_after_the_warm_up_compiles_no_pattern_for_a_document_of_the_demo_template(warmed, tmp_path):
    # bench corpus documents: the demo's template with other units, years and amounts
    for path in make_corpus(tmp_path, 3, start=7):
        res = run_isolated(_compiles_while_preparing, path.read_bytes(), path.name)
        assert res.ok, res.error
        n, patterns = res.value
        assert n == 0, (path.name, patterns)


def test_a_child_compiles_few_patterns_for_documents_of_other_templates(warmed):
    """Real excerpts of other provinces: the warm-up covers what most of them need; what it does not
    (a table kind the warm-up documents lack) is compiled in the child, a handful of patterns."""
    import pathlib

    cases = sorted(pathlib.Path(__file__).parent.glob("holdout/cases/*.json"))[:8]
    assert cases
    counts = []
    for case in cases:
        text = json.loads(case.read_text(encoding="utf-8"))["text"]
        res = run_isolated(_compiles_while_preparing, text.encode("utf-8"), case.stem + ".txt")
        assert res.ok, res.error
        counts.append(res.value[0])
    assert max(counts) <= 12, counts  # a cold child: up to 51 on these, 65 on the demo template


def test_the_warm_up_documents_are_the_demo_corpus_a_final_account_and_a_budget():
    docs = prepare.warm_up_documents()
    names = [n for n, _ in docs]
    assert [p.name for p in text_samples()] == names[:-2]
    assert len(names) == 4  # the two samples, then the two texts
    kinds = [document_metadata(parse_bytes(data, name)).kind for name, data in docs[-2:]]
    assert kinds == ["决算", "预算"]


def test_a_warm_up_document_that_fails_is_skipped_and_the_warm_up_runs_once(monkeypatch):
    monkeypatch.setattr(prepare, "_warm", False)
    calls: list[str] = []

    def failing(data, name, document_id, loaded_at):
        calls.append(name)
        raise RuntimeError("broken parser")

    monkeypatch.setattr(prepare, "prepare_staged", failing)
    threads = [threading.Thread(target=prepare.warm_up) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    prepare.warm_up()
    assert calls == [n for n, _ in prepare.warm_up_documents()]  # each once, none raised
