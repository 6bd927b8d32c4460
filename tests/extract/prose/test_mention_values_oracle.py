"""``find_mentions`` (each distinct number read once per document, the mention's end as its number's
end plus its unit) gives the mentions of the loop it replaced, kept here as the oracle: on the
sample documents and random texts with repeated figures, thousands separators, long codes,
decimals and every unit."""

from __future__ import annotations

import random
from decimal import Decimal, InvalidOperation
from pathlib import Path

from loaders.extract.prose.mentions import _MENTION_SCAN, Mention, find_mentions

ROOT = Path(__file__).resolve().parents[3]
SAMPLES = sorted((ROOT / "data" / "samples").glob("*.*"))
PIECES = ["1,145.52", "7.03", "26", "12345678901", "1234567890", "12,345,678,901", "1,234,567,890.5", "0.5", "２", "3.",
          "00", "10.00", "99999999999.9", ",", ".", "-", "a", "x", "万元", "亿元", "百元", "千元", "元", "万", "万,", "%", "人次",
          "批次", "辆", "个", "人", "名", "次", "分", "。", "支出", "较上年增加", "/", "~", "\n"]


def old_find_mentions(norm: str) -> list[Mention]:
    """``find_mentions`` as it was at 7c00aaa."""
    out = []
    append = out.append
    for m in _MENTION_SCAN.finditer(norm):
        num, unit = m.groups()
        digits = num.replace(",", "")
        if len(digits.split(".")[0]) > 10:  # codes, not amounts
            continue
        try:
            v = Decimal(digits)
        except (InvalidOperation, ValueError):
            continue
        s, e = m.span(1)
        append(Mention(s, m.end(), e, v, "万元" if unit == "万" else unit))
    return out


def _fields(ms: list[Mention]) -> list[tuple]:
    return [(m.start, m.end, m.num_end, m.value, str(m.value), m.unit) for m in ms]


def test_reading_each_number_once_gives_the_mentions_of_reading_each_mention():
    from loaders.extract.document import view_of
    from loaders.formats import parse_file

    rnd = random.Random(1313)
    texts = [view_of(parse_file(p)).prose.text for p in SAMPLES]
    texts += ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 60))) for _ in range(3000)]
    found = 0
    for text in texts:
        new = find_mentions(text)
        assert _fields(new) == _fields(old_find_mentions(text)), text
        found += len(new)
    assert found > 5000
