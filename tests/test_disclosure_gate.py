"""Not every file in a folder is a disclosure: a README, a page with no 决算/预算 wording and the
official template with placeholder values are quarantined, each with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

from loaders.extract.disclosure import NOT_A_DISCLOSURE, quarantine_reason
from loaders.extract.metadata import document_metadata
from loaders.formats import parse_bytes
from loaders.store.load import Limits, load_paths

TEMPLATE = "template with placeholder values"

README = """# Real published PDFs

| file | what |
| --- | --- |
| putuo-2024-final-accounts.pdf | 上海市普陀区财政局 2024 年度部门决算 (25 pages): cover, 部门概况, the nine
standard tables (收入支出决算总表 … 政府采购), 情况说明 |

These are public documents. Traps: numbers split from sentences, 基本支出 and 项目支出 side by side,
labels wrapped across lines, 财政拨款 in 万元.
"""

TEMPLATE_TEXT = """上海市 XX 局2024 年度部门决算
第一部分 上海市 XX 局概况
一、主要职能
由主管部门根据三定方案等相关规定中有关主要职能填写。
第三部分 上海市 XX 局 2024 年度部门决算情况说明
上海市 XX 局 2024 年度收入支出总计 XXX 万元。与 2023 年度相比，收入支出总计增加（减少）XXX 万元，增长（下降）XX%。
本年收入合计 XXX 万元，其中：财政拨款收入 XXX 万元，占XX%；事业收入 XXX 万元，占 XX%……（不涉及的不列）。
本年支出合计 XXX 万元，其中：基本支出 XXX 万元，占 XX%；项目支出 XXX 万元。
"""

REAL_TEXT = """上海市普陀区CBD建设管理办公室2024年度部门决算
一、收入支出决算总体情况说明
2024年度收、支总计1,234.56万元。本年收入合计1,200.00万元，其中：财政拨款收入1,100.00万元。
本年支出合计1,234.56万元，其中：基本支出900.00万元，项目支出334.56万元。
"""


def _reason(text: str, name: str = "x.txt") -> str | None:
    doc = parse_bytes(text.encode("utf-8"), name)
    return quarantine_reason(doc, document_metadata(doc))


def test_readme_is_not_a_disclosure_although_it_names_one():
    assert _reason(README, "README.md") == NOT_A_DISCLOSURE


def test_template_with_placeholders_is_named_as_such():
    assert _reason(TEMPLATE_TEXT) == TEMPLATE


def test_a_real_disclosure_passes_even_with_letters_in_its_name():
    assert _reason(REAL_TEXT) is None


def test_load_quarantines_readme_and_template_with_their_reasons(tmp_path, tmp_warehouse, samples_dir):
    folder = tmp_path / "in"
    (folder / "more").mkdir(parents=True)
    shutil.copy(samples_dir / "miyi-2023-land-expropriation-center.txt", folder)
    (folder / "README.md").write_text(README, encoding="utf-8")
    (folder / "more" / "README.md").write_text(README.replace("Real", "More real"), encoding="utf-8")
    (folder / "template.txt").write_text(TEMPLATE_TEXT, encoding="utf-8")
    summary = load_paths([folder], tmp_warehouse, limits=Limits(timeout_s=60))
    by = {Path(e.input_path).relative_to(folder).as_posix(): (e.status, e.reason) for e in summary.entries}
    assert by["miyi-2023-land-expropriation-center.txt"][0] == "loaded"
    assert by["README.md"] == ("quarantined", NOT_A_DISCLOSURE)
    assert by["more/README.md"] == ("quarantined", NOT_A_DISCLOSURE)
    assert by["template.txt"] == ("quarantined", TEMPLATE)
