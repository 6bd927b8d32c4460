"""Year-on-year changes in prose: "较上年增加12.00万元,增长7.03%" → prior_year_change_abs /
_pct with the magnitude as value, the direction, and what changed as qualifier. Only a change
against the previous year's final account counts (not against the budget, not a year further back)."""

from __future__ import annotations

import re

from ...vocab.lexicon import keywords
from .context import CLAUSE_DELIM, FROM_PRIOR_WORDS, YEAR_RE, SentCtx, clean_qualifier, find_keyword, strip_connectors, three_public_item
from .mentions import Mention
from ...vocab.names import three_public_total_pattern

DIRECTION_WORDS = r"(增加|增长|上升|提高|增|减少|下降|降低|减|缩减|压减|节约|下降了|减少了|增加了|增长了)"
DIRECTION_ONLY = re.compile(DIRECTION_WORDS)
DIRECTION_RE = re.compile(
    r"(?:各|分别|共|同比|相应)?" + DIRECTION_WORDS + r"了?"
    r"(?:幅度|比例|率)?(?:为|是|达)?$|(增幅|降幅|减幅)(?:为|是|达)?$")
INCREASE_WORDS = ("增加", "增长", "上升", "提高", "增")

# comparison against the previous year's final account / against a given year / the budget (this
# year's or last year's: "比上年预算增加" in a 预算 compares two budgets, no final account)
COMP_RE = re.compile(
    r"(?:与|较|比|同|和|对比)(?:(?:20\d\d年度?)?(?:年初|全年|调整后|本年|当年|上年度?|上一年度?|去年)?预算(?:数)?"
    r"|上年度?|上一年度?|去年|上年同期|(20\d\d)年度?)"
    r"|同比|上年同期相比"
    # "由上年的3,912.40万元增加到…" (context.FROM_PRIOR): from last year's amount, printed right after
    # (only when the amount follows: _prior_comparisons)
    r"|" + FROM_PRIOR_WORDS
)

# between a "(上年X万元" amount and the change word that compares with it: the bracket, a comma
_AFTER_BRACKET = re.compile(r"\)[,;]?(?:比上年|较上年|同比)?")
CHANGE_WORD_RE = re.compile(r"增加|减少|增长|下降|降低")  # a change word without a comparison: no fact
# a character of every DIRECTION_RE and CHANGE_WORD_RE wording: a label without one states no change
CHANGE_CHAR = re.compile(r"[增减升提降节]")
COMPARED = "较比与和同"  # a year right after one of these is the year compared against, not the report's
COMP_START = re.compile(r"[与较比同和对上由从]")  # the first character of every COMP_RE wording (a cheap pre-check)


