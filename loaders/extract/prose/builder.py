"""Fact construction for the prose rules: evidence mapped back from the normalised text to an
exact substring of the document, one fact per (metric, value, unit, qualifier, direction, number)."""

from __future__ import annotations

from bisect import bisect_right
from decimal import Decimal

from ...model import Fact, Location, ParsedDocument
from ...numbers import value_in_evidence
from ...textnorm import NormText


# what may separate the evidence's label from the clause before it: not part of the evidence
_LEADING_PUNCT = ",;:、|\n "


class FactBuilder:
    """Builds Facts whose evidence is the original text of a normalised span."""

    def __init__(self, doc: ParsedDocument, nt: NormText):
        self.doc = doc
        self.nt = nt
        self.facts: list[Fact] = []
        self._seen: set[tuple] = set()
        self._keys: list[tuple[tuple, tuple]] = []  # the (key, span_key) of each fact, for ``rollback``
        self._paged: bool | None = None  # whether any page can be found (else every page is None)
        # metrics not emitted for the sentence being read (the prose driver sets them: the unit's
        # totals inside a one-fund section, whose figures are that fund's)
        self.withheld: frozenset[str] = frozenset()

    def emit(self, metric: str, num_span: tuple[int, int], value: Decimal | None, unit: str,
             ev_span: tuple[int, int], qualifier: str | None = None, direction: str | None = None,
             period: str | None = None, subject_code: str | None = None) -> None:
        if metric in self.withheld:
            return
        nt = self.nt
        n0, n1 = num_span
        a, b = ev_span
        if a > n0:
            a = n0
        if b < n1:
            b = n1
        norm = nt.text
        while a < n0 and norm[a] in _LEADING_PUNCT:
            a += 1
        n, at, delta = nt._lookup
        if 0 <= a <= n0 < n1 <= b <= n:
            # ``start_of`` of the four ends, its bisect inlined (the text's own run map,
            # NormText._lookup); a <= n0 <= n1 - 1 <= b - 1, so each bisect starts where the one
            # before ended (bisect_right is monotone: the same index as a search from 0)
            i = bisect_right(at, a)
            s = a + delta[i - 1]
            i = bisect_right(at, n0, i)
            ns = n0 + delta[i - 1]
            i = bisect_right(at, n1 - 1, i)
            ne = n1 + delta[i - 1]
            i = bisect_right(at, b - 1, i)
            e = b + delta[i - 1]
        elif n0 < n1:  # pragma: no cover - a span outside the text: start_of raises as it did
            start_of = nt.start_of
            s, e = start_of(a), start_of(b - 1) + 1
            ns, ne = start_of(n0), start_of(n1 - 1) + 1
        else:  # pragma: no cover - a printed number is never empty
            s, e = nt.orig_span(a, b)
            ns, ne = nt.orig_span(n0, n1)
        text = self.doc.text
        evidence = text[s:e]
        if value is not None and not value_in_evidence(value, evidence, at=(ns - s, ne - s)):
            return
        q = qualifier or None
        key = (metric, value, unit, q, direction, ns)
        span_key = (metric, q, s, e)  # one evidence span never states two facts of one metric and qualifier
        seen = self._seen
        if key in seen or span_key in seen:
            return
        seen.add(key)
        seen.add(span_key)
        self._keys.append((key, span_key))
        if self._paged is None:
            self._paged = bool(self.doc.meta.get("page_spans")) or any(b.location.page is not None for b in self.doc.blocks)
        value_text = text[ns:ne]
        loc = Location(page=self.doc.page_of(s) if self._paged else None, line=self.doc.line_of(s), char_start=s, char_end=e)
        self.facts.append(Fact(metric=metric, value=value, unit=unit, evidence=evidence, location=loc,
                               qualifier=q, direction=direction, period=period, value_text=value_text,
                               subject_code=subject_code,
                               source="prose"))

    def rollback(self, n: int) -> None:
        """Forget the facts emitted after the first ``n`` (a tentative reading that did not hold)."""
        for key, span_key in self._keys[n:]:
            self._seen.discard(key)
            self._seen.discard(span_key)
        del self._keys[n:], self.facts[n:]
