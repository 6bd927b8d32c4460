"""The prose driver as it was at 58600d9 (before the whole-text scans), kept as the oracle of
tests/extract/prose/test_driver_scans.py: its ``run`` / ``sentence`` / ``mention`` search every
sentence with every pattern, find mentions with MENTION_RE and labels with CLAUSE_DELIM.finditer.
The rule families are the current ones (they are not what the oracle checks)."""

from __future__ import annotations

import re

from loaders.extract.prose.context import (CLAUSE_DELIM, ENUM_PREFIX, EXPLANATION, LEAVE_PROJECT, NEXT_YEAR_BUDGET,
                                           PATH_MARK, QUOTED_PROJECT, SCORE_WORDS, SENT_SPLIT, STAGE_ONLY, SentCtx,
                                           clean_qualifier, strip_connectors, three_public_item)
from loaders.extract.prose.mentions import COUNTERS, MENTION_RE, Mention, to_decimal
from loaders.extract.prose.sentences import CONTINUES_CHANGE, SentenceExtractor
from loaders.vocab.lexicon import any_cue, cue


def find_mentions(norm: str) -> list[Mention]:
    out = []
    for m in MENTION_RE.finditer(norm):
        num = m.group(1)
        if len(num.split(".")[0].replace(",", "")) > 10:  # codes, not amounts
            continue
        v = to_decimal(num)
        if v is None:
            continue
        unit = "万元" if m.group(2) == "万" else m.group(2)
        out.append(Mention(m.start(1), m.end(2), m.end(1), v, unit))
    return out