class ChangeRules:
    """Mixin of SentenceExtractor: the change family."""

    def _prior_comparisons(self, sent: str) -> list[tuple[int, int, bool]]:
        """(start, end, is_prior_year) of every comparison phrase in the sentence."""
        out = []
        if not COMP_START.search(sent):
            return out
        for m in COMP_RE.finditer(sent):
            phrase = m.group(0)
            if phrase[0] in "由从" and not sent[m.end():m.end() + 1].isdigit():
                continue  # "由上年结转": no amount of last year follows
            if "预算" in phrase:
                out.append((m.start(), m.end(), False))
                continue
            y = m.group(1) or m.group(2)
            if y:
                ref = None
                for ym in YEAR_RE.finditer(sent, 0, m.start()):
                    if ym.start() == 0 or sent[ym.start() - 1] not in COMPARED:
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
        if not CHANGE_CHAR.search(Lc):
            return None  # neither a direction nor a change word
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
            # "基本支出246.81万元(上年238.40万元),增长3.53%": the amount before is last year's, printed
            # right before the change, which compares with it
            after_prior = comp is None and prev is not None and prev.end == ctx.prior_bracket_end \
                and _AFTER_BRACKET.fullmatch(sent[prev.end - ctx.start: rel - len(Lc) + dm.start()])
            if comp is None and not inherit and not after_prior:
                return "skip"
            if comp is not None and not comp[2]:
                return "skip"
            word = dm.group(1) or dm.group(2)
            direction = "increase" if word.startswith(INCREASE_WORDS) else "decrease"
            q = None
            if m.pct and prev is not None and ctx.change_subject and strip_connectors(Lc[: dm.start()]) == "" \
                    and prev.end == ctx.change_end:  # "增加a万元,增长x%": the same subject as the amount
                q = ctx.change_subject
            elif m.pct and prev is not None and ctx.prev_money_q and prev.end != ctx.change_end \
                    and strip_connectors(Lc[: dm.start()]) == "" and ctx.kind == "tp":
                # "公务用车…费支出决算a元,增长x%": the change of the item just stated
                q = "三公经费合计" if ctx.prev_money_q == "合计" else ctx.prev_money_q
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
                listed = [clean_qualifier(n) for n, _ in ctx.list_names]
                if len(listed) >= 2 and q == listed[-1]:
                    q = "和".join(listed)  # one change after "A和B分别为a、b": about both, not the last
                if q == "合计" and (ctx.kind == "tp" or st.three_public_section):
                    q = "三公经费合计"  # the 三公 total, stated in this sentence or the one before
            q = self._canonical_subject(q, sent)
            ctx.change_subject, ctx.change_end = q, m.end
            metric = "prior_year_change_pct" if m.pct else "prior_year_change_abs"
            ev = lc_abs if m.pct else min(lc_abs, ctx.start + (comp[0] if comp else rel))
            fb.emit(metric, span, m.value, m.unit, (max(ev, m.start - 80), m.end), q, direction, "prior_year")
            return "prior"
        if CHANGE_WORD_RE.search(Lc):
            return "skip"
        return None

    def _subject_text(self, s: str) -> str | None:
        if re.search(r"\d", s):  # "减少0.28万元,降低3.09%,其中:X支出决算": the subject is X
            s = re.split(r"[\d%,;:]", s)[-1]
        s = re.sub(r"^(?:相比|比较|对比|决算数?|决算|同期|,|:|的|\(疫情前\))+", "", s)
        s = clean_qualifier(s)
        s = re.sub(r"(?:相比|比较|决算数?)$", "", s)
        s = re.sub(r"^(?:支出|决算|预算)?数$", "", s)  # "较上年支出数减少": no subject named
        s = re.sub(r"^(?:万元|亿元|千元|百元|元|万)(?:和|及|与|、)?$", "", s)  # "增加10.00万元和减少…": a unit names nothing
        if DIRECTION_RE.search(s):
            return None
        return s if len(s) >= 2 and re.search(r"[\u4e00-\u9fff]", s) else None

    def _canonical_subject(self, q: str | None, sent: str) -> str | None:
        if not q:
            return q
        both = _BOTH_NAMED.match(q)
        if both:  # "收入总计、支出总计均增加X": the change of both totals
            return (both.group(1) or "") + "收、支总计"
        item = three_public_item(q)
        if item:
            return item[0]
        if three_public_total_pattern().search(q):
            return "三公经费合计"
        return q


# one step of a listed change: "增加20.00万元" / "、减少30.00万元" / "和1.00万元"
_LIST_GAP = re.compile(r"^(?:[、,和及与]|,?分别)?(?:(?:较|比)上年)?" + DIRECTION_WORDS + r"?了?(?:为|是|达)?$")
_NAME_SPLIT = re.compile(r"、|和|及|与")
_LIST_SPLIT = re.compile(r"、")
_SIDES = ("收入", "支出")
_LIST_TRIGGER = re.compile(r"(?P<resp>分别)|(?P<each>各|均)|(?<=[,;])(?:(?:较|比)上年|同比)?(?P<dir>" + DIRECTION_WORDS + r")")
# a character of every _LIST_TRIGGER match (分别, 各, 均 or a direction word): a cheap pre-check
_LIST_TRIGGER_CHAR = re.compile(r"[分各均增减升提降节]")
_RATE_HEAD = re.compile(DIRECTION_WORDS + r"(?:率|幅度|比例)?$|(?:增幅|降幅|减幅)$")
_LIST_BOUNDARY = re.compile(r"其中|[:;]")
_BOTH_NAMED = re.compile(r"^(财政拨款)?收入总计[、,和与及]?(?:财政拨款)?支出总计$")
_BOTH_TOTALS = re.compile(r"^(财政拨款)?收(?:入)?[、,和与及]?支(?:出)?(?:决算|预算)?(?:总计|总预算)$")


