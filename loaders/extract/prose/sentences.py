"""The prose driver: every number+unit mention is classified by the words just before it (its
label), the sentence it sits in and a little state carried between sentences (fund of the
section, 类/款 path heading, last subject, last year-on-year comparison). Each rule family lives
in its own module (changes, money, counts, projects, indicators); this module splits sentences,
labels mentions and dispatches. The cues and mentions are found once over the whole text
(prescan.py, mentions.py); from them ``run`` knows which sentences can do anything and reads
only those (``_live_sentences``)."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

from ...vocab.lexicon import any_cue, cue
from ...vocab.metrics import all_funds_totals
from .builder import FactBuilder
from .changes import ChangeRules, ListedChanges
from .changes import COMP_START
from .context import (ENUM_PREFIX, FROM_PRIOR, TO_NOW, LAST_CLAUSE_DELIM, LEAVE_PROJECT, explaining, NEXT_YEAR_BUDGET, PATH_MARK,
                      STAGE_ONLY, SCORE_WORDS, SENT_DELIMS, DocState, SentCtx,
                      clean_qualifier, doc_year, split_sentences, strip_connectors, three_public_item, three_public_whole)
from .counts import CountRules
from .indicators import IndicatorRules, indicator_cue
from .respectively import RespectiveRules
from .lists import ListRules, same_amount_list
from .mentions import COUNTERS, Mention, find_mentions, with_listed_units
from .money import MoneyRules
from .prescan import SentenceHits, literal_plan
from .projects import ProjectRules


CONTINUES_CHANGE = re.compile(r"^[\s|]*(?:其中|[^,;:。]{2,20}(?:增加|减少|增长|下降)(?:的)?(?:主要)?原因)")
_KUAN_TAIL = re.compile(r"\(款\).*$")
_KUAN_XIANG_END = re.compile(r"\((?:款|项)\)$")
_TP_STAGE = re.compile(r"^(?:年初|全年|调整后)?(?:预算|支出决算|决算|支出)")
_ITEM_STAGE = re.compile(r"^(?:其中)?:?(?:年初|全年|调整后)?(?:预算|支出决算|决算|支出)")
_BUDGET_LABEL = re.compile(r"预算(?:数|资金)?(?:为|是)?$")


def _names_one_fund(sent: str) -> bool:
    """The sentence speaks of the 政府性基金 fund alone (seeds/lexicon/section_cues.csv: one_fund,
    and no not_one_fund wording such as 一般公共预算 or the unit's 总计)."""
    return cue("one_fund").search(sent) is not None and cue("not_one_fund").search(sent) is None


@lru_cache(maxsize=None)
def _empty_sentence_is_inert() -> bool:
    """An empty sentence matches none of the sentence cues (true of today's seeds and patterns;
    were a cue ever to match "", ``run`` would send empty sentences down the full path)."""
    pats = (cue("leave_three_public"), any_cue("fund_gpb", "fund_govfund", "fund_all"), PATH_MARK, LEAVE_PROJECT,
            COMP_START, indicator_cue(), NEXT_YEAR_BUDGET, ENUM_PREFIX, three_public_whole())
    return all(p.search("") is None for p in pats)


class SentenceExtractor(ChangeRules, ListedChanges, MoneyRules, CountRules, ProjectRules, IndicatorRules, ListRules,
                        RespectiveRules):
    def __init__(self, fb: FactBuilder, norm: str, year: int | None = None, budget: bool = False):
        self.fb = fb
        self.norm = norm
        self.budget = budget  # a 预算 document: a budget-framed list states its figures
        self.state = DocState(year=year or doc_year(norm))
        self._withheld_at = -2  # the last sentence that stated one fund's figures (``sentence``)

    # ------------------------------------------------------------------ driver
    def run(self) -> None:
        norm = self.norm
        sents = split_sentences(norm)
        starts = list(accumulate([len(x) + 1 for x in sents[:-1]], initial=0))
        # the sentence-level cues, each found with one scan of the whole text (prescan.py)
        hits = SentenceHits(norm, starts, sents, SENT_DELIMS)
        # one exact hit set per fund cue: _fund_named asks them instead of searching the sentence
        self._h_gpb, self._h_govfund, self._h_all = (hits.of(cue(n)) for n in ("fund_gpb", "fund_govfund", "fund_all"))
        self._h_fund = self._h_gpb | self._h_govfund | self._h_all
        self._h_path = hits.of(PATH_MARK)
        self._h_comp = hits.of(COMP_START)  # _prior_comparisons' own pre-check: no such character, no comparison
        self._h_indicator = hits.of(indicator_cue())  # no indicator opening: _indicators finds none
        self._h_next_year = hits.gate(NEXT_YEAR_BUDGET)  # the sentences NEXT_YEAR_BUDGET may match in
        # a 三公 item heading is one wording as a whole: its sentence holds one of the literals every wording has
        tp_plan = literal_plan(three_public_whole())
        self._h_tp = hits.literals(tp_plan[1]) if tp_plan else None
        if self._h_next_year is None:
            self._h_next_year = set(range(len(sents)))
        by_sentence: dict[int, list[Mention]] = {}
        sentence_of = hits.sentence_of
        for m in with_listed_units(norm, find_mentions(norm)):  # a mention never spans a delimiter
            k = sentence_of[m.start]
            got = by_sentence.get(k)
            if got is None:
                by_sentence[k] = [m]
            else:
                got.append(m)
        # the project each "项目" sentence opens (_project_heading is a pure function of the sentence)
        heads = ((k, self._project_heading(sents[k])) for k in hits.literal("项目"))
        self._headings = {k: ph for k, ph in heads if ph}
        # the 三公 section opens at a "三公" sentence: a leave-三公 cue before the first one closes
        # nothing (the section starts closed), so the scan for it starts there
        self._opens_tp = hits.literal("三公")
        self._h_leave3 = hits.of(cue("leave_three_public"), min(self._opens_tp)) if self._opens_tp else set()
        self._sents, self._starts = sents, starts
        self._deferred_comp: list[int] = []
        self._read_upto = 0  # the sentence after the last one that set last_comp_prior
        visit = self._live_sentences(hits, sents, by_sentence)
        st = self.state
        plain, amounts = self._plain_sentence, self.sentence
        after = 0  # the first sentence not yet read
        for k in visit:
            if k > after:
                # sentences after..k-1 are inert: each only ends the one-sentence states (the same
                # three assignments whatever came before, so a run of them is one)
                st.pending_item = st.pending_tp = None
                st.gpb_total_stated = False
            ms = by_sentence.get(k)
            if ms:
                amounts(starts[k], sents[k], ms, k)
                self._read_upto = k + 1  # ``sentence`` always sets last_comp_prior
            else:
                plain(starts[k], sents[k], k)
            after = k + 1
        if after < len(sents):
            st.pending_item = st.pending_tp = None
            st.gpb_total_stated = False
        st.last_comp_prior = self._comp_prior_before(len(sents))

    def _comp_prior_before(self, k: int) -> bool:
        """``state.last_comp_prior`` as the sentences before ``k`` leave it. The deferred
        comparison-only sentences between the last sentence that set it and ``k`` were skipped: the
        newest of them that states a comparison sets it (its comparison step, run now:
        ``_prior_comparisons`` reads only the sentence and the document's year), else it is as
        the last sentence read left it."""
        d, sents = self._deferred_comp, self._sents
        i = bisect_left(d, k)
        while i > 0 and d[i - 1] >= self._read_upto:
            i -= 1
            sent = sents[d[i]]
            if d[i] in self._h_next_year:  # _plain_sentence's early return before its comparison step
                nb = NEXT_YEAR_BUDGET.search(sent)
                if nb and self.state.year and int(nb.group(1)) > self.state.year:
                    continue
            comp_here = self._prior_comparisons(sent)
            if comp_here:
                return any(c[2] for c in comp_here)
        return self.state.last_comp_prior

    def _live_sentences(self, hits: SentenceHits, sents: list[str], by_sentence: dict[int, list[Mention]]) -> list[int]:
        """The sentences ``run`` must read, in order: those with a mention, and those on which a
        step of ``_plain_sentence`` does something: a cue hit set (fund, 类/款/项 mark, indicator,
        三公 item heading), a "三公" sentence, a project heading (``_headings``), an enumerated or
        "#" heading with a LEAVE_PROJECT wording after the first project heading (st.project is
        None before it: only a heading sets it), and a leave-三公 sentence while the 三公 section
        is open (else closing it is a no-op; only ``_plain_sentence`` closes it, and both paths
        open it at "三公"). Every other sentence is inert: ``_plain_sentence`` on it only sets
        pending_item / pending_tp to None and gpb_total_stated to False. The next-year gate is
        not among them: it only decides whether the comparison and indicator steps run. A
        sentence whose only step is the comparison one is deferred (``_deferred_comp``). An
        empty sentence is inert too unless a sentence cue could match "" (then it is read)."""
        if self._h_tp is None:
            return list(range(len(sents)))
        opens = self._opens_tp
        live = set(by_sentence)
        live |= opens
        live |= self._h_fund
        live |= self._h_path
        live |= self._h_indicator
        live |= self._h_tp
        live.update(self._headings)
        if self._headings:  # before the first project heading there is no project to leave
            leave = hits.of(LEAVE_PROJECT, min(self._headings))
            live.update(k for k in leave if ENUM_PREFIX.match(sents[k]) or sents[k].lstrip().startswith("#"))
        section_open = False
        for k in sorted(opens | self._h_leave3):
            if k in opens:
                section_open = True
            elif k not in by_sentence:  # a plain sentence closes the section
                if section_open:
                    live.add(k)
                section_open = False
        if not _empty_sentence_is_inert():
            live.update(k for k, s in enumerate(sents) if not s)
        # a plain sentence whose only step is the comparison one only sets last_comp_prior, which
        # just ``sentence`` reads: it is not read, its comparison is run when asked (_comp_prior_before)
        self._deferred_comp = sorted(self._h_comp - live)
        return sorted(live)

    def _plain_sentence(self, start: int, sent: str, k: int) -> None:
        """Sentence ``k`` without amounts: it only sets the state the next sentences read (the
        steps of ``sentence`` that apply to a sentence without mentions, in the same order)."""
        st = self.state
        if "三公" in sent:
            st.three_public_section = True
        elif k in self._h_leave3:
            st.three_public_section = False
        if k in self._h_fund:
            self._fund_named(sent, k)
        if k in self._h_path:
            p = clean_qualifier(sent.split(":")[0] if sent.endswith(":") else sent)
            st.item_prefix = p if "(类)" in p else (_KUAN_TAIL.sub("", st.item_prefix) + p if "(款)" in p else p)
            if _KUAN_XIANG_END.search(p):
                # "...行政运行(项)。年初预算为X万元,支出决算为Y万元": the item is named in its own sentence
                st.pending_item = (st.item_prefix, start + max(sent.find(p[:4]), 0))
            return
        if self._h_tp is None or k in self._h_tp:
            tp_hit = self._three_public_heading(sent)
            if tp_hit:
                st.pending_tp = (tp_hit[0], start + tp_hit[1])
                return
        ph = self._headings.get(k)  # the project heading sentence k is, if any
        if ph:
            st.project = ph
        elif (ENUM_PREFIX.match(sent) or sent.lstrip().startswith("#")) and LEAVE_PROJECT.search(sent):
            st.project = None
        st.pending_item = st.pending_tp = None
        st.gpb_total_stated = False
        if k in self._h_next_year:
            nb = NEXT_YEAR_BUDGET.search(sent)
            if nb and st.year and int(nb.group(1)) > st.year:
                return
        comp_here = self._prior_comparisons(sent) if k in self._h_comp else None
        if k in self._h_indicator:
            self._indicators(start, sent, k)
        if comp_here:  # no amount: only the comparison state goes on to the next sentence
            st.last_comp_prior = any(c[2] for c in comp_here)
            self._read_upto = k + 1

    @staticmethod
    def _three_public_heading(text: str) -> tuple[str, int] | None:
        """(canonical item, offset of its name in ``text``) when ``text``, past its enumerator, is
        one 三公 item's wording as a whole ("2.公务接待费"), else None."""
        head = text.strip("#* ")
        em = ENUM_PREFIX.match(head)  # anchored: the one match sub(count=1) would remove
        head = (head[em.end():] if em else head).strip(" :")
        # only a head that is one 三公 wording as a whole can be the item heading
        hit = three_public_item(head) if head and three_public_whole().fullmatch(head) else None
        if not hit or hit[1].start() != 0 or hit[1].end() != len(head):
            return None
        return hit[0], max(text.find(head[:2]), 0)

    def _inline_three_public(self, sent: str) -> tuple[str, int] | None:
        """(canonical item, offset) when the sentence opens with one 三公 item's name, a colon and
        its stage words ("1.公务用车购置费:预算数28.00万元…"), else None."""
        head, _, rest = sent.partition(":")
        return self._three_public_heading(head) if _TP_STAGE.match(rest) else None

    def _fund_named(self, sent: str, k: int) -> None:
        """The fund sentence ``k`` names (one of the fund cues is in it; ``run``'s exact hit sets
        tell which)."""
        if k in self._h_gpb:
            self.state.fund = "gpb"
        elif k in self._h_govfund and "支出" in sent:
            self.state.fund = "govfund"
        elif k in self._h_all:
            # "本年支出中基本支出0万元" right after a sentence of the 政府性基金 fund's own figures
            # (``sentence``'s withheld reading) and naming no fund goes on about that fund's expense
            if self.state.fund == "govfund" and self._withheld_at == k - 1 and not cue("fund_named").search(sent):
                return
            self.state.fund = "all"
            self.state.fiscal_named = "财政拨款" in sent

    def sentence(self, start: int, sent: str, ms: list[Mention], k: int) -> None:
        """Sentence ``k`` of the text, with its mentions ``ms`` (``run`` has scanned the text for its cues)."""
        st = self.state
        ctx = SentCtx(start, sent)
        # section / fund context
        if "三公" in sent:
            st.three_public_section = True
        if k in self._h_fund:
            self._fund_named(sent, k)
        # "政府性基金预算财政拨款年初结转和结余…，本年收入…，本年支出…" states that fund's figures,
        # and so does a sentence right after it that names no fund ("本年支出中基本支出0万元"): the
        # unit's totals (seeds/metrics.csv: family totals, fund scope 全部资金) are not read there
        one_fund = _names_one_fund(sent) or (self._withheld_at == k - 1 and not cue("fund_named").search(sent))
        self.fb.withheld = all_funds_totals() if one_fund else frozenset()
        if one_fund:
            self._withheld_at = k
        ph = self._headings.get(k)  # the project heading sentence k is, if any
        if ph:
            st.project = ph
        pending, st.pending_item = st.pending_item, None
        pending_tp, st.pending_tp = st.pending_tp, None
        if pending_tp and _TP_STAGE.match(sent):
            ctx.subject, ctx.kind, ctx.item_start = pending_tp[0], "tp", pending_tp[1]
        elif ":" in sent and (inline := self._inline_three_public(sent)) is not None:
            # "1.公务用车购置费:预算数28.00万元,决算数26.80万元,…": the item heads its own figures
            ctx.subject, ctx.kind, ctx.item_start = inline[0], "tp", start + inline[1]
        if pending and st.fund != "govfund" and _ITEM_STAGE.match(sent):
            ctx.subject, ctx.kind, ctx.item_start = pending[0], "gpb_item", pending[1]
        gpb_stated, st.gpb_total_stated = st.gpb_total_stated, False
        if gpb_stated and ctx.kind is None and STAGE_ONLY.search(strip_connectors(sent[:ms[0].start - start])):
            ctx.kind = "gpb_total"  # "…财政拨款支出X万元。年初预算为Y万元,…完成年初预算的Z%"
        if k in self._h_next_year:
            nb = NEXT_YEAR_BUDGET.search(sent)
            if nb and st.year and int(nb.group(1)) > st.year:
                return
        comp_here = self._prior_comparisons(sent) if k in self._h_comp else []
        # "其中:…" / "X增加(减少)的主要原因是…": the sentence goes on about the changes just stated
        inherit = not comp_here and CONTINUES_CHANGE.match(sent) is not None and self._comp_prior_before(k)
        any_prior = False
        prev_end = 0
        carried = None
        consumed = self._indicators(start, sent, k) if k in self._h_indicator else set()
        self._respectively(ctx, sent, ms)
        consumed |= self._listed_changes(ctx, sent, ms, comp_here, inherit)
        asides: list[tuple] = []  # what an amount before an open bracket left for a share (``_percent``)
        for j, m in enumerate(ms):
            a, b = m.start - start, m.end - start
            L = sent[prev_end:a]
            if "(" in L or ")" in L:
                depth = L.count("(") - L.count(")")
                if depth > 0:
                    asides.append((ctx.prev_money_q, ctx.prev_metric))
                elif depth < 0 and asides:
                    # "医疗收入a万元(其中门诊收入b万元、住院收入c万元),占事业收入的x%": the bracket is
                    # an aside, the share is the amount's before it
                    saved = asides.pop()
                    if m.pct:
                        ctx.prev_money_q, ctx.prev_metric = saved
            if m.start in consumed:
                prev_end = b
                continue
            d = LAST_CLAUSE_DELIM.match(L)
            lc_off = d.end() if d else 0
            if lc_off == len(L) and L.endswith(":"):
                # "(一)机关运行经费:78.46万元": the name before the colon labels the amount
                d = LAST_CLAUSE_DELIM.match(L, 0, len(L) - 1)
                lc_off = d.end() if d else 0
            Lc = L[lc_off:]
            l_abs, lc_abs = start + prev_end, start + prev_end + lc_off
            if carried is not None:  # the second amount of "X由上年的a增加到b": X's, labelled by X
                L, Lc, l_abs, lc_abs = carried
                carried = None
            elif j + 1 < len(ms) and m.unit == ms[j + 1].unit and m.money and (fp := FROM_PRIOR.search(Lc)) \
                    and TO_NOW.fullmatch(sent, b, ms[j + 1].start - start):
                carried = (Lc[:fp.start()], Lc[:fp.start()], lc_abs, lc_abs)  # the first is last year's: no fact
                prev_end = b
                continue
            if m.start in ctx.labels:  # "A和B,分别为a、b": b is B's amount
                name, name_abs, share = ctx.labels[m.start]
                if share and m.pct:
                    self.fb.emit("share_pct", (m.start, m.num_end), m.value, "%", (name_abs, m.end), name)
                    prev_end = b
                    continue
                L = Lc = name
                l_abs = lc_abs = name_abs
            n0 = len(self.fb.facts)
            res = self.mention(ctx, m, sent, L, Lc, l_abs, lc_abs, comp_here, inherit, ms[j - 1] if j else None)
            if len(self.fb.facts) == n0 + 1 and same_amount_list().search(Lc):
                self._listed_same(ctx, m, sent, L, l_abs, comp_here, inherit, ms[j - 1] if j else None)
            any_prior = any_prior or res == "prior"
            prev_end = b
        if comp_here or any_prior:
            st.last_comp_prior = any(c[2] for c in comp_here) or any_prior
        else:
            st.last_comp_prior = False
        if ctx.subject:
            st.last_subject = ctx.subject
        st.gpb_total_stated = ctx.kind == "gpb_total"

    def mention(self, ctx: SentCtx, m: Mention, sent: str, L: str, Lc: str, l_abs: int, lc_abs: int,
                comps, inherit: bool, prev: Mention | None):
        fb, st = self.fb, self.state
        span = (m.start, m.num_end)
        rel = m.start - ctx.start

        # ---- year-on-year change (changes.py)
        change = self._change(ctx, m, sent, Lc, lc_abs, comps, inherit, prev)
        if change is not None:
            return None if change == "skip" else change

        # ---- percentages
        if m.pct:
            return self._percent(ctx, m, Lc, strip_connectors(Lc), lc_abs, prev)

        # ---- counters and scores
        if m.unit in COUNTERS:
            return self._counter(ctx, m, L, Lc, lc_abs, sent)
        if m.unit == "分":
            if SCORE_WORDS.search(L) and m.value <= 100:
                if sent.find("整体", 0, rel) >= 0:
                    q = "部门整体"
                else:
                    q = self._named_project(sent, rel) or st.project  # a project named before the score
                fb.emit("self_eval_score", span, m.value, "分", (lc_abs, m.end), q)
            return None

        # ---- money
        if ctx.budget_frame or explaining(sent, rel):
            return None  # amounts quoted to explain a change; budget-framed lists
        out = self._money(ctx, m, sent, L, Lc, strip_connectors(Lc), l_abs, lc_abs, rel)
        if prev is None and not self.budget and ctx.kind in (None, "other") and _BUDGET_LABEL.search(Lc) \
                and "决算" not in Lc and sent.find("其中", rel) >= 0:
            ctx.budget_frame = True
        return out