class ReferenceExtractor(SentenceExtractor):
    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        norm = self.norm
        mentions = find_mentions(norm)
        pos, mi = 0, 0
        for sm in list(SENT_SPLIT.finditer(norm)) + [None]:
            end = sm.start() if sm else len(norm)
            sent = norm[pos:end]
            ms = []
            while mi < len(mentions) and mentions[mi].start < end:
                if mentions[mi].start >= pos:
                    ms.append(mentions[mi])
                mi += 1
            self.sentence(pos, sent, ms)
            pos = end + 1

    def sentence(self, start: int, sent: str, ms: list[Mention]) -> None:
        st = self.state
        ctx = SentCtx(start, sent) if ms else None  # only a sentence with amounts has a context
        # section / fund context
        if "三公" in sent:
            st.three_public_section = True
        elif cue("leave_three_public").search(sent) and not ms:
            st.three_public_section = False
        if not any_cue("fund_gpb", "fund_govfund", "fund_all").search(sent):
            pass  # no fund named
        elif cue("fund_gpb").search(sent):
            st.fund = "gpb"
        elif cue("fund_govfund").search(sent) and "支出" in sent:
            st.fund = "govfund"
        elif cue("fund_all").search(sent):
            st.fund = "all"
            st.fiscal_named = "财政拨款" in sent  # (state added 2026-12-04: the driver's own rule)
        if PATH_MARK.search(sent) and not ms:
            p = clean_qualifier(sent.split(":")[0] if sent.endswith(":") else sent)
            st.item_prefix = p if "(类)" in p else (re.sub(r"\(款\).*$", "", st.item_prefix) + p if "(款)" in p else p)
            if re.search(r"\((?:款|项)\)$", p):
                # "...行政运行(项)。年初预算为X万元,支出决算为Y万元": the item is named in its own sentence
                st.pending_item = (st.item_prefix, start + max(sent.find(p[:4]), 0))
            return
        tp_head = ENUM_PREFIX.sub("", sent.strip("#* "), count=1).strip(" :")
        tp_hit = three_public_item(tp_head) if not ms and tp_head else None
        if tp_hit and tp_hit[1].start() == 0 and tp_hit[1].end() == len(tp_head):
            st.pending_tp = (tp_hit[0], start + max(sent.find(tp_head[:2]), 0))
            return
        ph = self._project_heading(sent)
        if ph:
            st.project = ph
        elif not ms and (ENUM_PREFIX.match(sent) or sent.lstrip().startswith("#")) and LEAVE_PROJECT.search(sent):
            st.project = None
        pending, st.pending_item = st.pending_item, None
        pending_tp, st.pending_tp = st.pending_tp, None
        if pending_tp and ms and re.match(r"^(?:年初|全年|调整后)?(?:预算|支出决算|决算|支出)", sent):
            ctx.subject, ctx.kind, ctx.item_start = pending_tp[0], "tp", pending_tp[1]
        if pending and ms and st.fund != "govfund" and re.match(
                r"^(?:其中)?:?(?:年初|全年|调整后)?(?:预算|支出决算|决算|支出)", sent):
            ctx.subject, ctx.kind, ctx.item_start = pending[0], "gpb_item", pending[1]
        gpb_stated, st.gpb_total_stated = st.gpb_total_stated, False
        if gpb_stated and ms and ctx.kind is None and STAGE_ONLY.search(strip_connectors(sent[:ms[0].start - start])):
            ctx.kind = "gpb_total"  # "…财政拨款支出X万元。年初预算为Y万元,…完成年初预算的Z%"
        nb = NEXT_YEAR_BUDGET.search(sent)
        if nb and st.year and int(nb.group(1)) > st.year:
            return
        comp_here = self._prior_comparisons(sent)
        # "其中:…" / "X增加(减少)的主要原因是…": the sentence goes on about the changes just stated
        inherit = bool(ms) and not comp_here and st.last_comp_prior and CONTINUES_CHANGE.match(sent) is not None
        any_prior = False
        prev_end = 0
        consumed = self._indicators(start, sent)
        if ctx is None:  # no amount: only the comparison state goes on to the next sentence
            if comp_here:
                st.last_comp_prior = any(c[2] for c in comp_here)
            st.gpb_total_stated = False
            return
        self._respectively(ctx, sent, ms)
        consumed |= self._listed_changes(ctx, sent, ms, comp_here, inherit)
        for k, m in enumerate(ms):
            a, b = m.start - start, m.end - start
            if m.start in consumed:
                prev_end = b
                continue
            L = sent[prev_end:a]
            lc_off = 0
            for d in CLAUSE_DELIM.finditer(L):
                lc_off = d.end()
            Lc = L[lc_off:]
            l_abs, lc_abs = start + prev_end, start + prev_end + lc_off
            if m.start in ctx.labels:  # "A和B,分别为a、b": b is B's amount
                name, name_abs, share = ctx.labels[m.start]
                if share and m.pct:
                    self.fb.emit("share_pct", (m.start, m.num_end), m.value, "%", (name_abs, m.end), name)
                    prev_end = b
                    continue
                L = Lc = name
                l_abs = lc_abs = name_abs
            res = self.mention(ctx, m, sent, L, Lc, l_abs, lc_abs, comp_here, inherit, ms[k - 1] if k else None)
            any_prior = any_prior or res == "prior"
            prev_end = b
        if comp_here or any_prior:
            st.last_comp_prior = any(c[2] for c in comp_here) or any_prior
        elif ms:
            st.last_comp_prior = False
        if ctx.subject:
            st.last_subject = ctx.subject
        st.gpb_total_stated = ctx.kind == "gpb_total"

    def mention(self, ctx: SentCtx, m: Mention, sent: str, L: str, Lc: str, l_abs: int, lc_abs: int,
                comps, inherit: bool, prev: Mention | None):
        fb, st = self.fb, self.state
        span = (m.start, m.num_end)
        rel = m.start - ctx.start
        lc_s = strip_connectors(Lc)

        # ---- year-on-year change (changes.py)
        change = self._change(ctx, m, sent, Lc, lc_abs, comps, inherit, prev)
        if change is not None:
            return None if change == "skip" else change
            return None

        # ---- percentages
        if m.pct:
            return self._percent(ctx, m, Lc, lc_s, lc_abs, prev)

        # ---- counters and scores
        if m.unit in COUNTERS:
            return self._counter(ctx, m, L, Lc, lc_abs, sent)
        if m.unit == "分":
            if SCORE_WORDS.search(L) and m.value <= 100:
                if "整体" in sent[:rel]:
                    q = "部门整体"
                else:
                    qm = QUOTED_PROJECT.findall(sent[:rel])
                    q = (qm[-1][0] or qm[-1][1]) if qm else st.project
                fb.emit("self_eval_score", span, m.value, "分", (lc_abs, m.end), q)
            return None

        # ---- money
        if EXPLANATION.search(sent[:rel]) or ctx.budget_frame:
            return None  # amounts quoted to explain a change; budget-framed lists
        out = self._money(ctx, m, sent, L, Lc, lc_s, l_abs, lc_abs, rel)
        if prev is None and ctx.kind in (None, "other") and re.search(r"预算(?:数|资金)?(?:为|是)?$", Lc) \
                and "决算" not in Lc and "其中" in sent[rel:]:
            ctx.budget_frame = True
        return out

