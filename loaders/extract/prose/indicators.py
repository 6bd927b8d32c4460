"""Performance indicators in prose: "完成小型水库除险加固12座(指标值:≥10座)" gives the
indicator's actual value and its target."""

from __future__ import annotations

import re

from .context import INDICATOR, INDICATOR_CUE, clean_qualifier
from .mentions import to_decimal


class IndicatorRules:
    """Mixin of SentenceExtractor: indicator pairs."""

    def _indicators(self, start: int, sent: str) -> set[int]:
        """Emit "指标名 actual (指标值: target)" pairs; return the number starts used."""
        used: set[int] = set()
        if not INDICATOR_CUE.search(sent):
            return used
        for m in INDICATOR.finditer(sent):
            au, tu = m.group("au").strip(), m.group("tu").strip()
            unit_t, unit_a = tu or au, au or tu
            if not unit_t or re.search(r"[年月日]", unit_t):
                continue
            name = clean_qualifier(re.sub(r"^(?:主要)?(?:产出|效果|效益|指标)(?:和效果)?", "", m.group("name")))
            if len(name) < 2:
                continue
            q = name
            a0 = start + m.start("name") + m.group("name").find(name[:2]) if name[:2] in m.group("name") else start + m.start("name")
            for key, metric, unit in (("act", "perf_indicator_actual", unit_a), ("tgt", "perf_indicator_target", unit_t)):
                v = to_decimal(m.group(key))
                span = (start + m.start(key), start + m.end(key))
                ev_end = start + (m.end("au") if key == "act" else m.end())
                self.fb.emit(metric, span, v, unit, (a0, ev_end), q)
                used.add(span[0])
        return used
