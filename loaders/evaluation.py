"""Score the extractor against labelled cases (devset/cases/*.json).

A label is matched by an emitted fact with the same metric and unit, an equal value
(Decimal compare) and a matching qualifier: after normalisation (NFKC, no spaces,
punctuation, quotes or brackets; a subject path printed with its level markers,
"一般公共服务支出(类)人大事务(款)行政运行(项)", equals the path written with "/" separators,
"一般公共服务支出/人大事务/行政运行") one contains the other, or both name the same item
(收、支 totals, 三公 合计). A label without qualifier matches any qualifier.

    .venv/bin/python -m loaders.evaluation CASES_DIR [CASES_DIR ...] [-v]

A wrong-metric fact is worse than a miss: a fact whose evidence overlaps a label's evidence and
carries the label's value (and unit) but another metric or qualifier, while no fact of the label's
metric and qualifier states it. They are counted and listed per set.
"""

from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .model import Fact, ParsedDocument
from .vocab.metrics import family as metric_family

def family(metric: str) -> str:
    """The metric's family in seeds/metrics.csv (recall is reported per family)."""
    return metric_family(metric)


# the 类/款/项 level markers printed after each name of a subject path
_LEVEL_MARKER = re.compile(r"\((?:类|款|项)\)")


def norm_q(q: str | None) -> str:
    if not q:
        return ""
    s = unicodedata.normalize("NFKC", q)
    s = _LEVEL_MARKER.sub("", s)
    s = re.sub(r"[/\s\"'“”‘’()（）\[\]【】《》,，、:：;；。.\-—|]", "", s)
    s = s.replace("经费", "费").replace("及运行费", "及运行维护费")
    return s


def _aliases(q: str) -> set[str]:
    out = {q}
    if q in ("收支总计", "收入总计支出总计"):
        out |= {"收入总计", "支出总计"}
    if q in ("三公费合计", "三公费", "合计", "三公费支出"):
        out |= {"三公费合计", "合计"}
    return out


def qualifier_match(label_q: str | None, fact_q: str | None) -> bool:
    a, b = norm_q(label_q), norm_q(fact_q)
    if not a:
        return True
    if not b:
        return False
    for x in _aliases(a):
        for y in _aliases(b):
            if x in y or y in x:
                return True
    return False


def takes_qualifier(metric: str) -> bool:
    """Whether the vocabulary gives ``metric`` a qualifier (seeds/metrics.csv ``qualifier_note``,
    from the qualifier column of FACTS.md): one fact per document (本年收入合计, 机关运行经费,
    一般公共预算财政拨款支出 …) has none, or an optional one, so a label's wording for it is not compared."""
    from .vocab.metrics import metrics

    m = metrics().get(metric)
    return m is None or m.qualifier_note.strip() not in ("", "optional")


def fact_matches(label: dict, f: Fact) -> bool:
    if f.metric != label["metric"] or f.unit != label["unit"] or f.value is None:
        return False
    if Decimal(str(f.value)) != Decimal(str(label["value"])):
        return False
    if not takes_qualifier(label["metric"]):
        return True
    return qualifier_match(label.get("qualifier"), f.qualifier)


def extract_text(text: str, name: str = "case.txt") -> tuple[ParsedDocument, list[Fact]]:
    """Run the same path as ``juesuan extract``: parse_bytes + extract_facts."""
    from .extract import extract_facts

    from .formats import parse_bytes

    doc = parse_bytes(text.encode("utf-8"), name)
    if doc.text != text:  # labels hold offsets into the case text: score on it unchanged
        doc = ParsedDocument(format="txt", text=text, blocks=[])
    return doc, extract_facts(doc)


@dataclass
class Score:
    hits: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    totals: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    misses: list[tuple[str, dict]] = field(default_factory=list)
    bad_evidence: list[tuple[str, Fact]] = field(default_factory=list)
    wrong_metric: list[tuple[str, dict, Fact]] = field(default_factory=list)
    facts: int = 0
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        t = sum(self.totals.values())
        return sum(self.hits.values()) / t if t else 1.0

    def family_recall(self) -> dict[str, float]:
        return {f: self.hits[f] / self.totals[f] for f in self.totals if self.totals[f]}


