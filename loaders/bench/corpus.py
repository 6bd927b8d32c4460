"""N distinct documents shaped like real ones, derived from the 米易 sample (35 KB of text with
every standard 决算 table): each gets its own unit name, a fiscal year in 2013–2024 (the years
it mentions shift with it) and its own money amounts (scaled by a per-document factor, so
no two documents print the same numbers). ``fmt="pdf"`` renders each one as a text-layer PDF
(fpdf2 + the WenQuanYi font, ≥ 10 pages)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from ..config import SAMPLES_DIR

BASE = SAMPLES_DIR / "miyi-2023-land-expropriation-center.txt"
COUNTIES = ("米易县", "盐边县", "仁和区", "东区", "西区", "会理市", "会东县", "宁南县", "普格县", "布拖县",
            "金阳县", "昭觉县", "喜德县", "冕宁县", "越西县", "甘洛县", "美姑县", "雷波县", "木里县", "盐源县")
SYLLABLES = "安宝昌德丰福广和华惠吉嘉金康乐利隆茂明宁平庆仁瑞盛泰通文祥新兴阳永裕元长正志中忠众"
YEARS = tuple(range(2013, 2025))
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
_MONEY = re.compile(r"(?<![\d.])(\d{1,3}(?:,\d{3})+|\d+)\.(\d{2})(?![\d%])(?!\s*[%％])")
_YEAR = re.compile(r"20(1\d|2\d)(?=年)")


def unit_name(i: int) -> str:
    n = len(SYLLABLES)
    a, b = SYLLABLES[i % n], SYLLABLES[(i // n) % n]
    county = COUNTIES[(i // (n * n)) % len(COUNTIES)]
    return f"{county}{a}{b}集体土地征收补偿安置中心"


def document_text(i: int, base: str) -> str:
    """Document ``i``: its unit, its year, its amounts."""
    year = YEARS[i % len(YEARS)]
    shift = year - 2023
    text = base.replace("米易县集体土地征收补偿安置中心", unit_name(i)).replace(
        "米易县集体土地征收服务中心", unit_name(i).replace("补偿安置", "服务"))
    text = _YEAR.sub(lambda m: str(int(m.group(0)) + shift), text)
    k = Decimal(1) + Decimal((i * 7919) % 997 + 1) / Decimal(1000)

    def scale(m: re.Match) -> str:
        v = (Decimal(m.group(1).replace(",", "") + "." + m.group(2)) * k).quantize(Decimal("0.01"), ROUND_HALF_UP)
        return f"{v:,.2f}" if "," in m.group(1) else f"{v:.2f}"

    return _MONEY.sub(scale, text) + f"\n（基准测试文档第{i}号）\n"


def write_pdf(text: str, path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("wqy", fname=str(FONT), collection_font_number=0)
    pdf.set_font("wqy", size=11)
    pdf.add_page()
    for line in text.splitlines():
        line = re.sub(r"\[bookmark:[^\]]*\]", "", line).replace("\t", "  ")
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def make_corpus(folder: Path, n: int, start: int = 0, fmt: str = "txt") -> list[Path]:
    """Documents ``start`` .. ``start + n - 1`` in ``folder`` (kept if already there)."""
    folder.mkdir(parents=True, exist_ok=True)
    base = BASE.read_text(encoding="utf-8")
    out = []
    for i in range(start, start + n):
        p = folder / f"bench-{i:06d}.{fmt}"
        if not p.exists():
            text = document_text(i, base)
            if fmt == "pdf":
                write_pdf(text, p)
            else:
                p.write_text(text, encoding="utf-8")
        out.append(p)
    return out
