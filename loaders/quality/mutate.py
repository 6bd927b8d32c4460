"""Mutation harness: plant errors in clean documents and measure what the DQ ledger flags.

    python -m loaders.quality.mutate [--per-kind 5] [--seed 11] [--putuo PDF] [--out DIR]

For each clean document (the samples; the 普陀 PDF through its extracted text when given), every
kind of sites.KINDS lists all eligible positions; `per_kind` of them are drawn with a fixed seed.
Each mutant is its own document (own bytes, own document_id) and its own unit (the unit name gets
a tag after loading), so no two mutants share a unit-year. The clean twins and all mutants are
loaded into ONE warehouse and built ONCE. A mutant is *flagged* when a rule meant for a structure
it breaks fails on it and did not fail (or failed fewer checks) on its clean twin. Mutants that
break no structure are *undetectable* and are not in the score's denominator.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ..config import PROJECT_ROOT, text_samples
from ..extract import extract_facts
from ..extract.metadata import document_metadata
from ..formats import parse_bytes
from .clean_model import CleanModel
from .sites import KINDS, Context, Site


# kinds planted in a real PDF's text (tables, directions, names, years): its extraction is slow, so
# the batch plants there the kinds the samples cannot carry (tables) and the ones it words its own way
REAL_DOCUMENT_KINDS = frozenset({
    "table_cell", "class_amount", "item_amount", "headline_total", "prose_number", "flip_budget_direction",
    "drop_item_row", "foreign_year_in_heading", "rename_class_to_retired_name", "stated_share",
    "three_public_amount", "personnel_or_public_cost",
})


@dataclass(frozen=True)
class Source:
    name: str  # short name of the clean document
    text: str
    suffix: str  # .txt / .md
    kinds: frozenset[str] | None = None  # None = every kind


@dataclass
class Mutant:
    file_name: str
    source: str
    kind: str
    site: Site | None  # None = the clean twin
    document_id: str | None = None

    @property
    def meant_rules(self) -> set[str]:
        return {r for b in (self.site.breaks if self.site else ()) for r in b.rules}


@dataclass
class Result:
    mutants: list[Mutant]
    flagged: dict[str, bool] = field(default_factory=dict)  # file_name -> flagged
    clean_fails: dict[str, list[str]] = field(default_factory=dict)  # source -> rules failing on the twin
    db: Path | None = None  # the batch's warehouse

    def score(self) -> tuple[int, int, float]:
        det = [m for m in self.mutants if m.site and m.meant_rules]
        hit = sum(self.flagged.get(m.file_name, False) for m in det)
        return hit, len(det), (hit / len(det) if det else 0.0)

    def by_kind(self) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = defaultdict(lambda: {"mutants": 0, "undetectable": 0, "flagged": 0, "missed": 0})
        for m in self.mutants:
            if not m.site:
                continue
            k = out[m.kind]
            k["mutants"] += 1
            if not m.meant_rules:
                k["undetectable"] += 1
            elif self.flagged.get(m.file_name):
                k["flagged"] += 1
            else:
                k["missed"] += 1
        return dict(out)


def sample_sources(putuo: Path | None = None) -> list[Source]:
    out = [Source(p.stem.split("-")[0], p.read_text(encoding="utf-8"), p.suffix)
           for p in text_samples()]
    if putuo is not None and putuo.exists():
        doc = parse_bytes(putuo.read_bytes(), putuo.name)
        out.append(Source("putuo", doc.text, ".txt", REAL_DOCUMENT_KINDS))
    return out


def sites_of(src: Source) -> tuple[list[Site], int]:
    doc = parse_bytes(src.text.encode("utf-8"), "clean" + src.suffix)
    meta = document_metadata(doc)
    facts = extract_facts(doc)
    ctx = Context(src.text, doc, facts, meta.fiscal_year or 0, CleanModel(facts))
    sites: list[Site] = []
    for kind in KINDS:
        sites.extend(kind(ctx))
    return sites, meta.fiscal_year or 0


def plan(sources: list[Source], per_kind: int, seed: int) -> tuple[list[Mutant], dict[str, str]]:
    rng = random.Random(seed)
    mutants: list[Mutant] = []
    texts: dict[str, str] = {}
    for src in sources:
        twin = f"{src.name}-clean{src.suffix}"
        mutants.append(Mutant(twin, src.name, "clean", None))
        texts[twin] = src.text
        sites, _ = sites_of(src)
        kinds: dict[str, list[Site]] = defaultdict(list)
        for s in sites:
            if s.replacement != src.text[s.start:s.end] and (src.kinds is None or s.kind in src.kinds):
                kinds[s.kind].append(s)
        for kind in sorted(kinds):
            for i, s in enumerate(rng.sample(kinds[kind], min(per_kind, len(kinds[kind])))):
                name = f"{src.name}-{kind}-{i}{src.suffix}"
                mutants.append(Mutant(name, src.name, kind, s))
                texts[name] = src.text[:s.start] + s.replacement + src.text[s.end:]
    return mutants, texts


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("juesuan")
    return [str(script)] if script.exists() else [sys.executable, "-m", "loaders.cli"]


_CJK_DIGITS = "零一二三四五六七八九"  # 零, not 〇 (U+3007 is no CJK ideograph: names must stay [一-鿿])


def with_own_unit(text: str, name: str, index: int) -> str:
    """The mutant's text with its own unit identity: every printed occurrence of the unit's name
    gets the mutant's number in CJK numerals before the name's organisation suffix
    (米易县集体土地征收补偿安置甲一零七中心), so the name is still recognised as a unit, each mutant is
    a document of its own unit, and no two mutants supersede each other."""
    unit = document_metadata(parse_bytes(text.encode("utf-8"), name)).unit_name
    if not unit or unit not in text or len(unit) < 4:
        raise ValueError(f"{name}: the unit name {unit!r} is not printed in the text; cannot tag the mutant")
    tag = "甲" + "".join(_CJK_DIGITS[int(d)] for d in str(index))
    return text.replace(unit, unit[:-2] + tag + unit[-2:])


def load_and_build(mutants: list[Mutant], texts: dict[str, str], out: Path) -> Path:
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    tagged = {name: with_own_unit(texts[name], name, i) for i, name in enumerate(sorted(texts))}
    for name, text in tagged.items():
        (docs / name).write_text(text, encoding="utf-8")
    # document_id is the sha256 of the bytes: two kinds that planted the same edit share one document
    for m in mutants:
        m.document_id = hashlib.sha256(tagged[m.file_name].encode("utf-8")).hexdigest()
    db = out / "warehouse" / "juesuan.duckdb"
    db.parent.mkdir(parents=True, exist_ok=True)
    # one publish at the end
    run = subprocess.run([*_cli(), "load", "-q", str(docs), "--db", str(db), "--publish-every", "100000",
                          "--publish-seconds", "100000"], cwd=PROJECT_ROOT,
                         capture_output=True, text=True, timeout=1200)
    if run.returncode != 0:
        raise RuntimeError(run.stdout[-3000:] + run.stderr[-3000:])
    # models only (seeds + run): the batch needs the ledger, not the data tests
    env = {**os.environ, "JUESUAN_DB": str(db), "DBT_PROFILES_DIR": str(PROJECT_ROOT),
           "DBT_TARGET_PATH": str(out / "target"), "DBT_LOG_PATH": str(out / "logs")}
    dbt = str(Path(sys.executable).with_name("dbt"))
    for step in ("seed", "run"):
        run = subprocess.run([dbt, step, "--project-dir", str(PROJECT_ROOT)], cwd=PROJECT_ROOT, env=env,
                             capture_output=True, text=True, timeout=1200)
        if run.returncode != 0:
            raise RuntimeError(run.stdout[-3000:] + run.stderr[-3000:])
    return db


def score(mutants: list[Mutant], db: Path) -> Result:
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("""
            select f.document_id, f.rule_id, f.status, count(c.rule_id) filter (where c.status = 'fail'),
                coalesce(sum(abs(c.difference)) filter (where c.status = 'fail'), 0)
            from marts.fct_dq_findings f
            left join quality.dq_checks c using (document_id, rule_id)
            group by all""").fetchall()
    finally:
        con.close()
    outcome = {(d, r): (s, n, diff) for d, r, s, n, diff in rows}
    result = Result(mutants)
    twins = {m.source: m.document_id for m in mutants if m.site is None}
    for src, doc in twins.items():
        result.clean_fails[src] = sorted(r for (d, r), (s, _, _) in outcome.items() if d == doc and s == "fail")
    for m in mutants:
        if m.site is None or m.document_id is None:
            continue
        twin = twins[m.source]
        hit = False
        for rule in m.meant_rules:
            # a new failing check, or a failing check whose figures moved (a count of residue grew)
            s, n, d = outcome.get((m.document_id, rule), ("not_applicable", 0, 0))
            s0, n0, d0 = outcome.get((twin, rule), ("not_applicable", 0, 0))
            if s == "fail" and (s0 != "fail" or n > n0 or d != d0):
                hit = True
        result.flagged[m.file_name] = hit
    return result


def run(out: Path, per_kind: int = 5, seed: int = 11, putuo: Path | None = None) -> Result:
    mutants, texts = plan(sample_sources(putuo), per_kind, seed)
    db = load_and_build(mutants, texts, out)
    result = score(mutants, db)
    result.db = db
    return result


def report(result: Result) -> str:
    hit, det, sc = result.score()
    lines = [f"mutation score: {hit} / {det} detectable mutants flagged = {sc:.1%}",
             f"mutants: {sum(1 for m in result.mutants if m.site)} in {len(result.by_kind())} kinds; "
             f"undetectable: {sum(k['undetectable'] for k in result.by_kind().values())}",
             "kind | mutants | undetectable | flagged | missed"]
    for kind, k in sorted(result.by_kind().items()):
        lines.append(f"{kind} | {k['mutants']} | {k['undetectable']} | {k['flagged']} | {k['missed']}")
    lines.append("missed mutants:")
    for m in result.mutants:
        if m.site and m.meant_rules and not result.flagged.get(m.file_name):
            lines.append(f"  {m.file_name}: {m.site.note} {m.site.replacement[:30]!r} meant {sorted(m.meant_rules)}")
    lines.append(f"rules failing on the clean twins: {json.dumps(result.clean_fails, ensure_ascii=False)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=PROJECT_ROOT / "warehouse" / "mutation")
    ap.add_argument("--per-kind", type=int, default=5)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--putuo", type=Path, default=None)
    a = ap.parse_args(argv)
    print(report(run(a.out, a.per_kind, a.seed, a.putuo)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
