"""Money and percentages in prose: 类/款/项 items, 三公, the metric wordings of the lexicon,
功能分类 类 lists, 经济分类 items and percentages (shares, completion rates)."""

from __future__ import annotations

import re

from ...vocab.lexicon import Keyword, cue, function_class_re, keywords, metrics_of_family
from ...vocab.names import three_public_items, three_public_total_pattern
from .context import (COMPLETION, COVERAGE, ENUM_PREFIX, PATH_MARK, PATH_TAIL, PRIOR_YEAR_LABEL, QUOTED, STAGE_ONLY, SentCtx, clean_qualifier,
                      find_keyword, may_hold, strip_connectors, three_public_item, three_public_total_keys)
from .mentions import Mention


ITEM_BUDGET_RE = re.compile(r"预算(?:数)?(?:为|是|数为)?$")
GPB_BUDGET_RE = re.compile(r"一般公共预算(?:财政)?(?:拨款)?支出(?:年初|全年|调整后)?预算(?:数)?(?:为|是)?$")
USES_INTRO_RE = re.compile(r"主要用于|用于以下|具体(?:情况)?如下|主要(?:支出)?(?:项目)?(?:包括|为)")
LIST_INTRO_RE = re.compile(r"包括|其中|主要|中:")  # "商品和服务支出中:办公费(32.45万元)、…"
COVERS_RE = re.compile(r"涉及|覆盖")
SHARE_HEAD = re.compile(r"^(?:约|分别)?占")
CLAUSE_SPLIT = re.compile(r"[,;]")
SUB_PATH = re.compile(r"\((?:款|项)\)")
BOTH_STAGES = re.compile(r"预算(?:数)?(?:和|与|及|、)(?:支出)?决算(?:数)?(?:均|都)(?:为|是)?$")
ITEMS_FOLLOW = re.compile(r",?其中")
# "，全部为" / "（均为" right after an amount: the whole amount is the one item named next
ALL_OF = re.compile(r"[,(]?(?:全部|均)(?:为|是|用于)")
FINAL_TAIL = re.compile(r"(?:财政拨款)?(?:支出)?(?:决算)?(?:数)?(?:为|是)?")
TOTAL_PAIR = re.compile(r"(收入|支出)(?:决算)?总计")
EACH_STATED = re.compile(r"各(?:是|为)|分别(?:是|为)")
CLASS_TAIL = re.compile(r"(?:为|是|共|计)+$")
NOT_A_CLASS = re.compile(r"基本|项目|人员|公用|工资福利|商品和服务|个人和家庭|资本性|\d")
ECON_KEEP_TAIL = re.compile(r"(?:服务|福利|家庭的补助|资本性)支出$")
ECON_TAIL = re.compile(r"(?:为|是|共|计|支出)+$")
DIGIT_OR_PCT = re.compile(r"\d|%")
_UNSET = object()


def three_public_named(label: str) -> tuple[tuple[str, re.Match[str]] | None, re.Match[str] | None]:
    """The 三公 component named last in ``label`` (``three_public_item``) and the last match of the
    三公 total's wordings in it (None when the label holds none of their key characters)."""
    tp_total = None
    if may_hold(three_public_total_keys(), label):
        for tp_total in three_public_total_pattern().finditer(label):
            pass
    return three_public_item(label), tp_total


