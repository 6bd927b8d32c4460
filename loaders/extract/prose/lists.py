"""One amount stated for a list of names ("A、B和C均为0万元"): each listed name's too. The list
words (seeds/lexicon/section_cues.csv: same_amount_list, list_separator) are read from the seed."""

from __future__ import annotations

import re
from copy import copy
from functools import lru_cache

from ...vocab.lexicon import cue
from .context import SentCtx
from .mentions import Mention

_CLAUSE_END = re.compile(r"[,;:。|]")  # the list is the last clause before the amount


def same_amount_list() -> re.Pattern[str]:
    """Where a label ends in 均为 / 都是 …: the amount after it is shared by a list."""
    return cue("same_amount_list")


@lru_cache(maxsize=None)
def _list_name() -> re.Pattern[str]:
    """One name of such a list: 2 to 40 characters, none a list separator."""
    return re.compile(r"(?:(?!" + cue("list_separator").pattern + r")[\s\S]){2,40}")


class ListRules:
    """Mixin of SentenceExtractor: an amount shared by the names of a list."""

    def _listed_same(self, ctx: SentCtx, m: Mention, sent: str, L: str, l_abs: int, comps, inherit: bool,
                     prev: Mention | None) -> None:
        """"A、B和C均为0万元": the amount the last name was given is each listed name's too. Each
        earlier name is read as if the amount followed it alone; it is kept only when it gives one
        fact of the same metric (a name that reads otherwise, "收入、支出总计均为", adds nothing).
        ``L`` ends with the same_amount_list wording (the caller checked its last clause)."""
        fb = self.fb  # type: ignore[attr-defined]
        done = fb.facts[-1]
        head = L[:same_amount_list().search(L).start()]  # type: ignore[union-attr]
        cut = max((d.end() for d in _CLAUSE_END.finditer(head)), default=0)
        parts = [(p.start(), p.group()) for p in _list_name().finditer(head, cut)]
        if len(parts) < 2:
            return
        for at, name in parts[:-1]:
            n0 = len(fb.facts)
            trial = copy(ctx)
            self.mention(trial, m, sent, name, name, l_abs + at, l_abs + at, comps, inherit, prev)  # type: ignore[attr-defined]
            new = fb.facts[n0:]
            if not (len(new) == 1 and new[0].metric == done.metric and new[0].qualifier != done.qualifier
                    and new[0].value == done.value):
                fb.rollback(n0)
