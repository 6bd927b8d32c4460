"""new_facts (a 预算 narrative's or a 决算's own budget figures next to the facts already read)
keeps what indexing every existing fact keeps, while it only indexes the ones that can match."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.extract.prose.budget import new_facts
from loaders.model import Fact, Location


def _old_new_facts(found, existing):
    def span(f):
        return (f.location.char_start or -1, f.location.char_end or -1)
    by_key = {}
    for f in existing:
        by_key.setdefault((f.metric, f.value), []).append(span(f))
    return [f for f in found
            if not any(s < span(f)[1] and span(f)[0] < e for s, e in by_key.get((f.metric, f.value), []))]


FACTS = st.builds(
    lambda metric, value, a, n: Fact(metric=metric, value=value, unit="万元", evidence="x",
                                     location=Location(char_start=a, char_end=None if a is None else a + n)),
    st.sampled_from(["gpb_budget_total", "gpb_item_budget", "expense_total"]),
    st.sampled_from([None, Decimal("1"), Decimal("1.0"), Decimal("2.5"), Decimal("0")]),
    st.one_of(st.none(), st.integers(0, 30)), st.integers(0, 8))


@settings(max_examples=120, deadline=None)
@given(st.lists(FACTS, max_size=6), st.lists(FACTS, max_size=12))
def test_new_facts_equals_indexing_every_fact(found, existing):
    assert new_facts(found, existing) == _old_new_facts(found, existing)
