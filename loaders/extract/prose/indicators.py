"""Performance indicators in prose: "完成小型水库除险加固12座(指标值:≥10座)" (the actual value,
then its target in brackets) and "天然林管护面积:指标值≥12.5万亩,实际完成值12.86万亩" (the
target, then the actual value; wordings in seeds/lexicon/section_cues.csv: indicator_target,
indicator_actual) give the indicator's actual value and its target."""

from __future__ import annotations

import re
from functools import lru_cache

from ...vocab.lexicon import cue
from .context import INDICATOR, INDICATOR_COMPARE, INDICATOR_OPEN, clean_qualifier
from .mentions import NUM, to_decimal

_COMPARE = "(?:" + INDICATOR_COMPARE + ")*"  # what may stand between a target wording and its number
# a unit as printed after an indicator's number: up to four characters, no digit or delimiter
_UNIT = r"[^\d,;:。()≥≤]{0,4}?"
# a name's leading words that belong to the sentence, not to the indicator
_NAME_LEAD = re.compile(r"^(?:其中|全年|年度|本年|主要)+")


@lru_cache(maxsize=None)
def indicator_cue() -> re.Pattern[str]:
    """A sentence without a match holds no indicator pair (the bracketed target or the target wording)."""
    return re.compile(INDICATOR_OPEN + "|" + cue("indicator_target").pattern)


@lru_cache(maxsize=None)
def target_first() -> re.Pattern[str]:
    """"名称[:](年度)指标值[:]≥A单位,(全年)实际完成值B单位": the name ends where the sentence's
    previous clause does; the actual value follows the target's comma."""
    return re.compile(
        r"(?P<name>[^,;:。()\d]{2,30}?):?(?:" + cue("indicator_target").pattern + r")(?:为|是|:)?" + _COMPARE
        + r"(?P<tgt>" + NUM + r")(?P<tu>" + _UNIT + r"),(?:" + cue("indicator_actual").pattern + r")(?:为|是|:)?"
        + r"(?P<act>" + NUM + r")(?P<au>" + _UNIT + r")(?=$|[,;。(])")


@lru_cache(maxsize=None)
def form_lines() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The three lines of an indicator in a form printed one field per line: "三级指标:名称",
    "年度指标值:≥A单位", "实际完成值:B单位" (wordings: section_cues indicator_name /
    indicator_target / indicator_actual)."""
    value = r"(?:为|是)?:?" + _COMPARE + r"(?P<v>" + NUM + r")(?P<u>[^\d,;:。()≥≤]{0,6})$"
    return (re.compile(r"^(?:" + cue("indicator_name").pattern + r"):(?P<name>[^,;:。\d]{2,30})$"),
            re.compile(r"^(?:" + cue("indicator_target").pattern + r")" + value),
            re.compile(r"^(?:" + cue("indicator_actual").pattern + r")" + value))


class IndicatorRules:
    """Mixin of SentenceExtractor: indicator pairs."""

    def _indicators(self, start: int, sent: str, k: int | None = None) -> set[int]:
        """Emit the indicator pairs of sentence ``k`` (at ``start``); return the number starts used."""
        used: set[int] = set()
        if not indicator_cue().search(sent):
            return used
        if k is not None and self._form_indicator(k, used):
            return used
        for m in INDICATOR.finditer(sent):
            au, tu = m.group("au").strip(), m.group("tu").strip()
            unit_t, unit_a = tu or au, au or tu
            if not unit_t or re.search(r"[年月日]", unit_t):
                continue
            name = clean_qualifier(re.sub(r"^(?:主要)?(?:产出|效果|效益|指标)(?:和效果)?", "", m.group("name")))
            if len(name) < 2:
                continue
            a0 = start + m.start("name") + m.group("name").find(name[:2]) if name[:2] in m.group("name") else start + m.start("name")
            self._indicator_pair(m, start, name, a0, unit_a, unit_t, (m.end("au"), m.end()), used)
        for m in target_first().finditer(sent):
            if start + m.start("act") in used:
                continue
            tu, au = m.group("tu").strip(), m.group("au").strip()
            if not tu or tu != au or re.search(r"[年月日]", tu):
                continue  # the two values of one indicator are printed in one unit
            raw = m.group("name")
            name = clean_qualifier(_NAME_LEAD.sub("", raw.strip()))
            if len(name) < 2:
                continue
            a0 = start + m.start("name") + max(raw.find(name[:2]), 0)
            self._indicator_pair(m, start, name, a0, au, tu, (m.end("au"), m.end("au")), used)
        return used

    def _indicator_pair(self, m: re.Match[str], start: int, name: str, a0: int, unit_a: str, unit_t: str,
                        ev_ends: tuple[int, int], used: set[int]) -> None:
        """The actual value and the target of match ``m`` (groups act / tgt), each with its evidence
        from ``a0`` to its end in ``ev_ends`` (actual, target; offsets in the sentence)."""
        for key, metric, unit, ev_end in (("act", "perf_indicator_actual", unit_a, ev_ends[0]),
                                          ("tgt", "perf_indicator_target", unit_t, ev_ends[1])):
            v = to_decimal(m.group(key))
            span = (start + m.start(key), start + m.end(key))
            self.fb.emit(metric, span, v, unit, (a0, start + ev_end), name)
            used.add(span[0])

    def _form_indicator(self, k: int, used: set[int]) -> bool:
        """Sentence ``k`` is an indicator's target line of a one-field-per-line form, the sentence
        before names the indicator and the one after gives its actual value: emit both (the
        evidence runs from the name line to the value's line). True when read."""
        sents, starts = self._sents, self._starts
        name_re, target_re, actual_re = form_lines()
        t = target_re.match(sents[k])
        if not t or k == 0 or k + 1 >= len(sents):
            return False
        n, a = name_re.match(sents[k - 1]), actual_re.match(sents[k + 1])
        if not n or not a or t.group("u").strip() != a.group("u").strip() or not t.group("u").strip():
            return False
        name = clean_qualifier(n.group("name"))
        unit = t.group("u").strip()
        if len(name) < 2 or re.search(r"[年月日]", unit):
            return False
        a0 = starts[k - 1] + n.start("name")
        for m, s0, metric, ev_end in ((t, starts[k], "perf_indicator_target", starts[k] + t.end()),
                                      (a, starts[k + 1], "perf_indicator_actual", starts[k + 1] + a.end())):
            span = (s0 + m.start("v"), s0 + m.end("v"))
            self.fb.emit(metric, span, to_decimal(m.group("v")), unit, (a0, ev_end), name)
            used.add(span[0])
        return True

