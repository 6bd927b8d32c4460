#!/usr/bin/env python3
"""Score extracted facts against the golden labels in this directory.

Standard library only.

    from score import score
    result = score(facts, golden)   # facts: list of fact dicts, golden: a loaded <stem>.json

    python3 score.py GOLDEN_DIR FACTS_DIR [-v]
        FACTS_DIR holds <stem>.jsonl files (one JSON fact per line), one per golden <stem>.json.

Matching rules (see README.md):
  * metric must be equal (gpb_* and all-funds metrics are different metrics);
  * value: Decimal compare after removing thousands separators; units are converted
    between 元 / 百元 / 万元 by rounding the finer amount to the printed precision
    of the coarser one (a golden 164,978,640 元 matches a fact 16497.86 万元);
    other units (%, counters) must be equal; a fact without a unit is taken to use the
    golden's unit;
  * identity: when the golden has a subject_code and the fact has one too, the codes
    must be equal; otherwise the qualifiers must match after normalisation (spaces
    removed, full/half-width brackets folded, （类）/（款）/（项） markers dropped,
    known 三公 synonyms folded; for subject rows a fact qualifier that ends with the
    golden name, e.g. a full 类/款/项 path, also matches);
    for metrics that have one value per document (expense_basic, three_public_total,
    office_running_cost, ...) the qualifier is not required;
  * CONFLICT: a fact that has a golden's metric and identity but whose value matches
    none of the goldens with that metric and identity.
"""
import json
import os
import re
import sys
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

# metrics with a single value per document: identity = metric alone
SINGLETON = {
    'expense_basic', 'expense_project', 'three_public_total', 'office_running_cost',
    'gpb_expense_total', 'basic_personnel', 'basic_public', 'total_income',
    'total_expense', 'fin_approp_total', 'procurement_total', 'gpb_completion_pct',
}

SCALE = {'元': Decimal(1), '百元': Decimal(100), '万元': Decimal(10000), '万': Decimal(10000)}

_BRACKETS = str.maketrans({'（': '(', '）': ')', '【': '[', '】': ']', '〔': '[', '〕': ']',
                           '“': '"', '”': '"', '　': ''})

# 三公 component synonyms (after bracket folding and space removal)
_THREE_PUBLIC_ALIASES = {
    '因公出国(境)费用': '因公出国(境)费',
    '出国(境)费': '因公出国(境)费',
    '公务用车购置及运行费': '公务用车购置及运行维护费',
    '公务车购置及运行费': '公务用车购置及运行维护费',
    '公务用车购置及运行维护': '公务用车购置及运行维护费',
    '公务用车运行费': '公务用车运行维护费',
    '公务车用车运行费': '公务用车运行维护费',
    '公务车运行费': '公务用车运行维护费',
    '运行费': '公务用车运行维护费',
    '运行维护费': '公务用车运行维护费',
    '购置费': '公务用车购置费',
    '公务用车购置': '公务用车购置费',
    '公务车购置费': '公务用车购置费',
    '接待费': '公务接待费',
}

_TOTAL_ALIASES = {
    '收入合计': '收入总计', '收入预算总计': '收入总计', '总收入': '收入总计',
    '支出合计': '支出总计', '支出预算总计': '支出总计', '总支出': '支出总计',
}


def norm_q(q, metric=None):
    if q is None:
        return ''
    s = re.sub(r'\s+', '', str(q)).translate(_BRACKETS)
    s = re.sub(r'\((类|款|项)\)', '', s)
    s = s.replace('科目', '') if s.endswith('科目') else s
    if metric == 'three_public_item':
        s = _THREE_PUBLIC_ALIASES.get(s, s)
    if metric == 'total_income_expense':
        s = _TOTAL_ALIASES.get(s, s)
    return s


def _core(s):
    for suf in ('支出', '收入', '资金'):
        if s.endswith(suf) and len(s) > len(suf):
            return s[:-len(suf)]
    return s


def qual_match(gq, fq, metric, subject_row):
    g, f = norm_q(gq, metric), norm_q(fq, metric)
    if not g or not f:
        return False
    if g == f or _core(g) == _core(f):
        return True
    if metric == 'total_income_expense' and f in ('收支总计', '收、支总计', '收入支出总计', '收入、支出总计'):
        return True
    if subject_row and f.endswith(g):
        return True
    return False


def to_dec(v):
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        s = repr(v) if isinstance(v, float) else str(v)
    else:
        s = str(v)
    s = s.replace(',', '').replace('，', '').replace(' ', '').strip()
    s = s.rstrip('%')
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def _norm_unit(u):
    if u is None:
        return None
    u = str(u).strip()
    return '万元' if u == '万' else u


