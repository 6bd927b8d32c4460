"""Start-up: a command loads only what it uses (heavy packages are imported in command bodies).

Checked on the modules Python reports with ``-X importtime`` in a fresh process — not on
time, which depends on the machine (the time target lives in loaders/bench/pdf_paths.py).
"""

from __future__ import annotations

import subprocess
import sys

from loaders.config import PROJECT_ROOT

HEAVY = ("dbt", "altair", "polars", "pdfplumber", "pdfminer", "duckdb", "pyarrow", "pandas", "vl_convert")
TEXT = (
    "某区某局2023年度部门决算\n"
    "一、收入支出决算总体情况说明\n"
    "2023年度收、支总计1,234.56万元。与2022年度相比，收、支总计各增加12.34万元，增长1.0%。\n"
    "二、收入决算情况说明\n"
    "2023年度本年收入合计1,200.00万元，其中：财政拨款收入1,100.00万元，占91.7%；其他收入100.00万元，占8.3%。\n"
    "三、支出决算情况说明\n"
    "2023年度本年支出合计1,180.00万元，其中：基本支出900.00万元，占76.3%；项目支出280.00万元，占23.7%。\n"
)


def _imported(args: list[str], cwd) -> tuple[subprocess.CompletedProcess, set[str]]:
    r = subprocess.run([sys.executable, "-X", "importtime", "-m", "loaders.cli", *args],
                       capture_output=True, text=True, cwd=cwd, timeout=300)
    mods = {ln.rsplit("|", 1)[-1].strip() for ln in r.stderr.splitlines() if ln.startswith("import time:")}
    return r, mods


def _heavy(mods: set[str]) -> list[str]:
    return sorted(m for m in mods if m.split(".")[0] in HEAVY)


def test_extract_on_a_small_text_file_imports_no_heavy_package(tmp_path):
    f = tmp_path / "small.txt"
    f.write_text(TEXT * 2, encoding="utf-8")
    assert 900 <= f.stat().st_size <= 1500  # about 1 KB
    r, mods = _imported(["extract", str(f)], PROJECT_ROOT)
    assert r.returncode == 0, r.stderr[-3000:]
    assert '"metric": "total_income_expense"' in r.stdout  # it did extract
    assert "loaders.extract" in mods  # importtime did report the modules
    assert _heavy(mods) == []


def test_help_imports_no_parser_and_no_heavy_package():
    r, mods = _imported(["--help"], PROJECT_ROOT)
    assert r.returncode == 0 and "extract" in r.stdout
    assert "loaders.config" in mods  # importtime did report the modules (cli itself runs as __main__)
    assert _heavy(mods) == []
    assert not {m for m in mods if m.startswith(("loaders.extract", "loaders.formats", "loaders.store"))}
