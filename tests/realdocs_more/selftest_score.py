#!/usr/bin/env python3
"""Self-test of score.py on hand-made fake facts (test_fake/*.jsonl, not tool output)."""
import json, os
from score import score, load_jsonl, value_match

HERE = os.path.dirname(os.path.abspath(__file__))

def run(stem):
    g = json.load(open(os.path.join(HERE, stem + '.json'), encoding='utf-8'))
    return score(load_jsonl(os.path.join(HERE, 'fake_facts', stem + '.jsonl')), g)

# unit conversion
assert value_match(164978640, '元', '16497.86', '万元')
assert value_match(164978640, '元', 16497.864, '万元')
assert not value_match(164978640, '元', '16497.87', '万元')
assert value_match(16497.86, '万元', '164978640', '元')
assert value_match(1600.00, '万元', '1600', '万元')
assert value_match(0, '万元', '0.00', '万元')
assert not value_match(5, '%', '5', '万元')

r = run('shanghai-putuo-wanli-subdistrict-2023-department-budget')
assert r['found'] == 18 and r['total'] == 35, r['found']
assert sorted(str(c['fact_value']) for c in r['conflicts']) == ['786.09', '999'], r['conflicts']

r = run('jiangsu-high-court-2017-budget')
assert r['found'] == 4, r['found']
vals = sorted(str(c['fact_value']) for c in r['conflicts'])
assert vals == ['2599.37', '9964.07'], vals   # 三公 合计 incl. 会议/培训费; wrong 基本支出
print('score.py self-test OK')
