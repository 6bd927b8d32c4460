"""Province / city / county implied by a unit name, from the hand-written list in
seeds/regions.csv (read through loaders.vocab) (provinces, prefecture cities, and the counties we can list reliably;
no network). 米易县… -> 四川省 攀枝花市 米易县; 资阳市… -> 四川省 资阳市;
上海市普陀区… -> 上海市 普陀区 (municipality: no city level)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..vocab import read_seed


@dataclass(frozen=True)
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None


@dataclass(frozen=True)
class _Entry:
    province: str
    city: str
    county: str


@lru_cache(maxsize=1)
def _entries() -> tuple[_Entry, ...]:
    return tuple(_Entry(r["province"], r["city"], r["county"]) for r in read_seed("regions"))


def _short(name: str) -> str:
    """四川省 -> 四川, 广西壮族自治区 -> 广西 (for names printed without their suffix)."""
    for suffix in ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def region_of(name: str | None, context: str = "") -> Region:
    """The region a unit name places itself in; ``context`` (e.g. the document head) breaks ties
    between same-named counties. Unknown -> empty Region."""
    if not name:
        return Region()
    text = name
    entries = _entries()
    # counties: longest name first; 2-character names only right after their city / province
    counties = [e for e in entries if e.county and e.county in text]
    counties = [e for e in counties if len(e.county) >= 3 or (e.city or e.province) + e.county in text]
    if counties:
        longest = max(len(e.county) for e in counties)
        counties = [e for e in counties if len(e.county) == longest]
        if len(counties) > 1:
            narrowed = [e for e in counties if (e.city and e.city in text + context) or e.province in text]
            counties = narrowed or counties
        if len(counties) == 1:
            e = counties[0]
            return Region(e.province, e.city or None, e.county)
        return Region(county=counties[0].county)
    cities = [e for e in entries if e.city and not e.county and (e.city in text or _short(e.city) + "市" in text)]
    if cities:
        e = max(cities, key=lambda x: len(x.city))
        return Region(e.province, e.city, None)
    provinces = [e for e in entries if not e.city and not e.county and (e.province in text or text.startswith(_short(e.province)))]
    if provinces:
        e = max(provinces, key=lambda x: len(x.province))
        return Region(e.province, None, None)
    return Region()