def _spans(text: str, evidence: str) -> list[tuple[int, int]]:
    out, pos = [], text.find(evidence)
    while pos >= 0 and evidence:
        out.append((pos, pos + len(evidence)))
        pos = text.find(evidence, pos + 1)
    return out


def _fact_span(f: Fact, text: str) -> tuple[int, int] | None:
    loc = f.location
    if loc.char_start is not None and loc.char_end is not None and text[loc.char_start:loc.char_end] == f.evidence:
        return loc.char_start, loc.char_end
    spans = _spans(text, f.evidence)
    return spans[0] if spans else None


def wrong_metric_facts(label: dict, facts: list[Fact], text: str) -> list[Fact]:
    """Facts that state the label's number from the label's evidence under another metric or
    qualifier (the label itself being missed)."""
    spans = _spans(text, label.get("evidence") or "")
    out = []
    for f in facts:
        if f.value is None or f.unit != label["unit"] or Decimal(str(f.value)) != Decimal(str(label["value"])):
            continue
        if fact_matches(label, f):
            continue
        fs = _fact_span(f, text)
        if fs and any(fs[0] < e and s < fs[1] for s, e in spans):
            out.append(f)
    return out


def evaluate(cases_dir: Path) -> Score:
    from .numbers import value_in_evidence

    score = Score()
    t0 = time.perf_counter()
    paths = sorted(Path(cases_dir).glob("*.json"))
    if not paths:
        raise FileNotFoundError(f"no labelled cases (*.json) in {cases_dir}")
    for path in paths:
        case = json.loads(path.read_text(encoding="utf-8"))
        text = case["text"]
        _, facts = extract_text(text)
        score.facts += len(facts)
        for f in facts:
            if f.evidence not in text or not value_in_evidence(f.value, f.evidence):
                score.bad_evidence.append((path.stem, f))
        for label in case["expected"]:
            fam = family(label["metric"])
            score.totals[fam] += 1
            if any(fact_matches(label, f) for f in facts):
                score.hits[fam] += 1
            else:
                score.misses.append((path.stem, label))
                for f in wrong_metric_facts(label, facts, text):
                    score.wrong_metric.append((path.stem, label, f))
    score.seconds = time.perf_counter() - t0
    return score


def report(name: str, s: Score) -> None:
    print(f"== {name}: recall {s.recall:.3f} ({sum(s.hits.values())}/{sum(s.totals.values())}), "
          f"wrong-metric {len(s.wrong_metric)}, {s.facts} facts emitted, {s.seconds:.2f}s")
    for fam, r in sorted(s.family_recall().items()):
        print(f"  {fam:13s} {r:.3f} ({s.hits[fam]}/{s.totals[fam]})")
    if s.bad_evidence:
        print(f"BAD EVIDENCE: {len(s.bad_evidence)}")
        for case, f in s.bad_evidence[:20]:
            print("  ", case, f.metric, f.value, repr(f.evidence))
    if s.wrong_metric:
        print("wrong metric (label -> emitted):")
        for case, label, f in s.wrong_metric:
            print(f"  {case} {label['metric']} q={label.get('qualifier')!r} -> {f.metric} q={f.qualifier!r} "
                  f"{f.value} {f.unit} ev={f.evidence[:60]!r}")
    print("misses:")
    for case, label in s.misses:
        print(f"  {case} {label['metric']} {label['value']} {label['unit']} q={label.get('qualifier')!r} "
              f"ev={label['evidence']!r}")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args
    dirs = [Path(a) for a in args if a != "-v"]
    if not dirs:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for cases in dirs:
        report(str(cases), evaluate(cases))
        if verbose:
            for path in sorted(cases.glob("*.json")):
                case = json.loads(path.read_text(encoding="utf-8"))
                _, facts = extract_text(case["text"])
                print("=====", path.stem)
                for f in facts:
                    print(f"  {f.metric:28s} {f.value!s:>10} {f.unit:3s} q={f.qualifier!r} d={f.direction} "
                          f"ev={f.evidence[:60]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
