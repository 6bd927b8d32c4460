"""Projects in prose: the project a heading opens ("1.X项目绩效自评综述:"), the project a
sentence names ('"X"项目', 项目名称:X, "其中:X项目年初预算…") and the project metric a label names."""

from __future__ import annotations

import re

from ...vocab.lexicon import project_money_metric
from .context import (ENUM_PREFIX, NAMED_PROJECT, NOT_PROJECT, PROJECT_HEAD, QUOTED_PROJECT, SentCtx, clean_qualifier,
                      may_enumerate)

# where PROJECT_HEAD's 项目 may end at the latest: after '"' + 40 characters + '"'
PROJECT_HEAD_REACH = 1 + 40 + 1 + len("项目")


class ProjectRules:
    """Mixin of SentenceExtractor: project names and project money words."""

    @staticmethod
    def _project_heading(sent: str) -> str | None:
        """The project a "1.X项目绩效自评综述:" / '"X"项目...' sentence opens, else None."""
        if "项目" not in sent:
            return None  # PROJECT_HEAD names a 项目
        raw = sent.strip("#* ")
        em = ENUM_PREFIX.match(raw) if may_enumerate(raw) else None  # anchored: the one match sub(count=1) removes
        body = (raw[em.end():] if em else raw).lstrip("(")
        if body.find("项目", 2, PROJECT_HEAD_REACH) < 0:
            return None  # PROJECT_HEAD's 项目 follows a name of 2 to 40 characters (42 when quoted)
        named = QUOTED_PROJECT.match(body) if body.startswith("项目名称:") else None
        if named and named.group(2) and named.end() >= len(body.rstrip('"')):
            # a line that is only a project's name: "（一）项目名称：洱海流域天然林保护修复项目"
            name = clean_qualifier(named.group(2))
            return name if len(name) >= 2 and not NOT_PROJECT.search(name) else None
        m = PROJECT_HEAD.match(body)
        if not m:
            return None
        name = (m.group(1) or m.group(2) or "").strip(':"')
        # an unquoted name only in a heading ("1.X项目...", "(X项目)") or before 项目绩效/项目自评
        heading = body != raw or re.match(r"项目(?:绩效|自评)", body[m.end() - 2:]) is not None
        if m.group(2) and (NOT_PROJECT.search(name) or not heading or ("项目" in name and not raw.startswith("("))):
            return None
        if len(name) < 2:
            return None
        # keep the heading's own wording "X项目" (project tables print the name that way)
        return name if m.group(1) else name + "项目"

    def _project_name(self, ctx: SentCtx) -> str | None:
        """The project a sentence's figures belong to: one named in the sentence as
        '"X"项目' / 项目名称:X, else the project whose block we are in. Other quoted text
        ("不合格", document titles) is not a project name."""
        return self._named_project(ctx.text) or self.state.project

    @staticmethod
    def _named_project(text: str, end: int | None = None) -> str | None:
        """The project ``text[:end]`` names: the last '"X"项目' / 项目名称:X, else the first
        unquoted "X项目" opening a clause before the project's figures ("其中:校舍维修改造项目年初预算
        120.00万元", "1.X项目全年预算数…")."""
        end = len(text) if end is None else end
        qm = QUOTED_PROJECT.findall(text, 0, end)  # endpos: as if the text ended there
        if qm:
            return qm[-1][0] or qm[-1][1]
        for um in NAMED_PROJECT.finditer(text, 0, end):
            name = clean_qualifier(um.group(1))
            if len(name) >= 2 and not NOT_PROJECT.search(name):
                return name
        return None

    @staticmethod
    def _project_money(Lc: str) -> str | None:
        return project_money_metric(Lc)
