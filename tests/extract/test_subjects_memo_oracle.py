"""apply_subjects resolves each qualifier once per document (issue 13): the codes and origins it
gives every fact are those of resolving fact by fact, as before."""

from __future__ import annotations

import copy
from pathlib import Path

from loaders.config import SAMPLES_DIR
from loaders.extract import subjects
from loaders.extract.prose import extract_prose
from loaders.extract.tables import extract_tables
from loaders.formats import parse_file


def _old_apply_subjects(facts):
    learned = subjects.learned_codes(facts)
    pending = []
    for f in facts:
        if f.subject_code:
            f.subject_code_origin = f.subject_code_origin or "printed"
            continue
        if not f.qualifier:
            continue
        if subjects.is_function_metric(f.metric):
            f.subject_code, f.subject_code_origin = subjects.resolve_with_origin(f.qualifier, learned)
            if f.subject_code is None:
                pending.append(f)
        elif subjects.is_econ_metric(f.metric):
            f.subject_code, f.subject_code_origin = subjects.resolve_with_origin(f.qualifier, None, subjects.economic_index())
    if not pending:
        return
    codes = {f.subject_code for f in facts if f.subject_code and subjects.is_function_metric(f.metric)
             and not f.subject_code.startswith("3")}
    sections = {c[:5] for c in codes if len(c) >= 5}
    classes = {c[:3] for c in codes}
    index = subjects.function_index()
    for f in pending:
        path = subjects.parse_path(f.qualifier or "")
        if len(path) != 1:
            continue
        name, level = path[0]
        cands = {c for c in index.candidates(name) if not level or len(c) == subjects.LEVELS[level]}
        if len(cands) < 2:
            continue
        in_section = {c for c in cands if len(c) == 7 and c[:5] in sections}
        in_class = {c for c in cands if c[:3] in classes}
        pick = in_section if in_section else (in_class if not any(c[:5] in sections for c in cands) else set())
        if len(pick) == 1:
            f.subject_code, f.subject_code_origin = next(iter(pick)), "document"


def _codes(facts):
    return [(f.metric, f.qualifier, f.subject_code, f.subject_code_origin) for f in facts]


def test_memoised_resolution_equals_fact_by_fact(tmp_path: Path):
    from loaders.bench.corpus import make_corpus

    paths = sorted(p for p in SAMPLES_DIR.glob("*") if p.suffix in (".txt", ".md")) + make_corpus(tmp_path, 1)
    resolved = 0
    for p in paths:
        doc = parse_file(p)
        facts = extract_tables(doc) + extract_prose(doc)
        # the same qualifier under several metrics, and a repeat of every fact: memo hits
        facts = facts + [copy.copy(f) for f in facts]
        old = copy.deepcopy(facts)
        subjects.apply_subjects(facts)
        _old_apply_subjects(old)
        assert _codes(facts) == _codes(old)
        resolved += sum(1 for f in facts if f.subject_code_origin not in (None, "printed"))
    assert resolved > 20
