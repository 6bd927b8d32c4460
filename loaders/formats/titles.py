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


def looks_like_title(text: str) -> bool:
    """Numbered short line with no sentence inside (a trailing 。/：is allowed)."""
    s = text.strip()
    if not s or len(s) > MAX_TITLE_CHARS or not TITLE_RE.match(s):
        return False
    body = s.rstrip("。：:；;")
    if re.search(r"[：:]", body) and not re.match(r"\s*附", body):
        return False  # "二、事业收入：指……" is a definition, not a title
    return not re.search(r"[。；;，,]", body) and not re.search(r"\d\s*(?:万元|元|%)", body)
