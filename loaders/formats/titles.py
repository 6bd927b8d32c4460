"""Is a short line a section title? (第一部分 / 一、 / （一） / 1、 / 附件 / 附表 ...)"""

from __future__ import annotations

import re

_NUM = "一二三四五六七八九十百零〇"

TITLE_RE = re.compile(
    rf"""^\s*(?:
        第[{_NUM}\d]+(?:部分|章|节|篇)        # 第一部分 / 第3部分
      | [{_NUM}]+\s*[、.．]                   # 一、
      | [（(]\s*[{_NUM}]+\s*[）)]             # （一）
      | \d{{1,2}}\s*、                         # 1、
      | 附\s*[件表]\s*[\d{_NUM}]*              # 附件 / 附表
      | 目\s*录
    )""",
    re.VERBOSE,
)

MAX_TITLE_CHARS = 40

# the characters a TITLE_RE match of a stripped line can start with (besides a decimal digit:
# regex \d is str.isdecimal): a set test turns most lines away before the pattern is tried
_TITLE_FIRST = frozenset("第" + _NUM + "（(附目")

# A title that ends in "。" names a topic ("（一）……总体情况说明。"); a numbered line that
# ends in "。" after anything else is a sentence ("（十二）完成区委、区政府交办的其他任务。").
_TOPIC_END = re.compile(r"(?:说明|情况|概况|解释|职能|职责|构成|简介|事项|总表|决算表|预算表|附表|附件|目录|设置|分析|结果|评价)$")


_SENTENCE_OR_AMOUNT = re.compile(r"[。；;，,]|\d\s*(?:万元|元|%)")


def looks_like_title(text: str) -> bool:
    """Numbered short line with no sentence inside (a trailing ：is allowed, a trailing 。
    only after a topic word such as 说明/情况). Asked of every short text line: compiled
    patterns only, and literal tests where a pattern only looked for a character."""
    s = text.strip()
    if not s or len(s) > MAX_TITLE_CHARS or not (s[0] in _TITLE_FIRST or s[0].isdecimal()) or not TITLE_RE.match(s):
        return False
    body = s.rstrip("。：:；;")
    if s.endswith(("。", "；", ";")) and not _TOPIC_END.search(body):
        return False
    if ("：" in body or ":" in body) and not body.startswith("附"):  # (``s`` is stripped: so is ``body``'s start)
        return False  # "二、事业收入：指……" is a definition, not a title
    return not _SENTENCE_OR_AMOUNT.search(body)