class MoneyRules:
    """Mixin of SentenceExtractor: amounts and percentages."""

    _label_keywords: dict[str, tuple[Keyword, re.Match[str]] | None] | None = None  # the extractor's own, made on first use

    def _label_keyword(self, label: str) -> tuple[Keyword, re.Match[str]] | None:
        """``find_keyword(label, keywords())``, looked up once per distinct label: the extractor
        lives for one document, and labels such as "支出决算为" come back many times."""
        memo = self._label_keywords
        if memo is None:
            memo = self._label_keywords = {}
        try:
            return memo[label]
        except KeyError:
            hit = memo[label] = find_keyword(label, keywords())
            return hit

    _label_tps: dict[str, tuple] | None = None  # the extractor's own, made on first use

    def _label_three_public(self, label: str) -> tuple[tuple[str, re.Match[str]] | None, re.Match[str] | None]:
        """``three_public_named(label)``, looked up once per distinct label (as ``_label_keyword``:
        a pure function of the label, asked up to twice per amount and again for a repeated label)."""
        memo = self._label_tps
        if memo is None:
            memo = self._label_tps = {}
        hit = memo.get(label)
        if hit is None:
            hit = memo[label] = three_public_named(label)
        return hit

    def _percent(self, ctx: SentCtx, m: Mention, Lc: str, lc_s: str, lc_abs: int, prev: Mention | None):
        fb = self.fb
        span = (m.start, m.num_end)
        if Lc.startswith("(占"):  # "…1,486.52万元(占79.65%)": the share in brackets after the amount
            Lc, lc_abs = Lc[1:], lc_abs + 1
        if Lc.startswith("占") or SHARE_HEAD.match(Lc):
            q = ctx.prev_money_q
            metric = "share_pct"
            if ctx.prev_metric == "procurement_sme":
                metric = "procurement_sme_pct"
            elif ctx.prev_metric == "procurement_small_micro":
                metric = "procurement_small_micro_pct"
            base = SHARE_HEAD.sub("", Lc).rstrip("的")
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
            elif kind == "project" or "执行率" in Lc:
                fb.emit("project_execution_rate", span, m.value, "%", (lc_abs, m.end), q if kind == "project" else self._project_name(ctx))
        return None

    def _money(self, ctx: SentCtx, m: Mention, sent: str, L: str, Lc: str, lc_s: str, l_abs: int, lc_abs: int, rel: int):
        fb, st = self.fb, self.state
        span = (m.start, m.num_end)

        # ---- 类/款/项 items of 一般公共预算财政拨款支出 ("(项)支出决算为24.06万元")
        path_marked = "(" in L and PATH_MARK.search(L) is not None
        if path_marked or (ctx.kind == "gpb_item" and lc_s == "" ) or (
                ctx.kind == "gpb_item" and "预算" in Lc and not self._label_three_public(Lc)[0]):
            if path_marked:
                seg = CLAUSE_SPLIT.split(L)[-1]
                parts = seg.split(":")
                marked = [k for k, p in enumerate(parts) if PATH_MARK.search(p)]
                path = parts[marked[-1]] if marked else seg
                path = clean_qualifier(PATH_TAIL.sub("", ENUM_PREFIX.sub("", clean_qualifier(path))))
                if "(类)" not in path and len(marked) > 1 and parts[marked[-2]].endswith("(类)"):
                    # "(3)住房保障支出(类):住房改革支出(款)住房公积金(项)93.70万元": the 类 heads the label
                    st.item_prefix = clean_qualifier(ENUM_PREFIX.sub("", clean_qualifier(parts[marked[-2]])))
                if "(类)" in path and not SUB_PATH.search(path):
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
            if ITEM_BUDGET_RE.search(Lc) and "决算" not in Lc:
                fb.emit("gpb_item_budget", span, m.value, m.unit,
                        (ctx.item_start if ctx.item_start is not None else lc_abs, m.end), ctx.subject)
                if "完成" in Lc:
                    ctx.budget_pending = True
            else:
                # the 款/项 of the spending of all funds ("本年支出…按支出功能分类", no 财政拨款 named
                # where the fund was read) or of the 一般公共预算财政拨款 (the usual section of
                # "(项)支出决算为X万元")
                item_metric = "expense_item" if st.fund == "all" and not st.fiscal_named else "gpb_expense_item"
                fb.emit(item_metric, span, m.value, m.unit, (max(l_abs, m.start - 120), m.end), ctx.subject)
            ctx.prev_money_q, ctx.prev_metric = ctx.subject, "gpb_expense_item"
            return None

        # ---- 三公经费 (in a list of 经济分类 items, 公务接待费 is one of them)
        hit: tuple | None | object = _UNSET  # the keyword of the label, looked up once
        if ctx.kind == "econ":
            hit = self._label_keyword(Lc)
            # a headline total (基本支出 / 项目支出 / 人员经费 ... : seeds/metrics.csv family totals)
            # ends the 经济分类 list: "基本支出X万元,其中人员经费a万元、公用经费b万元;项目支出Y万元"
            if not (hit and hit[0].metric in metrics_of_family("totals")):
                return self._econ(ctx, m, Lc, lc_abs)
        tp_item, tp_total = self._label_three_public(Lc)
        if tp_item or tp_total or (ctx.kind == "tp" and (lc_s == "" or "预算" in Lc)):
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
            budget = "预算" in rest and "决算" not in rest
            if "决算" in rest and BOTH_STAGES.search(rest):
                # "公务接待费年初预算和决算均为0万元": both figures
                fb.emit("three_public_budget", span, m.value, m.unit, (ev0, m.end), q)
                budget = False
                rest = ""
            if budget:
                fb.emit("three_public_budget", span, m.value, m.unit, (ev0, m.end), q)
                ctx.budget_pending = "完成" in rest
                # "“三公”经费预算为20万元,其中:因公出国(境)费0万元,…": the items that follow are budgets
                ctx.tp_budget_frame = q == "合计" and ITEMS_FOLLOW.match(sent, m.end - ctx.start) is not None
            elif ctx.tp_budget_frame and q != "合计" and strip_connectors(rest) == "":
                fb.emit("three_public_budget", span, m.value, m.unit, (ev0, m.end), q)
            else:
                if strip_connectors(rest) not in ("",) and not FINAL_TAIL.fullmatch(rest):
                    return None
                if q == "合计":
                    fb.emit("three_public_total", span, m.value, m.unit, (ev0, m.end), None)
                else:
                    fb.emit("three_public_item", span, m.value, m.unit, (ev0, m.end), q)
                whole = self._all_of_one_item(sent, m.end - ctx.start, q)
                if whole is not None:  # "…4.36万元，全部为公务接待费": that item's amount too
                    fb.emit("three_public_item", span, m.value, m.unit, (ev0, ctx.start + whole[1]), whole[0])
            ctx.prev_money_q, ctx.prev_metric = q, "three_public"
            return None

        # ---- generic keywords
        if hit is _UNSET:
            hit = self._label_keyword(Lc)
        if hit:
            kw, km = hit
            if kw.metric in metrics_of_family("procurement") and "采购" not in sent:
                hit = None
            elif kw.metric in ("procurement_goods", "procurement_works", "procurement_services") and len(km.group(0)) <= 2 and "采购" not in Lc and "其中" not in sent:
                hit = None
        if hit and COVERS_RE.search(Lc[: hit[1].start()]):
            ctx.prev_money_q, ctx.prev_metric = None, None  # coverage of an evaluation, not spending
            return None
        if hit:
            kw, km = hit
            metric = kw.metric
            q = km.group(0) if kw.qualifier is None else kw.qualifier
            ev0 = lc_abs + km.start()
            pair = TOTAL_PAIR.fullmatch(km.group(0)) if "总计" in km.group(0) else None
            if metric == "total_income_expense" and pair and ctx.prev_metric == "fin_approp_total":
                # "财政拨款收入总计a万元,支出总计b万元": the second total is 财政拨款 too
                metric, q = "fin_approp_total", "财政拨款" + pair.group(1) + "总计"
            if pair and ctx.prev_metric in ("fin_approp_total", "total_income_expense") and ctx.change_subject is None and \
                    ctx.prev_money_q and ctx.prev_money_q.endswith("总计") and pair.group(1) not in ctx.prev_money_q:
                # "收入总计a万元,支出总计b万元,…增加": the two totals share what follows (not when the
                # first has had its own change: "收入总计a万元,增加c;支出总计b万元,增加d")
                fb.emit(metric, span, m.value, m.unit, (ev0, m.end), q)
                both = ("财政拨款" if metric == "fin_approp_total" else "") + "收、支总计"
                ctx.subject, ctx.kind, ctx.prev_money_q, ctx.prev_metric = both, "kw", q, metric
                ctx.change_subject = None
                return None
            if metric == "total_income_expense" and kw.also and EACH_STATED.search(Lc, km.end()):
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

        if GPB_BUDGET_RE.search(Lc):
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
        cls = function_class_re().search(Lc)
        generic_cls = None
        if not cls and USES_INTRO_RE.search(sent, 0, rel):
            g = clean_qualifier(Lc)
            g = CLASS_TAIL.sub("", g)
            if g.endswith("支出") and 4 <= len(g) <= 16 and not NOT_A_CLASS.search(g) \
                    and ctx.kind != "econ":
                generic_cls = g
        cls_last = cls is not None and strip_connectors(Lc[cls.end():]) == ""
        if cls_last or generic_cls:
            name = cls.group(0) if cls_last else generic_cls
            ev0 = lc_abs + (Lc.find(name) if name in Lc else 0)
            fund = st.fund
            if cue("class_fund_gpb").search(sent, 0, rel):
                fund = "gpb"
            elif cue("class_fund_all").search(sent, 0, rel):
                fund = "all"
            if fund == "gpb":
                fb.emit("gpb_expense_by_function", span, m.value, m.unit, (ev0, m.end), name)
            elif fund in ("all", None):
                fb.emit("expense_by_function", span, m.value, m.unit, (ev0, m.end), name)
            ctx.subject, ctx.kind, ctx.prev_money_q, ctx.prev_metric = name, "kw", name, "class"
            ctx.change_subject = None
            return None

        # ---- 经济分类 items after 人员经费 / 公用经费 ("主要包括:基本工资48.11万元、...")
        if ctx.kind == "econ" or (cue("econ_list_parent").search(sent, 0, rel) and LIST_INTRO_RE.search(sent, 0, rel)):
            return self._econ(ctx, m, Lc, lc_abs)

        # ---- a project's figures stated in prose
        proj = self._project_money(Lc)
        if proj and COVERAGE.search(sent, max(0, rel - len(Lc) - 12), rel):
            proj = None  # "项目4个,涉及预算金额598.42万元": a total over several projects
        if proj == "project_carryover" and ctx.kind != "project":
            proj = None  # a balance is a project's only right after its other figures
        if proj and (QUOTED.search(sent, 0, rel) or st.project or (sent.find("项目", 0, rel) >= 0 and "采购" not in sent)):
            q = self._project_name(ctx)
            fb.emit(proj, span, m.value, m.unit, (lc_abs, m.end), q)
            ctx.kind, ctx.subject = "project", q
            ctx.prev_money_q, ctx.prev_metric = q, proj
            return None

        if ctx.kind == "gpb_total" and STAGE_ONLY.search(lc_s):
            return None  # "…支出X万元,年初预算为Y万元,…完成年初预算的Z%": still the same total
        # unknown label: remember it as the subject of a following 占 x%
        g = clean_qualifier(Lc)
        if PRIOR_YEAR_LABEL.fullmatch(g):  # the prior-year amount of the subject (stated or the last one): no new subject
            if Lc.lstrip().startswith("("):
                ctx.prior_bracket_end = m.end  # "(上年X万元),增长y%": the change compares with it
            return None
        if COVERS_RE.search(sent, max(0, rel - len(Lc) - 16), rel):
            g = ""
        ctx.prev_money_q, ctx.prev_metric = (g or None), None
        ctx.kind = ctx.kind if lc_s == "" else "other"
        if lc_s != "":
            ctx.subject = g or None
        return None

    @staticmethod
    def _all_of_one_item(sent: str, rel: int, q: str) -> tuple[str, int] | None:
        """The 三公 item that the whole amount just stated is ("…4.36万元，全部为公务接待费",
        "（全部为运行维护费）" under the item whose part it is: seeds/lexicon/three_public_items.csv
        parent and header_pattern), with where its name ends; None when the amount is not said to be
        one item."""
        head = ALL_OF.match(sent, rel)
        if head is None:
            return None
        rest = sent[head.end(): head.end() + 16]
        item = three_public_item(rest)
        if item is not None and item[1].start() == 0 and item[0] != q:
            return item[0], head.end() + item[1].end()
        for part in three_public_items():  # a part of the item just stated, by its short wording
            if part["parent"] == q and (pm := re.match(part["header_pattern"], rest)) is not None:
                return part["item"], head.end() + pm.end()
        return None

    def _econ(self, ctx: SentCtx, m: Mention, Lc: str, lc_abs: int):
        g = clean_qualifier(Lc)
        if g.endswith("("):  # "工资福利支出(1,412.36万元)": the amount's own bracket
            g = g[:-1].rstrip()
        if not ECON_KEEP_TAIL.search(g):
            g = ECON_TAIL.sub("", g)
        if 2 <= len(g) <= 20 and not DIGIT_OR_PCT.search(g):
            self.fb.emit("econ_item", (m.start, m.num_end), m.value, m.unit, (lc_abs + max(Lc.find(g), 0), m.end), g)
            ctx.prev_money_q, ctx.prev_metric = g, "econ_item"
            ctx.kind = "econ"
        return None

