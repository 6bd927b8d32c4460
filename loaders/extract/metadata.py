"""Document-level metadata found in the text: unit, fiscal year, region, kind, scope.

* unit_name: a short organisation line on the cover ("资阳市土地开发整理中心", "上海市普陀区财政局"),
  else the name in front of "<year>年度部门决算" ("纳入米易县集体土地征收补偿安置中心2023年度部门决算…").
* fiscal_year: the year the document reports ("2023年度部门决算", "2021年度" on the cover), never
  the publication date ("公开时间：2022年10月11日").
* kind: 决算 / 预算; None when the text is not a budget disclosure at all (the loader quarantines it).
* scope: 部门 (汇总: subordinate 预算单位, or it calls itself 部门决算) or 单位.
* province / city / county: implied by the unit name (regions.py)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import ParsedDocument
from .regions import region_of
from .unit_names import canonical_unit_name


@dataclass
class DocumentMeta:
    kind: str | None = None  # 决算 / 预算; None = not a budget disclosure (the loader quarantines it)
    unit_name: str | None = None
    fiscal_year: int | None = None
    scope: str | None = None  # 部门 / 单位
    province: str | None = None
    city: str | None = None
    county: str | None = None
    title: str | None = None
    part: str | None = None  # whole / narrative / tables: one disclosure may come as two files
    caliber: str | None = None  # 汇总 (a 部门 with its 单位 consolidated) / 本级 (one unit's own level)


HEAD_CHARS = 6000
HEADER_CHARS = 60000  # table headers of a tables-only file
ORG_SUFFIX = (
    "委员会|办公室|管理局|管理处|管理所|管理站|服务中心|中心|局|厅|委|办|院|所|站|队|馆|校|学校|医院|"
    "保健院|协会|联合会|学会|政府|街道办事处|街道|人民法院|人民检察院|公司|部|处|社|团|会"
)
ORG_LINE_RE = re.compile(rf"^[\u4e00-\u9fff（）()]{{4,40}}(?:{ORG_SUFFIX})(?:（本级）)?$")
YEAR_KIND_RE = re.compile(r"(20\d{2}|19\d{2})\s*年\s*度?\s*(?:[\u4e00-\u9fff]{0,6}?)(?:部门|单位)?\s*(决算|预算)")
YEAR_AFTER_RE = re.compile(r"年度\s*(?:部门|单位)?\s*(?:决算|预算)[^\n\d]{0,12}\n\s*(20\d{2})\b")
COVER_YEAR_RE = re.compile(r"^\s*(20\d{2})\s*年\s*度\s*$", re.M)
NAME_BEFORE_YEAR_RE = re.compile(
    r"([\u4e00-\u9fff（）()]{4,40}?)\s*(20\d{2})\s*年\s*度?[^\n，。；]{0,24}?(?:决算|预算)"
)
# a tables-only file names its unit only in table headers: "部门：中共江苏省委办公厅", "编制部门：…"
HEADER_UNIT_RE = re.compile(
    rf"(?:预算主管部门|主管部门|编制部门|编制单位|部门名称|单位名称|部门|单位)\s*[：:]\s*([\u4e00-\u9fff（）()]{{4,40}}?(?:{ORG_SUFFIX}))(?=\s|单位\s*[：:]|$|[，。；])",
    re.M,
)
LEAD_WORDS = ("纳入", "根据", "关于", "按照", "以下是", "公开", "现将", "是", "为", "的")
DISCLOSURE_WORDS = ("收入", "支出", "财政拨款", "三公", "基本支出", "项目支出", "结转", "万元")
KIND_STRONG = {
    "决算": ("部门决算", "单位决算", "决算公开", "年度决算", "决算表", "决算情况说明", "决算总表", "决算批复", "绩效自评", "自评表"),
    "预算": ("部门预算", "单位预算", "预算公开", "预算表", "预算情况说明", "收支预算", "预算总表"),
}


STRICT_KIND_RE = re.compile(r"(?:19|20)\d{2}\s*年\s*度?\s*(?:部门|单位)?\s*(决算|预算)(?!数)")


def document_kind(text: str) -> str | None:
    """决算 / 预算 / None (not a budget disclosure): the ``kind`` of ``document_metadata``."""
    return _kind(text)


def _kind(text: str) -> str | None:
    if sum(w in text for w in DISCLOSURE_WORDS) < 2:
        return None
    head = text[:HEAD_CHARS]
    for m in STRICT_KIND_RE.finditer(head):  # "2023年度部门决算" names the document itself …
        if _not_comparison(head, m):
            # … unless a strong word of the other kind comes first (a 决算 that mentions next
            # year's "2023年部门预算" after its own 决算情况说明)
            other = "预算" if m.group(1) == "决算" else "决算"
            if any(_starts_before(text, w, m.start()) for w in KIND_STRONG[other]):
                return other
            return m.group(1)
    if any(w in text for w in KIND_STRONG["决算"]) or re.search(r"(?:19|20)\d{2}\s*年\s*度?\s*决算", text):
        return "决算"
    if any(w in text for w in KIND_STRONG["预算"]):
        return "预算"
    if "决算" in text and re.search(r"\d\s*(?:万元|元)", text):
        return "决算"
    return None


def _starts_before(text: str, word: str, at: int) -> bool:
    """``0 <= text.find(word) < at``, searching ``text[:at + len(word) - 1]`` only (an occurrence
    starting before ``at`` ends there at the latest): a word that is not in the document no longer
    costs a scan of all of it."""
    return at > 0 and text.find(word, 0, at + len(word) - 1) >= 0


def _cover_lines(text: str, n: int = 12) -> list[str]:
    lines = []
    for ln in text.splitlines():
        s = re.sub(r"^[#\s]+", "", ln).strip()
        if s and not s.startswith("<"):
            lines.append(s)
        if len(lines) >= n:
            break
    return lines


def _trim_lead(name: str) -> str:
    changed = True
    while changed:
        changed = False
        for w in LEAD_WORDS:
            if name.startswith(w) and len(name) - len(w) >= 4:
                name, changed = name[len(w) :], True
    return name


def _unit_name(doc: ParsedDocument, head: str) -> str | None:
    for line in _cover_lines(head):
        if re.search(r"第[一二三四五六七八九十\d]+部分|目\s*录", line):
            break
        s = re.sub(r"\s+", "", line)
        if ORG_LINE_RE.match(s) and not re.search(r"决算|预算|说明|概况", s):
            return s
    header = Counter(m.group(1) for m in HEADER_UNIT_RE.finditer(doc.text[:HEADER_CHARS]))
    if header:
        return header.most_common(1)[0][0]
    counts: Counter[str] = Counter()
    for m in NAME_BEFORE_YEAR_RE.finditer(head):
        name = _trim_lead(re.split(r"[，。；：、]", m.group(1))[-1])
        name = re.sub(r"^(?:第[一二三四五六七八九十]+部分)", "", name)
        if re.search(rf"(?:{ORG_SUFFIX})$", name):
            counts[name] += 1
    if not counts:
        return None
    # a name that places itself (starts with a region) beats a short in-document form (县招商服务中心)
    return max(counts, key=lambda n: (region_of(n) != region_of(None), counts[n], len(n)))


def _not_comparison(text: str, m: re.Match) -> bool:
    """'较2020年度决算数' / '与2022年相比' name the year compared against, not the year reported."""
    return not re.search(r"(?:较|比|与|同|上年|截至|截止|于)\s*$", text[max(0, m.start() - 3) : m.start()])


def _fiscal_year(head: str) -> int | None:
    years = Counter(int(m.group(1)) for m in YEAR_KIND_RE.finditer(head) if _not_comparison(head, m))
    if years:
        return years.most_common(1)[0][0]
    m = YEAR_AFTER_RE.search(head) or COVER_YEAR_RE.search(head)
    if m:
        return int(m.group(1))
    spans = Counter(int(m.group(1)) for m in re.finditer(r"(20\d{2})\s*年\s*度", head) if _not_comparison(head, m))
    return spans.most_common(1)[0][0] if spans else None


def _scope(text: str) -> str | None:
    m = re.search(r"(?:下属|所属|包括)[^。\n]{0,12}?(?:二级)?预算单位\s*(\d+)\s*个", text)
    if m and int(m.group(1)) > 0:
        return "部门"
    if re.search(r"部门决算(?:包括|由)[^。\n]{0,40}下属", text) or re.search(r"纳入[^。\n]{0,40}部门(?:决算|预算)编制范围", text):
        return "部门"
    dept = len(re.findall(r"部门(?:决算|预算)", text))
    unit = len(re.findall(r"单位(?:决算|预算)", text))
    if unit > dept:
        return "单位"
    if dept:
        return "部门"
    if unit:
        return "单位"
    return None


def _title(head: str, unit: str | None) -> str | None:
    for line in _cover_lines(head, 20):
        s = re.sub(r"\s+", "", line)
        if len(s) <= 50 and not s.startswith("第") and re.search(r"(?:决算|预算)(?:公开)?(?:说明|报告|表|资料)?$", s):
            return s
    return None


def document_metadata(doc: ParsedDocument) -> DocumentMeta:
    text = doc.text
    head = text[:HEAD_CHARS]
    kind = _kind(text)
    unit = canonical_unit_name(_unit_name(doc, head))
    year = _fiscal_year(head) or _fiscal_year(text[:50000])
    region = region_of(unit, head[:2000]) if unit else region_of(_first_region_mention(head))
    scope = _scope(text) if kind else None
    title = _title(head, unit)
    return DocumentMeta(
        kind=kind,
        unit_name=unit,
        fiscal_year=year,
        scope=scope,
        province=region.province,
        city=region.city,
        county=region.county,
        title=title,
        part=part_of(doc) if kind else None,
        caliber=caliber_of(text, scope, unit, title),
    )


MEMBERS_RE = re.compile(r"(?:下属|所属|包括)[^。\n]{0,20}?(\d+)\s*(?:家|个)[^。\n]{0,6}?(?:预算)?单位")


def caliber_of(text: str, scope: str | None, unit: str | None, title: str | None) -> str | None:
    """汇总 when the document consolidates subordinate units (下属 5 家预算单位, 部门决算包括…下属);
    本级 when it covers one unit's own level ((本级) in its name or title, or a 单位 document)."""
    if re.search(r"[（(]本级[)）]", (unit or "") + (title or "")):
        return "本级"
    m = MEMBERS_RE.search(text[:20000])
    if m and int(m.group(1)) > 0:
        return "汇总"
    if scope == "单位":
        return "本级"
    return None


