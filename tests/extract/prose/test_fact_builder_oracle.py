"""FactBuilder.emit (the spans' offsets looked up directly, the printed value checked by
numbers._alone) builds the facts the former emit built: on generated texts and spans (full-width
digits, dropped characters, punctuation before the label) and on every fact of the kept
documents. The printed-value check itself is compared with the former one in
tests/test_numbers_alone_oracle.py."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from keptkit import kept_documents

from loaders.extract.prose import builder as builder_module
from loaders.extract.prose import extract_prose
from loaders.extract.prose.builder import FactBuilder
from loaders.model import Fact, Location, ParsedDocument
from loaders.numbers import value_in_evidence
from loaders.textnorm import normalize_with_map



def _old_emit(self, metric, num_span, value, unit, ev_span, qualifier=None, direction=None, period=None,
              subject_code=None):
    if metric in self.withheld:  # (added after: the prose driver's withheld metrics, and the
        return                   # key log that ``rollback`` reads, are not what this oracle checks)
    nt, text = self.nt, self.doc.text
    a, b = ev_span
    a, b = min(a, num_span[0]), max(b, num_span[1])
    while a < num_span[0] and nt.text[a] in ",;:、|\n ":
        a += 1
    s, e = nt.orig_span(a, b)
    evidence = text[s:e]
    ns, ne = nt.orig_span(*num_span)
    value_text = text[ns:ne]
    if value is not None and not value_in_evidence(value, evidence, at=(ns - s, ne - s)):
        return
    q = qualifier or None
    key = (metric, value, unit, q, direction, ns)
    span_key = (metric, q, s, e)
    seen = self._seen
    if key in seen or span_key in seen:
        return
    seen.add(key)
    seen.add(span_key)
    self._keys.append((key, span_key))
    if self._paged is None:
        self._paged = bool(self.doc.meta.get("page_spans")) or any(b.location.page is not None for b in self.doc.blocks)
    loc = Location(page=self.doc.page_of(s) if self._paged else None, line=self.doc.line_of(s), char_start=s, char_end=e)
    self.facts.append(Fact(metric=metric, value=value, unit=unit, evidence=evidence, location=loc,
                           qualifier=q, direction=direction, period=period, value_text=value_text,
                           subject_code=subject_code, source="prose"))


class OldBuilder(FactBuilder):
    emit = _old_emit


def _rows(facts: list[Fact]) -> list[dict]:
    return [dataclasses.asdict(f) for f in facts]


PIECES = ["支出", "决算为", "12.50", "１２", "．", "5", "0", ",", "，", ";", ":", "、", "|", "\n", " ", "\u200b", "万元", "%",
          "(", ")", "其中", "1,234.5", "⼤", "\u3000", "a", "。"]


@st.composite
def emits(draw):
    text = "".join(draw(st.lists(st.sampled_from(PIECES), min_size=1, max_size=14)))
    nt = normalize_with_map(text)
    n = len(nt.text)
    calls = []
    for _ in range(draw(st.integers(1, 6))):
        n0 = draw(st.integers(0, max(n - 1, 0)))
        n1 = draw(st.integers(n0, n))  # n1 == n0 also: the former fallback
        a = draw(st.integers(0, n))
        b = draw(st.integers(0, n))
        raw = nt.text[n0:n1].replace(",", "")
        try:
            own = Decimal(raw) if raw else None
        except ArithmeticError:
            own = None
        value = draw(st.sampled_from([own, None, Decimal("12.50"), Decimal("-5"), Decimal("0")]))
        calls.append((draw(st.sampled_from(["m1", "m2"])), (n0, n1), value, "万元", (a, b),
                      draw(st.sampled_from([None, "", "q"])), draw(st.sampled_from([None, "increase"]))))
    return text, calls


def _run(cls, text, calls):
    doc = ParsedDocument(format="txt", text=text, blocks=[])
    fb = cls(doc, normalize_with_map(text))
    out = []
    for c in calls:
        try:
            fb.emit(*c)
            out.append(None)
        except Exception as exc:  # the same exception for the same call
            out.append(type(exc))
    return out, _rows(fb.facts), fb._seen


@settings(max_examples=600, deadline=None)
@given(emits())
def test_emit_builds_what_the_former_emit_built(case):
    text, calls = case
    assert _run(FactBuilder, text, calls) == _run(OldBuilder, text, calls)


def test_every_prose_fact_of_the_kept_documents(monkeypatch):
    docs = kept_documents()
    new = [_rows(extract_prose(d)) for d in docs]
    monkeypatch.setattr(builder_module.FactBuilder, "emit", _old_emit)
    old = [_rows(extract_prose(d)) for d in docs]
    assert new == old
    assert sum(map(len, new)) > 500