def _both_totals(names: list[tuple[str, int]]) -> bool:
    """The two names are the income and the expense total ("财政拨款收入总计" and "支出总计")."""
    return len(names) == 2 and {n[-4:] for n, _ in names} == {"收入总计", "支出总计"}


class ListedChanges:
    """Mixin of SentenceExtractor: changes stated for several items at once —
    "A和B分别较上年增加c、减少d", "A、B较上年分别增长x%、y%", "…分别为a、b,分别较上年增加c、减少d"
    (the names of the earlier list), "收、支总计各增加X" (one number, both totals)."""

    def _listed_changes(self, ctx: SentCtx, sent: str, ms: list[Mention], comps, inherit: bool = False) -> set[int]:
        """``inherit``: the sentence continues the previous one's prior-year comparison ("比上年减少
        0.94万元。其中:A、B分别为a、b,分别下降x%、y%")."""
        used: set[int] = set()
        if not ms or not _LIST_TRIGGER_CHAR.search(sent):
            return used  # no amount, or no trigger wording: no listed change
        start = ctx.start
        for rm in _LIST_TRIGGER.finditer(sent):
            if rm.group("dir"):
                # ",增长x%、y%" right after a listed change: the same names, in order
                run = self._change_run(sent, start, rm.start("dir"), ms)
                if len(run) < 2 or len(run) != len(ctx.list_names):
                    continue
            else:
                run = self._change_run(sent, start, rm.end(), ms)
            if not run:
                continue
            head_end = rm.start() if not rm.group("dir") else rm.start("dir")
            # "…,增长率分别为x%、y%": the direction is said before 分别, the names earlier
            rate = _RATE_HEAD.search(sent[:head_end])
            if rate and not any(DIRECTION_ONLY.search(w) for w, _ in run):
                run = [(rate.group(0), m) for _, m in run]
            words = [DIRECTION_ONLY.search(w) for w, _ in run]
            if not all(words):
                continue
            comp = [c for c in comps if c[1] <= run[0][1].start - start]
            if comp and not comp[-1][2] or not comp and not (inherit and not comps):
                continue  # not against the previous year's final account
            names = list(ctx.list_names) if rate or rm.group("dir") else \
                self._listed_names(ctx, sent, ms, head_end)
            if rm.group("each") and len(run) == 1:
                # "A和B均减少X": one number for each ("收、支总计各增加X" keeps its printed wording)
                if len(names) < 2:
                    continue
                if _both_totals(names) and any(names[0][1] < mm.start < start + head_end for mm in ms):
                    continue  # "收入总计a万元,支出总计b万元,…各减少X": one change of both (the single-change rule)
                run = run * len(names)
            elif len(names) != len(run) or len(run) < 2:
                continue
            for (name, name_abs), (word, m) in zip(names, run):
                w = DIRECTION_ONLY.search(word).group(1)
                direction = "increase" if w.startswith(INCREASE_WORDS) else "decrease"
                metric = "prior_year_change_pct" if m.pct else "prior_year_change_abs"
                q = self._canonical_subject(clean_qualifier(name), sent)
                self.fb.emit(metric, (m.start, m.num_end), m.value, m.unit, (max(name_abs, m.start - 120), m.end),
                             q, direction, "prior_year")
                used.add(m.start)
            ctx.change_subject = None
            ctx.list_names = list(names)
            self.state.last_comp_prior = True
        return used

    @staticmethod
    def _change_run(sent: str, start: int, pos: int, ms: list[Mention]) -> list[tuple[str, Mention]]:
        """The mentions right after ``pos`` that form one listed change, each with the words before it."""
        run: list[tuple[str, Mention]] = []
        word = ""
        for m in ms:
            a = m.start - start
            if a < pos:
                continue
            gap = sent[pos:a]
            if not _LIST_GAP.match(gap) or (run and (run[-1][1].money != m.money or run[-1][1].pct != m.pct)):
                break
            if not (m.money or m.pct):
                break
            d = DIRECTION_ONLY.search(gap)
            word = gap if d else word  # a shared direction ("分别增加a、b") holds for the rest
            run.append((word, m))
            pos = m.end - start
        return run

    def _listed_names(self, ctx: SentCtx, sent: str, ms: list[Mention], head_end: int) -> list[tuple[str, int]]:
        """The items a listed change is about: named before it ("A和B(较上年)分别…"), else the
        names of the sentence's earlier 分别 list."""
        prev = [m for m in ms if m.end - ctx.start <= head_end]
        lo = max((prev[-1].end - ctx.start) if prev else 0,
                 max((d.end() for d in re.finditer(r"[,;:]", sent[:head_end])), default=0))
        clause = sent[lo:head_end]
        # drop the comparison phrase ("与上年相比", "较上年") wherever it sits in the clause
        clause = COMP_RE.sub("", clause)
        clause = re.sub(r"相比|对比|比较", "", clause).strip(",")
        if not clause:
            return list(ctx.list_names) or self._stated_names(ctx, sent, ms, head_end)
        if _BOTH_TOTALS.match(clause):
            return []  # "收、支总计各增加X": one fact under the printed wording (the single-change rule)
        want = len(self._change_run(sent, ctx.start, head_end, ms)) or None
        best: list[tuple[str, int]] = []
        for splitter in (_LIST_SPLIT, _NAME_SPLIT):  # "、" first: "商品和服务支出" is one name
            out, pos = [], 0
            for piece in splitter.split(clause):
                p0 = clause.find(piece, pos)
                pos = p0 + len(piece)
                name = clean_qualifier(piece)
                if len(name) < 2:
                    out = []
                    break
                out.append((name, ctx.start + lo + max(sent[lo:head_end].find(piece[:2]), 0)))
            if len(out) >= 2 and (want is None or len(out) == want or len(out) == 1):
                best = out
                break
            best = best or (out if len(out) >= 2 else [])
        # "财政拨款收入和支出": the second name shares the first one's prefix
        if best and best[0][0].endswith(_SIDES):
            head = best[0][0][:-2]
            best = [best[0]] + [(head + n if n in _SIDES else n, a) for n, a in best[1:]]
        return best

    @staticmethod
    def _stated_names(ctx: SentCtx, sent: str, ms: list[Mention], head_end: int) -> list[tuple[str, int]]:
        """What the amounts stated earlier in the sentence are about, in order ("基本支出a万元,项目支出
        b万元,与上年相比,分别增加c、减少d"): the wording just before each amount. Only the amounts
        after the last "其中" / ":" / ";" before the list belong to it ("本年支出合计X万元,其中:基本
        支出a万元、项目支出b万元,分别…": the total is not listed)."""
        out: list[tuple[str, int]] = []
        prev_end = max((b.end() for b in _LIST_BOUNDARY.finditer(sent[:head_end])), default=0)
        for m in ms:
            a = m.start - ctx.start
            if a < prev_end:
                continue
            if a >= head_end:
                break
            label = sent[prev_end:a]
            cut = max((d.end() for d in CLAUSE_DELIM.finditer(label)), default=0)
            label = label[cut:]
            hit = find_keyword(label, keywords())
            name = hit[1].group(0) if hit else clean_qualifier(strip_connectors(label[::-1])[::-1])
            if len(name) < 2 or not m.money and not m.pct:
                return []
            out.append((name, ctx.start + prev_end + cut + max(label.find(name[:2]), 0)))
            prev_end = m.end - ctx.start
        return out
