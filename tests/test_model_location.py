"""Location is cheap to build (a named tuple) but still behaves as the frozen dataclass it was:
same fields and defaults, equality only with a Location, hashing, replace, pickling,
immutability, and to_dict/to_json without None."""

import copy
import json
import pickle

import pytest

from loaders.model import Cell, Location


def test_fields_defaults_and_positional_order():
    assert list(Location._fields) == ["page", "sheet", "cell", "line", "char_start", "char_end", "bbox"]
    assert Location() == Location(None, None, None, None, None, None, None)
    loc = Location(3, "Sheet1", "B7", 12, 100, 110, (1.0, 2.0, 3.0, 4.0))
    assert (loc.page, loc.sheet, loc.cell, loc.line, loc.char_start, loc.char_end, loc.bbox) == \
        (3, "Sheet1", "B7", 12, 100, 110, (1.0, 2.0, 3.0, 4.0))
    assert repr(Location(line=2)) == "Location(page=None, sheet=None, cell=None, line=2, char_start=None, char_end=None, bbox=None)"


def test_equality_hash_replace_pickle():
    a, b = Location(line=1, char_start=5, char_end=9), Location(line=1, char_start=5, char_end=9)
    assert a == b and hash(a) == hash(b) and a != Location(line=1, char_start=5, char_end=10)
    assert a._replace(char_end=12) == Location(line=1, char_start=5, char_end=12)
    assert a != (None, None, None, 1, 5, 9, None) and not (a == (None, None, None, 1, 5, 9, None))  # not a bare tuple
    assert a != Cell(0, 0, "x", a) and Location() != ()
    assert pickle.loads(pickle.dumps(a)) == a and copy.deepcopy(a) == a
    assert pickle.loads(pickle.dumps(Cell(0, 1, "x", a))) == Cell(0, 1, "x", a)
    assert {a: 1}[b] == 1


def test_frozen():
    loc = Location(line=1)
    with pytest.raises(AttributeError):
        loc.line = 2  # type: ignore[misc]
    with pytest.raises(TypeError):
        Location(lines=1)  # type: ignore[call-arg]


def test_to_dict_and_json_leave_out_none():
    loc = Location(page=2, char_start=0, char_end=4, bbox=(1.0, 2.0, 3.0, 4.5))
    assert loc.to_dict() == {"page": 2, "char_start": 0, "char_end": 4, "bbox": (1.0, 2.0, 3.0, 4.5)}
    assert json.loads(loc.to_json()) == {"page": 2, "char_start": 0, "char_end": 4, "bbox": [1.0, 2.0, 3.0, 4.5]}
    assert Location().to_dict() == {}
