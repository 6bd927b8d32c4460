"""Units by name and years (loaders.present.selection) and stable colours (loaders.present.colours)."""

from __future__ import annotations

import pytest

from loaders.present import colours
from loaders.present.selection import UnitChoiceError, parse_names, parse_years, resolve_units

UNITS = [
    ("3b8be1d8f0de940b", "米易县集体土地征收补偿安置中心"),
    ("438f3c4c74be1fa7", "资阳市土地开发整理中心"),
    ("0000000000000001", "资阳市财政局"),
]


def test_full_names_substrings_and_ids_resolve():
    assert resolve_units(UNITS, ["米易县集体土地征收补偿安置中心", "土地开发"]) == UNITS[:2]
    assert resolve_units(UNITS, ["0000000000000001"]) == [UNITS[2]]
    assert resolve_units(UNITS, ["米易", "米易县"]) == [UNITS[0]], "one unit named twice is listed once"


def test_ambiguous_and_unknown_names_are_reported_together():
    with pytest.raises(UnitChoiceError) as err:
        resolve_units(UNITS, ["资阳市", "成都"])
    text = str(err.value)
    assert "'资阳市' matches 2 units: 资阳市土地开发整理中心、资阳市财政局" in text
    assert "no unit matches '成都'" in text


def test_lists_and_years_parse():
    assert parse_names("米易，资阳, ") == ["米易", "资阳"]
    assert parse_names(["a", " b "]) == ["a", "b"]
    assert parse_names(None) == []
    assert parse_years("2023,2020-2021") == [2020, 2021, 2023]
    assert parse_years(2021) == [2021] and parse_years(None) is None
    with pytest.raises(UnitChoiceError):
        parse_years("去年")


def test_a_colour_depends_on_the_key_only():
    first = colours.colour_for("3b8be1d8f0de940b")
    assert first in colours.PALETTE
    assert colours.colour_for("3b8be1d8f0de940b") == first
    alone = colours.scale_for([UNITS[0]]).to_dict()
    crowd = colours.scale_for(list(reversed(UNITS))).to_dict()
    assert dict(zip(crowd["domain"], crowd["range"]))[UNITS[0][1]] == alone["range"][0] == first
    # a 类 takes its colour from its place in the code list: neighbours differ, unknown codes hash
    near = [colours.colour_for(c, "class") for c in ("208", "210", "211", "212", "213", "220", "221")]
    assert len(set(near)) == len(near) and set(near) <= set(colours.CLASS_PALETTE)
    assert colours.colour_for("999", "class") in colours.PALETTE