MIN_TABLE_NUMBERS = 3  # a table block holding at least this many numbers is a data table
MIN_AMOUNT_SENTENCES = 3  # "… 万元，" sentences outside tables that make a narrative
AMOUNT_SENTENCE_RE = re.compile(r"\d\s*(?:万元|元)\s*[，。；,;]")


def part_of(doc: ParsedDocument) -> str:
    """whole (narrative and tables in one file), tables (tables only: no title page, no
    情况说明) or narrative (the 情况说明 without its tables, which come as another file)."""
    tables = any(_holds_numbers(b.rows or [], MIN_TABLE_NUMBERS) for b in doc.tables)
    if tables and _amount_sentences(doc, MIN_AMOUNT_SENTENCES):
        return "whole"
    if tables:
        return "tables"
    return "narrative"


def _holds_numbers(rows, at_least: int) -> bool:
    """At least ``at_least`` cells of ``rows`` hold a number (stops counting there)."""
    from ..numbers import parse_number

    n = 0
    for row in rows:
        for c in row:
            if parse_number(c.text) is not None:
                n += 1
                if n >= at_least:
                    return True
    return False


def _amount_sentences(doc: ParsedDocument, at_least: int) -> bool:
    """At least ``at_least`` "… 万元，" sentences outside the table blocks (stops counting there)."""
    n = 0
    for b in doc.blocks:
        if b.kind != "table":
            for _ in AMOUNT_SENTENCE_RE.finditer(b.text):
                n += 1
                if n >= at_least:
                    return True
    return False


def _first_region_mention(head: str) -> str | None:
    m = re.search(r"[\u4e00-\u9fff]{2,12}?(?:省|自治区|市|县|区)", head)
    return m.group(0) if m else None