def value_match(gv, gu, fv, fu):
    g, f = to_dec(gv), to_dec(fv)
    if g is None or f is None:
        return False
    gu, fu = _norm_unit(gu), _norm_unit(fu)
    if fu is None or fu == '' or gu is None or gu == fu:
        return g == f
    if gu in SCALE and fu in SCALE:
        sg, sf = SCALE[gu], SCALE[fu]
        if sg == sf:
            return g == f
        if sg < sf:   # golden in finer unit (元), fact coarser (万元): round golden to fact precision
            q = Decimal(1).scaleb(f.as_tuple().exponent) if f.as_tuple().exponent < 0 else Decimal(1)
            return (g * sg / sf).quantize(q, rounding=ROUND_HALF_UP) == f
        q = Decimal(1).scaleb(g.as_tuple().exponent) if g.as_tuple().exponent < 0 else Decimal(1)
        return (f * sf / sg).quantize(q, rounding=ROUND_HALF_UP) == g
    return False


def _code(x):
    c = x.get('subject_code')
    if c is None:
        return None
    c = re.sub(r'\s+', '', str(c))
    return c or None


def identity_match(g, f):
    """Does fact f speak about the same item as golden g (metric already equal)?"""
    m = g['metric']
    gc, fc = _code(g), _code(f)
    if gc and fc:
        return gc == fc
    if m in SINGLETON:
        return True
    return qual_match(g.get('qualifier'), f.get('qualifier'), m, subject_row=bool(gc))


def _page(f):
    loc = f.get('location')
    if isinstance(loc, dict) and loc.get('page') is not None:
        return loc.get('page')
    return f.get('page')


def score(facts, golden):
    expected = golden['expected'] if isinstance(golden, dict) else golden
    by_metric = {}
    for f in facts:
        if isinstance(f, dict) and f.get('metric'):
            by_metric.setdefault(f['metric'], []).append(f)
    found, page_agree, missed, found_items = 0, 0, [], []
    for g in expected:
        hits = [f for f in by_metric.get(g['metric'], [])
                if identity_match(g, f) and value_match(g['value'], g.get('unit'), f.get('value'), f.get('unit'))]
        if hits:
            found += 1
            pa = any(str(_page(f)) == str(g.get('page')) for f in hits)
            page_agree += pa
            found_items.append({'golden': g, 'page_agrees': pa})
        else:
            missed.append(g)
    conflicts = []
    for m, fs in by_metric.items():
        gs = [g for g in expected if g['metric'] == m]
        if not gs:
            continue
        for f in fs:
            same = [g for g in gs if identity_match(g, f)]
            if same and not any(value_match(g['value'], g.get('unit'), f.get('value'), f.get('unit')) for g in same):
                conflicts.append({
                    'metric': m,
                    'qualifier': f.get('qualifier'),
                    'subject_code': f.get('subject_code'),
                    'fact_value': f.get('value'),
                    'fact_unit': f.get('unit'),
                    'fact_page': _page(f),
                    'golden_values': sorted({f"{g.get('printed', g['value'])} {g.get('unit', '')}".strip() for g in same}),
                })
    total = len(expected)
    return {
        'found': found,
        'total': total,
        'recall': (found / total) if total else 0.0,
        'conflicts': conflicts,
        'page_agree': page_agree,
        'missed': missed,
    }


def load_jsonl(path):
    facts = []
    with open(path, encoding='utf-8') as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            try:
                facts.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return facts


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = False
    if '-v' in argv:
        verbose = True
        argv.remove('-v')
    if len(argv) != 2:
        print(__doc__)
        return 2
    gdir, fdir = argv
    rows, tf, tt, tc, tp = [], 0, 0, 0, 0
    for name in sorted(os.listdir(gdir)):
        if not name.endswith('.json'):
            continue
        with open(os.path.join(gdir, name), encoding='utf-8') as fh:
            golden = json.load(fh)
        if not isinstance(golden, dict) or 'expected' not in golden:
            continue
        stem = name[:-5]
        fpath = os.path.join(fdir, stem + '.jsonl')
        facts = load_jsonl(fpath) if os.path.exists(fpath) else []
        r = score(facts, golden)
        rows.append((stem, r, os.path.exists(fpath), len(facts)))
        tf += r['found']; tt += r['total']; tc += len(r['conflicts']); tp += r['page_agree']
    w = max([len(s) for s, *_ in rows] + [8])
    print(f"{'document':<{w}}  {'facts':>5}  {'found':>5}/{'total':<5} {'recall':>6}  {'conflicts':>9}  {'page-ok':>7}")
    for stem, r, exists, nf in rows:
        flag = '' if exists else '  (no facts file)'
        print(f"{stem:<{w}}  {nf:>5}  {r['found']:>5}/{r['total']:<5} {r['recall']:>6.1%}  {len(r['conflicts']):>9}  {r['page_agree']:>7}{flag}")
        if verbose:
            for g in r['missed']:
                print(f"    MISSED   {g['metric']} {g.get('qualifier')} {g.get('subject_code') or ''} = {g.get('printed', g['value'])} {g.get('unit')} (p.{g.get('page')})")
            for c in r['conflicts']:
                print(f"    CONFLICT {c['metric']} {c['qualifier']} {c['subject_code'] or ''} = {c['fact_value']} {c['fact_unit']} (p.{c['fact_page']}); golden {c['golden_values']}")
    print(f"{'OVERALL':<{w}}  {'':>5}  {tf:>5}/{tt:<5} {(tf / tt if tt else 0):>6.1%}  {tc:>9}  {tp:>7}")
    return 0


if __name__ == '__main__':
    sys.exit(main())
