"""Counts in prose: 公务接待 批次 / 人次, 因公出国 团组 / 人次, vehicles held and bought (with
their kind), headcounts (with their kind)."""

from __future__ import annotations

import re

from ...vocab.lexicon import headcount_words_re, vehicle_kind
from .context import SentCtx, clean_qualifier, strip_connectors
from .mentions import Mention


PART_SPLIT = re.compile(r"[;]")
WHERE_WORDS = re.compile(r"国内|外事|外宾|境外")
HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,12}")
SUBSET_AFTER = re.compile(r"其中[^;。]*$")
ANY_CHAR = re.compile(".")
OF_WHICH = re.compile("其中")
COUNT_TAIL = re.compile(r"(?:为|是|共|有|达)+$")
UNIT_NAME_HEAD = re.compile(r"^.*?(?:中心|单位|部门|本局|局|院|站|所|办公室|委员会|队|馆|学校|政府)(?=.{2,})")
UNIT_NAME_ANY = re.compile(r"^.*?(?:中心|单位|部门|局|院|站|所|办公室|委员会|队|馆|学校|政府)")
BUY_WORDS = ("购置", "购买", "更新", "新购", "采购")
# a vehicle bought that names no kind: the count as a whole (fct_three_public_counts detail '')
GENERIC_VEHICLES = frozenset({"车", "车辆", "公车", "公务用车", "公务车辆", "公务用车辆"})
HOLD_WORDS = ("保有", "共有", "实有", "现有", "拥有", "车辆数", "在用", "公务用车")


class CountRules:
    """Mixin of SentenceExtractor: counter units (批次, 人次, 辆, 人 …)."""

    def _counter(self, ctx: SentCtx, m: Mention, L: str, Lc: str, lc_abs: int, sent: str):
        fb = self.fb
        span = (m.start, m.num_end)
        ev = (lc_abs, m.end)
        u = m.unit
        where = "国内" if "国内" in Lc else ("外事" if "外事" in Lc or "外宾" in Lc else None)
        if u == "批次" or (u in ("人次", "人") and "接待" in Lc):
            if where is None:
                # "国内公务接待支出4.75万元,接待26批次": 国内/外事 said earlier in the same part
                part = PART_SPLIT.split(sent[: m.start - ctx.start])[-1]
                said = list(WHERE_WORDS.finditer(part))
                if said:
                    where = "国内" if said[-1].group(0) == "国内" else "外事"
            ctx.counter = "reception"
            where = where or ctx.where
            ctx.where = where
            fb.emit("reception_batches" if u == "批次" else "reception_persons", span, m.value, u, ev, where)
            return None
        rel_end = m.end - ctx.start
        if (u in ("个", "次") and ("团组" in Lc or "出国" in Lc or sent.startswith("团组", rel_end))) \
                or (u in ("人次", "人") and ("出国" in Lc or "出境" in Lc)):
            # "(因公出国)团组2个" / "组织1个团组2人次": the count before its noun
            ctx.counter = "outbound"
            if u in ("个", "次") and sent.startswith("团组", rel_end):
                ev = (lc_abs, m.end + 2)  # "组织1个团组": the noun after the count is part of it
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
            if any(map(Lc.__contains__, BUY_WORDS)):
                ctx.counter = "vbuy"
                # "购置应急指挥保障车1辆": a kind of the list, else the vehicle named after the verb
                bought = clean_qualifier(Lc[max(Lc.rfind(w) + len(w) for w in BUY_WORDS if w in Lc):])
                bought = bought if HAN_NAME.fullmatch(bought) and bought.endswith(("车", "车辆")) \
                    and bought not in GENERIC_VEHICLES else None
                fb.emit("vehicle_purchase_count", span, m.value, u, ev, vehicle_kind(Lc) or bought)
            elif any(map(Lc.__contains__, HOLD_WORDS)):
                ctx.counter = "vhold"
                held = COUNT_TAIL.sub("", clean_qualifier(Lc))  # "公务用车保有量为4辆"
                held = held if HAN_NAME.fullmatch(held) else None
                fb.emit("vehicle_count", span, m.value, u, ev, vehicle_kind(Lc) or held)
            elif ctx.counter in ("vbuy", "vhold"):
                metric = "vehicle_purchase_count" if ctx.counter == "vbuy" else "vehicle_count"
                fb.emit(metric, span, m.value, u, ev, vehicle_kind(Lc) or clean_qualifier(Lc) or None)
            return None
        subset = u in ("人", "名") and ctx.counter == "headcount" and HAN_NAME.fullmatch(Lc) \
            and SUBSET_AFTER.search(sent[ctx.item_end - ctx.start: m.start - ctx.start]) is not None
        if u in ("人", "名") and (headcount_words_re().search(Lc) or subset):
            ctx.counter, ctx.item_end = "headcount", m.end
            q = Lc
            kw = headcount_words_re().search(q) or ANY_CHAR.search(q)
            cut = max((i + 1 for i, ch in enumerate(q[: kw.start()]) if ch in "有内现共"), default=0)
            cut = max([cut] + [x.end() for x in OF_WHICH.finditer(q[: kw.start()])])
            q = clean_qualifier(q[cut:])
            q = COUNT_TAIL.sub("", q)
            # "中心事业编制" -> "事业编制": the unit's name is not the kind of headcount
            q = UNIT_NAME_HEAD.sub("", q) if headcount_words_re().search(UNIT_NAME_ANY.sub("", q)) else q
            fb.emit("headcount", span, m.value, u, ev, q or None)
        return None

