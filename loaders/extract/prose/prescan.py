"""Whole-text cue scans for the sentence driver: which sentences hold a match of a pattern,
found with one ``finditer`` over the document instead of one ``search`` per sentence.

That is only the same answer for a *sentence-local* pattern: one whose matches never contain a
sentence delimiter and never look outside their own span (no anchors, look-arounds,
back-references or word boundaries) and that cannot match the empty string. Then every match
lies inside one sentence, is found there exactly as in the sentence alone, and the document
scan finds at least one match in a sentence exactly when ``pattern.search(sentence)`` does.
``sentence_local`` checks this on the parsed pattern; ``SentenceHits.of`` falls back to one
search per sentence for any other pattern (same answer, no saving).

Faster still, and for any pattern: the literal strings one of which every match contains
(``literal_plan``, read off the parsed pattern). The re engine spends ~100 instructions per
character of CJK text on any pattern; ``str.find`` of a literal a few. A pattern that is nothing
but a finite set of literal strings (``政府采购|国有资产``, ``一般公共预算(?:财政拨款)?支出``) is
answered by finding those strings; any other pattern by a search of only the sentences that
hold one of its required literals."""

from __future__ import annotations

import re
from functools import lru_cache

from .literals import literal_plan

try:  # Python >= 3.11
    from re import _constants as _C, _parser as _P
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]


def _local(items, delims: frozenset[int]) -> bool:
    for op, av in items:
        if op is _C.LITERAL:
            if av in delims:
                return False
        elif op is _C.IN:
            for iop, iav in av:
                if iop is _C.LITERAL:
                    if iav in delims:
                        return False
                elif iop is _C.RANGE:
                    if any(iav[0] <= d <= iav[1] for d in delims):
                        return False
                elif iop is _C.CATEGORY:
                    if iav is not _C.CATEGORY_DIGIT:
                        return False  # \s, \w, \D ... can match a delimiter
                else:
                    return False  # NEGATE and anything else
        elif op is _C.BRANCH:
            if not all(_local(b, delims) for b in av[1]):
                return False
        elif op is _C.SUBPATTERN:
            if not _local(av[-1], delims):
                return False
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
            if not _local(av[2], delims):
                return False
        elif op is getattr(_C, "ATOMIC_GROUP", None):
            if not _local(av, delims):
                return False
        else:
            return False  # ANY, NOT_LITERAL, AT, ASSERT(_NOT), GROUPREF ...
    return True


@lru_cache(maxsize=None)  # compile-once: keyed on the module-level patterns
def sentence_local(pattern: re.Pattern[str], delims: str) -> bool:
    """True when ``pattern`` is sentence-local for sentences split at the characters ``delims``."""
    if pattern.match("") is not None:
        return False
    try:
        tree = _P.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a pattern re compiled always parses
        return False
    return _local(list(tree), frozenset(map(ord, delims)))


class SentenceHits:
    """The sentences of one text: ``starts[k]`` is where sentence ``k`` starts; ``sents[k]`` its text."""

    def __init__(self, text: str, starts: list[int], sents: list[str], delims: str):
        self.text, self.starts, self.sents, self.delims = text, starts, sents, delims
        # the sentence of every text offset (a sentence's delimiter counts as its own): one list
        # index instead of a bisect per hit
        sid: list[int] = []
        for k, s in enumerate(sents):
            sid += [k] * (len(s) + 1)
        self.sentence_of = sid

    def of(self, pattern: re.Pattern[str], first: int = 0) -> set[int]:
        """Indices ``k >= first`` of the sentences in which ``pattern.search`` finds a match (a
        caller that knows no earlier sentence matters scans only the rest of the text)."""
        plan = literal_plan(pattern)
        if plan is not None:
            exact, words = plan
            found = self.literals(words, first)
            if exact:
                return found
            sents = self.sents
            return {k for k in found if pattern.search(sents[k])}
        if not sentence_local(pattern, self.delims):
            return {k for k in range(first, len(self.sents)) if pattern.search(self.sents[k])}
        starts, text, n = self.starts, self.text, len(self.starts)
        out: set[int] = set()
        if first >= n:
            return out
        m = pattern.search(text, starts[first])  # no look-behind: the same as a search of the rest
        while m is not None:
            k = self.sentence_of[m.start()]
            out.add(k)
            if k + 1 >= n:
                break
            m = pattern.search(text, starts[k + 1])
        return out

    def gate(self, pattern: re.Pattern[str]) -> set[int] | None:
        """A superset of ``of(pattern)`` for a caller that searches those sentences itself: the
        sentences holding one of the pattern's literals, None (every sentence) when it has none."""
        plan = literal_plan(pattern)
        return None if plan is None else self.literals(plan[1])

    def literals(self, words, first: int = 0) -> set[int]:
        """Indices ``k >= first`` of the sentences containing one of ``words`` (a word with a
        delimiter in it is in no sentence). Each scan finds the first occurrence at or after a
        position of its word, or of any word of its group, so it jumps to the next sentence after
        each hit (``_word_scans``)."""
        starts, text, out, sid = self.starts, self.text, set(), self.sentence_of
        n = len(starts)
        if first >= n:
            return out
        chars, searches = _word_scans(tuple(words), self.delims)
        for word in chars:
            p = text.find(word, starts[first])
            while p != -1:
                k = sid[p]
                out.add(k)
                if k + 1 >= n:
                    break
                p = text.find(word, starts[k + 1])
        for search in searches:
            m = search(text, starts[first])
            while m is not None:
                k = sid[m.start()]
                out.add(k)
                if k + 1 >= n:
                    break
                m = search(text, starts[k + 1])
        return out

    def literal(self, word: str) -> set[int]:
        """Indices of the sentences containing ``word``."""
        return self.literals((word,))


@lru_cache(maxsize=None)  # compile-once: keyed on the module-level plans' word tuples
def _word_scans(words: tuple[str, ...], delims: str) -> tuple[tuple[str, ...], tuple]:
    """The scans ``literals`` runs for ``words``: ``str.find`` of each word of one character (its
    memchr-like scan beats any pattern), and one regex ``search`` per group of the longer words
    sharing a first character (the leftmost position any word of the group starts at; their
    alternation has the group's common prefix as its literal prefix, and the re engine's prefix
    scan is faster than one ``str.find`` per word). Words holding a delimiter are in no sentence
    and left out."""
    chars: list[str] = []
    groups: dict[str, list[str]] = {}
    for w in dict.fromkeys(words):
        if any(d in w for d in delims):
            continue
        if len(w) <= 1:  # ("" is found at every position, as str.find finds it)
            chars.append(w)
        else:
            groups.setdefault(w[0], []).append(w)
    searches = tuple(re.compile("|".join(map(re.escape, sorted(g, key=len, reverse=True)))).search
                     for g in groups.values())
    return tuple(chars), searches
