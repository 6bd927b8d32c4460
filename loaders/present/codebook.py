"""The codebook, generated from the dbt YAML (models/marts/*.yml, the raw sources) and the seed
YAML — the same descriptions dbt docs shows — so the Chinese README and the open-data dump never
drift from the models.

    python -m loaders.present.codebook            print the codebook
    python -m loaders.present.codebook --write    regenerate README.zh-CN.md (quick start + codebook)
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache
from pathlib import Path

import yaml

from loaders.config import PROJECT_ROOT

__all__ = ["codebook_markdown", "readme_zh", "ZH_README"]

ZH_README = PROJECT_ROOT / "README.zh-CN.md"
_DOC = re.compile(r"""\{\{\s*doc\(\s*["']([^"']+)["']\s*\)\s*\}\}""")


@lru_cache(maxsize=1)
def _doc_blocks() -> dict[str, str]:
    text = (PROJECT_ROOT / "models" / "docs.md").read_text(encoding="utf-8")
    return {m[1]: m[2].strip() for m in re.finditer(r"\{%\s*docs\s+(\w+)\s*%\}(.*?)\{%\s*enddocs\s*%\}", text, re.S)}


def _text(value: object) -> str:
    text = " ".join(str(value or "").split())
    text = _DOC.sub(lambda m: _doc_blocks().get(m[1], m[1]), text)
    return text.replace("|", "\\|")


def _columns(columns: list[dict]) -> list[str]:
    lines = ["| 列 column | 说明 description |", "| --- | --- |"]
    lines += [f"| `{c['name']}` | {_text(c.get('description'))} |" for c in columns or []]
    return lines


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def codebook_markdown(root: Path = PROJECT_ROOT) -> str:
    out: list[str] = ["## 数据字典 Codebook", "",
                      "由 `models/` 与 `seeds/` 的 YAML 生成（`python -m loaders.present.codebook --write`），与 dbt docs 同源。", ""]
    out += ["### 数据集市 `marts`", ""]
    for path in sorted((root / "models" / "marts").glob("*.yml")):
        for model in _yaml(path).get("models", []):
            out += [f"#### `marts.{model['name']}`", "", _text(model.get("description")), ""]
            out += _columns(model.get("columns", [])) + [""]
    out += ["### 原始层 `raw`（加载程序写入）", ""]
    for path in sorted((root / "models" / "staging").glob("_*sources.yml")):
        for source in _yaml(path).get("sources", []):
            for table in source.get("tables", []):
                out += [f"#### `{source.get('schema', source['name'])}.{table['name']}`", "", _text(table.get("description")), ""]
                if table.get("columns"):
                    out += _columns(table["columns"]) + [""]
    out += ["### 参考数据 `seeds`", ""]
    for path in sorted((root / "seeds").rglob("_*.yml")):
        for seed in _yaml(path).get("seeds", []):
            out += [f"#### `{seed['name']}`", "", _text(seed.get("description")), ""]
            if seed.get("columns"):
                out += _columns(seed["columns"]) + [""]
    return "\n".join(out).rstrip() + "\n"


_QUICK_START = """# juesuan 决算 — 中文说明

juesuan 把中国政府部门/单位决算公开（以及预算公开）文件载入一个可分析的数据仓库：加载程序把每份文件解析成
带出处的原始数据（每个数字都附原文依据、文件编号与位置），dbt（dbt-duckdb）在 DuckDB 中建成星型模型，
笔记本（polars + altair）生成中文分析报告。英文说明见 `README.md`。

> 本文件由 `python -m loaders.present.codebook --write` 生成，请勿手工编辑；测试会检查它与模型 YAML 一致。

## 快速开始

在装有 Python 3.11 的 Debian 机器上：

```bash
make demo    # 建立 .venv、安装锁定版本的依赖与中文字体，载入样例，dbt 构建，生成报告并打印摘要
make test    # 全部测试（以 root 运行时会安装 chromium 以在浏览器中检查报告）
```

常用命令：

```bash
.venv/bin/juesuan load ~/下载/决算/            # 载入文件或文件夹（递归）
.venv/bin/juesuan build                       # dbt 构建数据集市
.venv/bin/juesuan report --units 米易,资阳 --years 2020-2023   # 中文交互式报告 report/index.html
.venv/bin/juesuan sql "SELECT * FROM marts.fct_budget_totals LIMIT 5" --xlsx 结果.xlsx
.venv/bin/juesuan sql "SELECT * FROM marts.fct_budget_totals" --csv --bom > 结果.csv   # Excel 可直接打开
.venv/bin/juesuan export 米易县集体土地征收补偿安置中心 --out 米易.xlsx   # 单位各年度标准报表（含原文依据）
.venv/bin/juesuan export --all 开放数据/         # 全部数据集市的版本化导出（Parquet + CSV + 数据字典）
```

单位可以写全称、能唯一确定单位的部分名称或单位编号，多个单位用逗号分隔；名称有歧义或找不到时，命令会
列出候选单位并以退出码 2 结束。不指定单位时，报告列出本年支出合计最大的（至多 8 个）单位，并为每个单位
生成一页单位档案。

## 从数据集市的一行回到原文

每个数据集市的事实行都带有 `document_id`（文件编号，即文件的 sha256）与 `evidence`（原文中载明该数字的
文字）；`marts.dim_document` 给出文件名，`raw.facts` 给出页码、行号与字符位置。

"""


def readme_zh(root: Path = PROJECT_ROOT) -> str:
    return _QUICK_START + codebook_markdown(root)


def main(argv: list[str]) -> int:
    if "--write" in argv:
        ZH_README.write_text(readme_zh(), encoding="utf-8")
        print(f"wrote {ZH_README}")
        return 0
    sys.stdout.write(codebook_markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
