"""Facts from sentences: every number+unit mention is classified by the words just before
it (its label), the sentence it sits in and a little state carried between sentences
(fund of the section, 类/款 path heading, last subject, last year-on-year comparison)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .prose_common import COUNTERS, NUM, FactBuilder, Mention, find_mentions, to_decimal
from .prose_lexicon import (CLASS_RE, COMP_RE, CONNECTOR_TOKENS, DIRECTION_RE, INCREASE_WORDS, KEYWORDS,
                            PROCUREMENT_METRICS, THREE_PUBLIC_ITEMS, THREE_PUBLIC_TOTAL, YEAR_RE, Keyword)

SENT_SPLIT = re.compile(r"[。!?\n]")
CLAUSE_DELIM = re.compile(r"[,;:]|(?<!收)、|其中")
ENUM_PREFIX = re.compile(r"^(?:[|\s*#]*)(?:\(?\d{1,2}\)|\d{1,2}[.、]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))")
PATH_MARK = re.compile(r"\((?:类|款|项)\)")
PATH_TAIL = re.compile(r"(?::)?(?:年初预算|调整后预算|预算)?(?:支出)?(?:决算数?|数)?(?:为|是|合计)?:?$")
HEADCOUNT_WORDS = re.compile(r"编制|在职|退休|离休|实有|人员|职工|人数|编外|聘用|工作人员|干部|遗属|临时工|人,"
                             r"|教师|医生|医师|医护|护士|民警|辅警|干警|职员|员工|专业技术|工勤|管理岗|工人|驾驶员|公益性岗位")
SCORE_WORDS = re.compile(r"自评|总得分|总分|综合得分|综合评分|评价得分|最终得分|评分为|得分为|分数为|评分结果")
QUOTED = re.compile(r'"([^"\d;,。:]{2,60})"|《([^》\d;,。:]{2,60})》')
NEXT_YEAR_BUDGET = re.compile(r"(20\d\d)年(?:度)?[^,;。\d]{0,16}?(?:预算|安排)")
# "1.小型水库除险加固项目绩效自评综述:" / '"X"项目': a project whose figures follow
PROJECT_HEAD = re.compile(r'^(?:"([^"]{2,40})"|([^,;:"\d]{2,40}?))项目(?=绩效|自评|支出|情况|综述|实施|资金|:|,|\)|$)')
# a heading that leaves the project blocks (部门评价, 其他重要事项说明, the next report)
LEAVE_PROJECT = re.compile(r"部门|单位|整体|说明|名词解释|附件|公开|报告")
NOT_PROJECT = re.compile(r"部门|单位|决算|整体|年度|全部|所有|预算|其中|一级|二级|以下|各|(?<!公)共|等|本|该|重点|评价|绩效"
                         r"|阶段|常年|一次性|通过|属")
QUOTED_PROJECT = re.compile(r'"([^"\d;,。:]{2,60})"(?=项目|专项|采购|预算|资金|总投资|计划投入|实际|执行|完成支付)'
                            r'|项目名称:?"?([^",;。:]{2,40})')
# "完成小型水库除险加固12座(指标值:≥10座)": an indicator's actual value and its target
INDICATOR = re.compile(
    r"(?P<name>[^,;:。()\d]{2,30}?)(?P<act>" + NUM + r")(?P<au>[^\d,;:。()]{0,4}?)"
    r"\((?:年度)?(?:指标值|目标值|绩效目标|目标|计划值)[:]?(?:[≥≤><=]|不低于|不少于|不高于|不超过|达到|大于|小于|等于|约)*"
    r"(?P<tgt>" + NUM + r")(?P<tu>[^\d)]{0,4})\)")
# an unquoted "X项目" at the start of a clause, followed by the project's figures
NAMED_PROJECT = re.compile(r"(?:^|[,;:])(?:其中:?)?([^,;:。、\"\d()]{2,30}?)项目"
                           r"(?=[:,]?(?:的)?(?:年初预算|调整后预算|全年预算|预算(?:数|资金)|实际支出|总投资|计划投入))")
COVERAGE = re.compile(r"涉及|覆盖|共计?\d|项目\d+个")
EXPLANATION = re.compile(r"原因|因素|因为|由于")
BUDGET_WORDS = re.compile(r"预算(?:数|为|是|安排)?")
COMPLETION = re.compile(r"(?:完成|执行|达到|为)?(?:了)?(?:年初|全年|调整后|调整)?预算(?:数)?的?$|预算完成率(?:为|是)?$|完成率(?:为|是)?$|执行率(?:为|是|达)?$")


def strip_connectors(s: str) -> str:
    """Drop connector words from the start of ``s`` until something else is left."""
    changed = True
    while s and changed:
        changed = False
        for tok in CONNECTOR_TOKENS:
            if s.startswith(tok):
                s = s[len(tok):]
                changed = True
                break
    return s


def find_keyword(label: str, keywords: list[Keyword]) -> tuple[Keyword, re.Match[str]] | None:
    best = None
    for kw in keywords:
        for m in kw.pattern.finditer(label):
            if strip_connectors(label[m.end():]) != "":
                continue
            score = (m.end(), m.end() - m.start())
            if best is None or score > best[0]:
                best = (score, kw, m)
    return (best[1], best[2]) if best else None


def three_public_item(label: str) -> tuple[str, re.Match[str]] | None:
    """The 三公 component named last in ``label``."""
    best = None
    for pat, name in THREE_PUBLIC_ITEMS:
        for m in pat.finditer(label):
            if best is None or (m.end(), m.end() - m.start()) > (best[1].end(), best[1].end() - best[1].start()):
                best = (name, m)
    return best


def clean_qualifier(s: str) -> str:
    s = s.strip("*# ")
    s = re.sub(r"20\d\d年(?:度|底|末|初)?", "", s)
    s = ENUM_PREFIX.sub("", s)
    s = re.sub(r"^(?:其中|全年|我单位|本单位|本部门|单位|的|,|:)+", "", s)
    s = re.sub(r"(?:各|分别|均|共|的|了|决算数?|支出决算数?)+$", "", s)
    s = s.strip('",:;、|*# ')
    if s.startswith("(") and ")" not in s:
        s = s[1:]
    if s.endswith(")") and s.count("(") < s.count(")"):
        s = s[:-1]
    return s


@dataclass
class DocState:
    year: int | None
    fund: str | None = None  # gpb / all / govfund
    item_prefix: str = ""
    pending_item: tuple[str, int] | None = None
    pending_tp: tuple[str, int] | None = None  # "2.公务接待费。年初预算为..." : 三公 item named in its own sentence
    project: str | None = None  # the project whose block we are in  # "(类)..(款)..(项)。" heading whose figures follow
    last_subject: str | None = None
    last_comp_prior: bool = False
    three_public_section: bool = False


@dataclass
class SentCtx:
    start: int
    text: str
    subject: str | None = None  # qualifier of what the sentence is about
    kind: str | None = None  # tp / gpb_item / gpb_total / project / kw / other
    change_subject: str | None = None
    budget_pending: bool = False
    counter: str | None = None  # reception / outbound / vbuy / vhold
    budget_frame: bool = False  # "年初预算X万元,其中:..." : the items are budgets
    prev_money_q: str | None = None
    prev_metric: str | None = None
    item_start: int | None = None
    item_end: int = 0  # end of the last headcount figure (a "其中X N人" after it is a subset)
    where: str | None = None  # 国内 / 外事 of the last reception count
    list_names: list = field(default_factory=list)  # names of the last "分别" list
    labels: dict = field(default_factory=dict)  # mention start -> (label, abs start, share) of "A和B分别为a、b"  # where the item named in an earlier sentence starts
    facts: list = field(default_factory=list)


def doc_year(norm: str) -> int | None:
    """The fiscal year the document reports on: a "2021年度部门决算" title, else the year
    most often named outside comparisons ("较2020年度决算数" names the prior year)."""
    m = re.search(r"(?<![较比与和同])(20\d\d)年度?(?:部门|单位)?(?:决算|\"三公\"经费(?:支出)?决算)", norm)
    if m:
        return int(m.group(1))
    years = Counter(int(y.group(1)) for y in YEAR_RE.finditer(norm)
                    if not re.search(r"[较比与和同]$", norm[max(0, y.start() - 1): y.start()]))
    return years.most_common(1)[0][0] if years else None


class SentenceExtractor:
    def __init__(self, fb: FactBuilder, norm: str, year: int | None = None):
        self.fb = fb
        self.norm = norm
        self.state = DocState(year=year or doc_year(norm))

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
        ctx = SentCtx(start, sent)
        # section / fund context
        if "三公" in sent:
            st.three_public_section = True
        elif re.search(r"机关运行经费|政府采购|国有资产|绩效|收入支出决算|收入决算|支出决算情况", sent) and not ms:
            st.three_public_section = False
        if re.search(r"一般公共预算(?:财政拨款)?(?:基本)?支出", sent):
            st.fund = "gpb"
        elif re.search(r"政府性基金|国有资本经营", sent) and "支出" in sent:
            st.fund = "govfund"
        elif re.search(r"本年支出|支出合计|总支出|支出决算总表|支出决算情况|支出总计", sent):
            st.fund = "all"
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
        nb = NEXT_YEAR_BUDGET.search(sent)
        if nb and st.year and int(nb.group(1)) > st.year:
            return
        comp_here = self._prior_comparisons(sent)
        inherit = not comp_here and st.last_comp_prior and re.match(r"^[\s|]*其中", sent) is not None
        any_prior = False
        prev_end = 0
        consumed = self._indicators(start, sent)
        self._respectively(ctx, sent, ms)
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
            try:
                res = self.mention(ctx, m, sent, L, Lc, l_abs, lc_abs,
                                   comp_here, inherit, ms[k - 1] if k else None)
            except Exception:  # one odd sentence must not stop the document
                res = None
            any_prior = any_prior or res == "prior"
            prev_end = b
        if comp_here or any_prior:
            st.last_comp_prior = any(c[2] for c in comp_here) or any_prior
        elif ms:
            st.last_comp_prior = False
        if ctx.subject:
            st.last_subject = ctx.subject

    @staticmethod
    def _project_heading(sent: str) -> str | None:
        """The project a "1.X项目绩效自评综述:" / '"X"项目...' sentence opens, else None."""
        raw = sent.strip("#* ")
        body = ENUM_PREFIX.sub("", raw, count=1).lstrip("(")
        m = PROJECT_HEAD.match(body)
        if not m:
            return None
        name = (m.group(1) or m.group(2) or "").strip(':"')
        # an unquoted name only in a heading ("1.X项目...", "(X项目)") or before 项目绩效/项目自评
        heading = body != raw or re.match(r"项目(?:绩效|自评)", body[m.end() - 2:]) is not None
        if m.group(2) and (NOT_PROJECT.search(name) or not heading or ("项目" in name and not raw.startswith("("))):
            return None
        if len(name) < 2:
            return None
        # keep the heading's own wording "X项目" (project tables print the name that way)
        return name if m.group(1) else name + "项目"

    def _indicators(self, start: int, sent: str) -> set[int]:
        """Emit "指标名 actual (指标值: target)" pairs; return the number starts used."""
        used: set[int] = set()
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

    def _respectively(self, ctx: SentCtx, sent: str, ms: list[Mention]) -> None:
        """"A和B(,)分别为a万元、b万元" / "分别占x%、y%": pair the listed names with the amounts."""
        start = ctx.start
        for rm in re.finditer(r"分别(?:为|是|达到|达|占)?:?", sent):
            after = [m for m in ms if m.start - start >= rm.end()]
            run: list[Mention] = []
            for m in after:
                gap = sent[(run[-1].end if run else rm.end() + start) - start: m.start - start]
                if run and gap not in ("、", ",", "和", "及", "与", "、占", ",占"):
                    break
                if not run and gap not in ("", "占"):
                    break
                run.append(m)
            if len(run) < 2:
                continue
            head = sent[:rm.start()].rstrip(",")
            prev_m = [m for m in ms if m.end - start <= rm.start()]
            lo = max((prev_m[-1].end - start) if prev_m else 0,
                     max((d.end() for d in re.finditer(r"[,;:]", head)), default=0))
            clause = head[lo:]
            intro = max((x.end() for x in re.finditer(r"主要(?:为|是|包括|有)|包括|其中", clause)), default=0)
            clause = clause[intro:]
            share = "占" in rm.group(0)
            if not clause.strip(",") and len(ctx.list_names) == len(run):  # "...分别为a、b,分别占x%、y%"
                for (name, p_abs), m in zip(ctx.list_names, run):
                    ctx.labels[m.start] = (name, p_abs, share)
                continue
            for pat in (r"、", r"、|和|及|与"):
                parts, pos = [], 0
                for piece in re.split("(" + pat + ")", clause):
                    if piece and not re.fullmatch(pat, piece):
                        parts.append((piece, clause.find(piece, pos)))
                    pos += len(piece)
                if len(parts) == len(run) and all(len(p) >= 2 for p, _ in parts):
                    ctx.list_names = [(name, start + lo + intro + p0) for name, p0 in parts]
                    for (name, p_abs), m in zip(ctx.list_names, run):
                        ctx.labels[m.start] = (name, p_abs, share)
                    break

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

    # ------------------------------------------------------------------ one mention
    def mention(self, ctx: SentCtx, m: Mention, sent: str, L: str, Lc: str, l_abs: int, lc_abs: int,
                comps, inherit: bool, prev: Mention | None):
        fb, st = self.fb, self.state
        span = (m.start, m.num_end)
        rel = m.start - ctx.start
        lc_s = strip_connectors(Lc)

        # ---- year-on-year change
        dm = DIRECTION_RE.search(Lc)
        if dm and "/" in Lc[max(0, dm.start() - 4): dm.end() + 1]:
            return None  # "增加/减少0万元": template residue, direction unknown
        if dm and (m.money or m.pct):
            before = [c for c in comps if c[1] <= rel - len(Lc) + dm.start() or c[1] <= rel]
            comp = max(before, key=lambda c: c[1]) if before else None
            if comp is None and not inherit:
                return None
            if comp is not None and not comp[2]:
                return None
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
        if THREE_PUBLIC_TOTAL.search(q):
            return "三公经费合计"
        return q

    def _percent(self, ctx: SentCtx, m: Mention, Lc: str, lc_s: str, lc_abs: int, prev: Mention | None):
        fb = self.fb
        span = (m.start, m.num_end)
        if Lc.startswith("占") or re.match(r"^(?:约|分别)?占", Lc):
            q = ctx.prev_money_q
            metric = "share_pct"
            if ctx.prev_metric == "procurement_sme":
                metric = "procurement_sme_pct"
            elif ctx.prev_metric == "procurement_small_micro":
                metric = "procurement_small_micro_pct"
            base = re.sub(r"^(?:约|分别)?占", "", Lc).rstrip("的")
            if metric == "share_pct" and q and base and ctx.prev_metric in ("gpb_expense_total",):
                q = q + "占" + base
            if q or metric != "share_pct":
                fb.emit(metric, span, m.value, "%", (lc_abs, m.end), q)
            return None
        completion = COMPLETION.search(Lc) or (Lc in ("的", "") and ctx.budget_pending)
        if completion:
            ctx.budget_pending = False
            kind, q = ctx.kind, ctx.subject
            if kind == "tp":
                fb.emit("three_public_completion_pct", span, m.value, "%", (lc_abs, m.end), q)
            elif kind == "gpb_item":
                fb.emit("gpb_item_completion_pct", span, m.value, "%", (lc_abs, m.end), q)
            elif kind == "gpb_total":
                fb.emit("gpb_completion_pct", span, m.value, "%", (lc_abs, m.end), None)
            elif kind == "project" or re.search(r"执行率", Lc):
                fb.emit("project_execution_rate", span, m.value, "%", (lc_abs, m.end), q if kind == "project" else self._project_name(ctx))
        return None

    def _project_name(self, ctx: SentCtx) -> str | None:
        """The project a sentence's figures belong to: one named in the sentence as
        '"X"项目' / 项目名称:X, else the project whose block we are in. Other quoted text
        ("不合格", document titles) is not a project name."""
        qm = QUOTED_PROJECT.findall(ctx.text)
        if qm:
            return qm[-1][0] or qm[-1][1]
        # "其中:校舍维修改造项目年初预算120.00万元,...": the name opens the sentence's clause
        for um in NAMED_PROJECT.finditer(ctx.text):
            name = clean_qualifier(um.group(1))
            if len(name) >= 2 and not NOT_PROJECT.search(name):
                return name
        return self.state.project

    def _counter(self, ctx: SentCtx, m: Mention, L: str, Lc: str, lc_abs: int, sent: str):
        fb = self.fb
        span = (m.start, m.num_end)
        ev = (lc_abs, m.end)
        u = m.unit
        where = "国内" if "国内" in Lc else ("外事" if "外事" in Lc or "外宾" in Lc else None)
        if u == "批次" or (u in ("人次", "人") and "接待" in Lc):
            if where is None:
                # "国内公务接待支出4.75万元,接待26批次": 国内/外事 said earlier in the same part
                part = re.split(r"[;]", sent[: m.start - ctx.start])[-1]
                said = list(re.finditer(r"国内|外事|外宾|境外", part))
                if said:
                    where = "国内" if said[-1].group(0) == "国内" else "外事"
            ctx.counter = "reception"
            where = where or ctx.where
            ctx.where = where
            fb.emit("reception_batches" if u == "批次" else "reception_persons", span, m.value, u, ev, where)
            return None
        if (u in ("个", "次") and re.search(r"团组|出国", Lc)) or (u in ("人次", "人") and re.search(r"出国|出境", Lc)):
            ctx.counter = "outbound"
            fb.emit("outbound_groups" if u in ("个", "次") else "outbound_persons", span, m.value, u, ev)
            return None
        if u == "人次" and ctx.counter in ("reception", "outbound") and len(strip_connectors(Lc)) <= 4:
            metric = "reception_persons" if ctx.counter == "reception" else "outbound_persons"
            fb.emit(metric, span, m.value, u, ev, (where or ctx.where) if ctx.counter == "reception" else None)
            return None
        if u == "人" and ctx.counter in ("reception", "outbound") and len(strip_connectors(Lc)) <= 2:
            metric = "reception_persons" if ctx.counter == "reception" else "outbound_persons"
            fb.emit(metric, span, m.value, u, ev)
            return None
        if u == "辆":
            if re.search(r"购置|购买|更新|新购|采购", Lc):
                ctx.counter = "vbuy"
                fb.emit("vehicle_purchase_count", span, m.value, u, ev, self._vehicle_kind(Lc))
            elif re.search(r"保有|共有|实有|现有|拥有|车辆数|在用|公务用车", Lc):
                ctx.counter = "vhold"
                held = clean_qualifier(Lc)
                held = held if re.fullmatch(r"[\u4e00-\u9fff]{2,12}", held) else None
                fb.emit("vehicle_count", span, m.value, u, ev, self._vehicle_kind(Lc) or held)
            elif ctx.counter in ("vbuy", "vhold"):
                metric = "vehicle_purchase_count" if ctx.counter == "vbuy" else "vehicle_count"
                fb.emit(metric, span, m.value, u, ev, self._vehicle_kind(Lc) or clean_qualifier(Lc) or None)
            return None
        subset = u in ("人", "名") and ctx.counter == "headcount" and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", Lc) \
            and re.search(r"其中[^;。]*$", sent[ctx.item_end - ctx.start: m.start - ctx.start]) is not None
        if u in ("人", "名") and (HEADCOUNT_WORDS.search(Lc) or subset):
            ctx.counter, ctx.item_end = "headcount", m.end
            q = Lc
            kw = HEADCOUNT_WORDS.search(q) or re.search(".", q)
            cut = max((i + 1 for i, ch in enumerate(q[: kw.start()]) if ch in "有内现共"), default=0)
            cut = max([cut] + [x.end() for x in re.finditer("其中", q[: kw.start()])])
            q = clean_qualifier(q[cut:])
            q = re.sub(r"(?:为|是|共|有|达)+$", "", q)
            # "中心事业编制" -> "事业编制": the unit's name is not the kind of headcount
            q = re.sub(r"^.*?(?:中心|单位|部门|本局|局|院|站|所|办公室|委员会|队|馆|学校|政府)(?=.{2,})", "", q) \
                if HEADCOUNT_WORDS.search(re.sub(r"^.*?(?:中心|单位|部门|局|院|站|所|办公室|委员会|队|馆|学校|政府)", "", q)) else q
            fb.emit("headcount", span, m.value, u, ev, q or None)
        return None

    @staticmethod
    def _vehicle_kind(Lc: str) -> str | None:
        m = re.search(r"(轿车|越野车|载客汽车|商务车|客车|特种专业技术用车|执法执勤用车|应急保障用车|机要通信用车|主要领导干部用车|其他用车|一般公务用车|执勤执法用车|特种车辆|业务用车)", Lc)
        return m.group(1) if m else None

    def _money(self, ctx: SentCtx, m: Mention, sent: str, L: str, Lc: str, lc_s: str, l_abs: int, lc_abs: int, rel: int):
        fb, st = self.fb, self.state
        span = (m.start, m.num_end)

        # ---- 类/款/项 items of 一般公共预算财政拨款支出 ("(项)支出决算为24.06万元")
        if PATH_MARK.search(L) or (ctx.kind == "gpb_item" and lc_s == "" ) or (
                ctx.kind == "gpb_item" and re.search(r"预算", Lc) and not three_public_item(Lc)):
            if PATH_MARK.search(L):
                seg = re.split(r"[,;]", L)[-1]
                parts = seg.split(":")
                marked = [k for k, p in enumerate(parts) if PATH_MARK.search(p)]
                path = parts[marked[-1]] if marked else seg
                path = clean_qualifier(PATH_TAIL.sub("", ENUM_PREFIX.sub("", clean_qualifier(path))))
                if "(类)" in path and not re.search(r"\((?:款|项)\)", path):
                    name = path.replace("(类)", "")
                    name = name if name.endswith("支出") else name + "支出"
                    if st.fund != "govfund":
                        metric = "gpb_expense_by_function" if st.fund == "gpb" else "expense_by_function"
                        fb.emit(metric, span, m.value, m.unit, (lc_abs, m.end), name)
                    ctx.subject, ctx.kind, ctx.prev_money_q, ctx.prev_metric = name, "kw", name, "class"
                    return None
                if "(类)" not in path and st.item_prefix:
                    path = st.item_prefix + path
                ctx.subject, ctx.kind = path, "gpb_item"
            if st.fund == "govfund":
                return None
            if re.search(r"预算(?:数)?(?:为|是|数为)?$", Lc) and "决算" not in Lc:
                fb.emit("gpb_item_budget", span, m.value, m.unit,
                        (ctx.item_start if ctx.item_start is not None else lc_abs, m.end), ctx.subject)
                if re.search(r"完成", Lc):
                    ctx.budget_pending = True
            else:
                fb.emit("gpb_expense_item", span, m.value, m.unit, (max(l_abs, m.start - 120), m.end), ctx.subject)
            ctx.prev_money_q, ctx.prev_metric = ctx.subject, "gpb_expense_item"
            return None

        # ---- 三公经费 (in a list of 经济分类 items, 公务接待费 is one of them)
        if ctx.kind == "econ":
            hit = find_keyword(Lc, KEYWORDS)
            if not (hit and hit[0].metric in ("basic_personnel", "basic_public")):
                return self._econ(ctx, m, Lc, lc_abs)
        tp_item = three_public_item(Lc)
        tp_total = None
        for tp_total in THREE_PUBLIC_TOTAL.finditer(Lc):
            pass
        if tp_item or tp_total or (ctx.kind == "tp" and (lc_s == "" or re.search(r"预算", Lc))):
            if tp_item and (not tp_total or tp_item[1].end() > tp_total.end()):
                q, ev0 = tp_item[0], lc_abs + tp_item[1].start()
                rest = Lc[tp_item[1].end():]
            elif tp_total:
                q, ev0 = "合计", lc_abs + tp_total.start()
                rest = Lc[tp_total.end():]
            else:
                q, ev0, rest = ctx.subject, lc_abs, Lc
            if q is None:
                return None
            ctx.kind, ctx.subject = "tp", q
            budget = re.search(r"预算", rest) and not re.search(r"决算", rest)
            if re.search(r"预算(?:数)?(?:和|与|及|、)(?:支出)?决算(?:数)?(?:均|都)(?:为|是)?$", rest):
                # "公务接待费年初预算和决算均为0万元": both figures
                fb.emit("three_public_budget", span, m.value, m.unit, (ev0, m.end), q)
                budget = False
                rest = ""
            if budget:
                fb.emit("three_public_budget", span, m.value, m.unit, (ev0, m.end), q)
                ctx.budget_pending = bool(re.search(r"完成", rest))
            else:
                if strip_connectors(rest) not in ("",) and not re.fullmatch(r"(?:财政拨款)?(?:支出)?(?:决算)?(?:数)?(?:为|是)?", rest):
                    return None
                if q == "合计":
                    fb.emit("three_public_total", span, m.value, m.unit, (ev0, m.end), None)
                else:
                    fb.emit("three_public_item", span, m.value, m.unit, (ev0, m.end), q)
            ctx.prev_money_q, ctx.prev_metric = q, "three_public"
            return None

        # ---- generic keywords
        hit = find_keyword(Lc, KEYWORDS)
        if hit:
            kw, km = hit
            if kw.metric in PROCUREMENT_METRICS and "采购" not in sent:
                hit = None
            elif kw.metric in ("procurement_goods", "procurement_works", "procurement_services") and len(km.group(0)) <= 2 and "采购" not in Lc and "其中" not in sent:
                hit = None
        if hit and re.search(r"涉及|覆盖", Lc[: hit[1].start()]):
            ctx.prev_money_q, ctx.prev_metric = None, None  # coverage of an evaluation, not spending
            return None
        if hit:
            kw, km = hit
            metric = kw.metric
            q = km.group(0) if kw.qualifier is None else kw.qualifier
            ev0 = lc_abs + km.start()
            pair = re.fullmatch(r"(收入|支出)(?:决算)?总计", km.group(0))
            if metric == "total_income_expense" and pair and ctx.prev_metric == "fin_approp_total":
                # "财政拨款收入总计a万元,支出总计b万元": the second total is 财政拨款 too
                metric, q = "fin_approp_total", "财政拨款" + pair.group(1) + "总计"
            if pair and ctx.prev_metric in ("fin_approp_total", "total_income_expense") and \
                    ctx.prev_money_q and ctx.prev_money_q.endswith("总计") and pair.group(1) not in ctx.prev_money_q:
                fb.emit(metric, span, m.value, m.unit, (ev0, m.end), q)
                both = ("财政拨款" if metric == "fin_approp_total" else "") + "收、支总计"
                ctx.subject, ctx.kind, ctx.prev_money_q, ctx.prev_metric = both, "kw", q, metric
                ctx.change_subject = None
                return None
            if metric == "total_income_expense" and kw.also and re.search(r"各(?:是|为)|分别(?:是|为)", Lc[km.end():]):
                # "收、支总计各是a万元、b万元" : first is 收入总计, the next one 支出总计
                ctx.budget_pending = False
                fb.emit(metric, span, m.value, m.unit, (ev0, m.end), "收入总计")
                ctx.subject, ctx.kind, ctx.prev_metric = "收支总计", "kw", "split_total"
                ctx.prev_money_q = "收入总计"
                return None
            fb.emit(metric, span, m.value, m.unit, (ev0, m.end), q or None)
            for extra in kw.also:
                fb.emit(metric, span, m.value, m.unit, (ev0, m.end), extra)
            subj = km.group(0)
            ctx.subject, ctx.kind = subj, ("gpb_total" if metric == "gpb_expense_total" else "kw")
            ctx.prev_money_q, ctx.prev_metric = q or subj, metric
            ctx.change_subject = None
            if metric in ("basic_personnel", "basic_public"):
                ctx.kind = "econ"
            return None

        if re.search(r"一般公共预算(?:财政)?(?:拨款)?支出(?:年初|全年|调整后)?预算(?:数)?(?:为|是)?$", Lc):
            ctx.subject, ctx.kind, ctx.budget_pending = None, "gpb_total", "完成" in Lc
            return None
        if ctx.kind == "gpb_total" and lc_s == "" and "决算" in Lc:
            fb.emit("gpb_expense_total", span, m.value, m.unit, (lc_abs, m.end), None)
            return None
        if ctx.prev_metric == "split_total" and lc_s == "":
            fb.emit("total_income_expense", span, m.value, m.unit, (lc_abs, m.end), "支出总计")
            ctx.prev_metric = None
            return None

        # ---- 类 of spending ("主要用于以下方面:社会保障和就业支出67.64万元")
        cls = CLASS_RE.search(Lc)
        generic_cls = None
        if not cls and re.search(r"主要用于|用于以下|具体(?:情况)?如下|主要(?:支出)?(?:项目)?(?:包括|为)", sent[:rel]):
            g = clean_qualifier(Lc)
            g = re.sub(r"(?:为|是|共|计)+$", "", g)
            if g.endswith("支出") and 4 <= len(g) <= 16 and not re.search(r"基本|项目|人员|公用|工资福利|商品和服务|个人和家庭|资本性|\d", g) \
                    and ctx.kind != "econ":
                generic_cls = g
        if (cls and strip_connectors(Lc[cls.end():]) == "") or generic_cls:
            name = cls.group(0) if cls and strip_connectors(Lc[cls.end():]) == "" else generic_cls
            ev0 = lc_abs + (Lc.find(name) if name in Lc else 0)
            fund = st.fund
            sent_before = sent[:rel]
            if re.search(r"一般公共预算", sent_before):
                fund = "gpb"
            elif re.search(r"本年支出|支出合计|总支出", sent_before):
                fund = "all"
            if fund == "gpb":
                fb.emit("gpb_expense_by_function", span, m.value, m.unit, (ev0, m.end), name)
            elif fund in ("all", None):
                fb.emit("expense_by_function", span, m.value, m.unit, (ev0, m.end), name)
            ctx.subject, ctx.kind, ctx.prev_money_q, ctx.prev_metric = name, "kw", name, "class"
            ctx.change_subject = None
            return None

        # ---- 经济分类 items after 人员经费 / 公用经费 ("主要包括:基本工资48.11万元、...")
        if ctx.kind == "econ" or (re.search(r"人员经费|公用经费|工资福利支出|商品和服务支出", sent[:rel]) and re.search(r"包括|其中|主要", sent[:rel])):
            return self._econ(ctx, m, Lc, lc_abs)

        # ---- a project's figures stated in prose
        proj = self._project_money(Lc)
        if proj and COVERAGE.search(sent[max(0, rel - len(Lc) - 12):rel]):
            proj = None  # "项目4个,涉及预算金额598.42万元": a total over several projects
        if proj == "project_carryover" and ctx.kind != "project":
            proj = None  # a balance is a project's only right after its other figures
        if proj and (QUOTED.search(sent[:rel]) or st.project or ("项目" in sent[:rel] and "采购" not in sent)):
            q = self._project_name(ctx)
            fb.emit(proj, span, m.value, m.unit, (lc_abs, m.end), q)
            ctx.kind, ctx.subject = "project", q
            ctx.prev_money_q, ctx.prev_metric = q, proj
            return None

        # unknown label: remember it as the subject of a following 占 x%
        g = clean_qualifier(Lc)
        if re.search(r"涉及|覆盖", sent[max(0, rel - len(Lc) - 16):rel]):
            g = ""
        ctx.prev_money_q, ctx.prev_metric = (g or None), None
        ctx.kind = ctx.kind if lc_s == "" else "other"
        if lc_s != "":
            ctx.subject = g or None
        return None

    def _econ(self, ctx: SentCtx, m: Mention, Lc: str, lc_abs: int):
        g = clean_qualifier(Lc)
        if not re.search(r"(?:服务|福利|家庭的补助|资本性)支出$", g):
            g = re.sub(r"(?:为|是|共|计|支出)+$", "", g)
        if 2 <= len(g) <= 20 and not re.search(r"\d|%", g):
            self.fb.emit("econ_item", (m.start, m.num_end), m.value, m.unit, (lc_abs + max(Lc.find(g), 0), m.end), g)
            ctx.prev_money_q, ctx.prev_metric = g, "econ_item"
            ctx.kind = "econ"
        return None

    @staticmethod
    def _project_money(Lc: str) -> str | None:
        if re.search(r"(?:采购|预算|合同)金额|预算资金(?:为|是)?$(?:为|是)?$|总投资(?:为|是)?$|计划投入(?:资金)?(?:为|是)?$|年初预算(?:为|是)?$", Lc):
            return "project_budget"
        if re.search(r"调整后预算(?:数)?(?:为|是)?$|全年预算数(?:为|是)?$", Lc):
            return "project_adjusted_budget"
        if re.search(r"(?:完成支付|已支付|已拨付|实际支出|执行数|执行金额|实际使用)(?:资金)?(?:为|是)?$", Lc):
            return "project_executed"
        if re.search(r"^(?:当年|本年|年末)?(?:结转(?:和|及|与)?结余|结余|结转)(?:资金)?(?:为|是)?$", Lc):
            return "project_carryover"
        return None
