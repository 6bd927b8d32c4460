"""Year-on-year changes in prose: "较上年增加12.00万元,增长7.03%" → prior_year_change_abs /
_pct with the magnitude as value, the direction, and what changed as qualifier. Only a change
against the previous year's final account counts (not against the budget, not a year further back)."""

from __future__ import annotations

import re

from .context import CLAUSE_DELIM, YEAR_RE, SentCtx, clean_qualifier, strip_connectors, three_public_item
from .mentions import Mention
from ...vocab.names import three_public_total_pattern

DIRECTION_RE = re.compile(
    r"(?:各|分别|共|同比|相应)?(增加|增长|上升|提高|增|减少|下降|降低|减|缩减|压减|节约|下降了|减少了|增加了|增长了)了?"
    r"(?:幅度|比例|率)?(?:为|是|达)?$|(增幅|降幅|减幅)(?:为|是|达)?$")
INCREASE_WORDS = ("增加", "增长", "上升", "提高", "增")

# comparison against the previous year's final account / against a given year / the budget
COMP_RE = re.compile(
    r"(?:与|较|比|同|和|对比)(?:(?:20\d\d年度?)?(?:年初|全年|调整后|本年|当年)?预算(?:数)?"
    r"|上年度?|上一年度?|去年|上年同期|(20\d\d)年度?)"
    r"|同比|上年同期相比"
)


class ChangeRules:
    """Mixin of SentenceExtractor: the change family."""

    def _prior_comparisons(self, sent: str) -> list[tuple[int, int, bool]]:
        """(start, end, is_prior_year) of every comparison phrase in the sentence."""
        out = []
        for m in COMP_RE.finditer(sent):
            phrase = m.group(0)
            if "预算" in phrase:
                out.append((m.start(), m.end(), False))
                continue
            y = m.group(1)
            if y:
                ref = None
                for ym in YEAR_RE.finditer(sent[: m.start()]):
                    if not re.search(r"[较比与和同]$", sent[max(0, ym.start() - 1): ym.start()]):
                        ref = int(ym.group(1))
                ref = ref or self.state.year
                prior = ref is None or int(y) == ref - 1
                # "比2019年(疫情前)": a year further back is not the prior year
                out.append((m.start(), m.end(), prior))
            else:
                out.append((m.start(), m.end(), True))
        return out


    def _change(self, ctx: SentCtx, m: Mention, sent: str, Lc: str, lc_abs: int, comps, inherit: bool,
                prev: Mention | None) -> str | None:
        """Emit the change a mention states: "prior" when emitted, "skip" when the mention is a
        change that is not a prior-year fact, None when it is no change at all."""
        fb, st = self.fb, self.state
        span = (m.start, m.num_end)
        rel = m.start - ctx.start
        # ---- year-on-year change
        dm = DIRECTION_RE.search(Lc)
        if dm and "/" in Lc[max(0, dm.start() - 4): dm.end() + 1]:
            return "skip"  # "增加/减少0万元": template residue, direction unknown
        if dm and (m.money or m.pct):
            before = [c for c in comps if c[1] <= rel - len(Lc) + dm.start() or c[1] <= rel]
            comp = max(before, key=lambda c: c[1]) if before else None
            if comp is None and not inherit:
                return "skip"
            if comp is not None and not comp[2]:
                return "skip"
            word = dm.group(1) or dm.group(2)
            direction = "increase" if word.startswith(INCREASE_WORDS) else "decrease"
            q = None
            if m.pct and prev is not None and ctx.change_subject and strip_connectors(Lc[: dm.start()]) == "":
                q = ctx.change_subject
            if q is None and comp is not None:
                between = sent[comp[1]: rel - len(Lc) + dm.start()]
                q = self._subject_text(between)
                if not q:
                    head_start = max(prev.end - ctx.start if prev is not None else 0, 0)
                    head = sent[head_start:comp[0]] if comp[0] >= head_start else ""
                    cut = max((d.end() for d in CLAUSE_DELIM.finditer(head)), default=0)
                    q = self._subject_text(head[cut:])
            elif q is None:
                q = self._subject_text(Lc[: dm.start()])
            if not q:
                q = ctx.subject or ctx.change_subject or st.last_subject
                if q == "合计" and ctx.kind == "tp":
                    q = "三公经费合计"
            q = self._canonical_subject(q, sent)
            ctx.change_subject = q
            metric = "prior_year_change_pct" if m.pct else "prior_year_change_abs"
            ev = lc_abs if m.pct else min(lc_abs, ctx.start + (comp[0] if comp else rel))
            fb.emit(metric, span, m.value, m.unit, (max(ev, m.start - 80), m.end), q, direction, "prior_year")
            return "prior"
        if re.search(r"增加|减少|增长|下降|降低", Lc):
            return "skip"
        return None

    def _subject_text(self, s: str) -> str | None:
        if re.search(r"\d", s):  # "减少0.28万元,降低3.09%,其中:X支出决算": the subject is X
            s = re.split(r"[\d%,;:]", s)[-1]
        s = re.sub(r"^(?:相比|比较|对比|决算数?|决算|同期|,|:|的|\(疫情前\))+", "", s)
        s = clean_qualifier(s)
        s = re.sub(r"(?:相比|比较|决算数?)$", "", s)
        if DIRECTION_RE.search(s):
            return None
        return s if len(s) >= 2 and re.search(r"[\u4e00-\u9fff]", s) else None

    def _canonical_subject(self, q: str | None, sent: str) -> str | None:
        if not q:
            return q
        item = three_public_item(q)
        if item:
            return item[0]
        if three_public_total_pattern().search(q):
            return "三公经费合计"
        return q
