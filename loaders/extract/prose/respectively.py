"""Names listed with their amounts or shares in one sentence: "A和B(,)分别为a万元、b万元",
"分别占x%、y%" (also "分别占本年收入合计的x%、y%") and a bare "占x%、y%" after "A、B分别为a、b": each
listed name labels the amount in its place (``SentCtx.labels``)."""

from __future__ import annotations

import re

from .context import SentCtx, clean_qualifier
from .mentions import Mention

# "分别为a、b" / "分别占x%、y%", and a bare "占x%、y%" right after a clause (the shares of the names
# just listed: "A、B分别为a、b,占x%、y%"; a run of one share pairs nothing)
RESPECTIVELY = re.compile(r"分别(?:为|是|达到|达|占)?:?|(?<=,)占")
# what may stand between "占" and the first of its shares: the whole the shares are of ("本年收入合计的")
_SHARE_PARENT = re.compile(r"[^,;:。\d%]{1,16}的")


class RespectiveRules:
    """Mixin of SentenceExtractor: names paired with the amounts listed after them."""

    def _respectively(self, ctx: SentCtx, sent: str, ms: list[Mention]) -> None:
        """"A和B(,)分别为a万元、b万元" / "分别占x%、y%": pair the listed names with the amounts."""
        start = ctx.start
        if not ms or "分别" not in sent:
            return
        for rm in RESPECTIVELY.finditer(sent):
            after = [m for m in ms if m.start - start >= rm.end()]
            run: list[Mention] = []
            share = "占" in rm.group(0)
            for m in after:
                gap = sent[(run[-1].end if run else rm.end() + start) - start: m.start - start]
                if run and (gap not in ("、", ",", "和", "及", "与", "、占", ",占") or m.pct != run[0].pct):
                    break  # a run is of amounts or of shares, never both
                if not run and gap not in ("", "占") and not (share and m.pct and _SHARE_PARENT.fullmatch(gap)):
                    break  # "分别占本年收入合计的98.07%、1.93%": the parent the shares are of
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
            if not clause.strip(",") and len(ctx.list_names) == len(run):  # "...分别为a、b,分别占x%、y%"
                for (name, p_abs), m in zip(ctx.list_names, run):
                    ctx.labels[m.start] = (name, p_abs, share)
                continue
            if not clause.strip(","):  # "A a万元、B b万元,分别占x%、y%": the names of the stated amounts
                stated = self._stated_names(ctx, sent, ms, rm.start())
                if len(stated) == len(run):
                    ctx.list_names = [(clean_qualifier(n), p_abs) for n, p_abs in stated]
                    for (name, p_abs), m in zip(ctx.list_names, run):
                        ctx.labels[m.start] = (name, p_abs, share)
                continue
            for parts in _partitions(clause):
                if len(parts) == len(run) and all(len(p) >= 2 for p, _ in parts):
                    ctx.list_names = [(name, start + lo + intro + p0) for name, p0 in parts]
                    for (name, p_abs), m in zip(ctx.list_names, run):
                        ctx.labels[m.start] = (name, p_abs, share)
                    break


def _partitions(clause: str):
    """The ways to read the listed names, (name, offset in ``clause``) each: split at "、"; at "、"
    and then the last piece at 和/及/与 ("A、社会保障和就业支出、C和D": a name may hold 和 itself);
    at every "、" 和 及 与."""
    def split(text: str, pat: str, base: int) -> list[tuple[str, int]]:
        parts, pos = [], 0
        for piece in re.split("(" + pat + ")", text):
            if piece and not re.fullmatch(pat, piece):
                parts.append((piece, base + text.find(piece, pos)))
            pos += len(piece)
        return parts

    by_comma = split(clause, "、", 0)
    yield by_comma
    if len(by_comma) >= 2:
        last, at = by_comma[-1]
        yield by_comma[:-1] + split(last, "和|及|与", at)
    yield split(clause, "、|和|及|与", 0)
