"""Location.to_json (the raw.*.location column) is exactly json.dumps of its dict."""

from __future__ import annotations

import json
import random

from loaders.model import Location


def test_to_json_is_json_dumps_of_the_dict():
    rng = random.Random(7)
    values = {
        "page": [None, 1, 250, True],
        "sheet": [None, "Sheet1", "表 \"一\"\n", "\u00e9\t\\", "\ud800x"],
        "cell": [None, "B7", "AA10"],
        "line": [None, 1, 10**12, -1],
        "char_start": [None, 0, 123456],
        "char_end": [None, 5, 2**40],
        "bbox": [None, (0.0, 1.5, 595.2756, 841.89), (1, 2, 3, 4), (1e-7, 1e20, -0.0, 3.14159)],
    }
    for _ in range(2000):
        loc = Location(**{k: rng.choice(v) for k, v in values.items()})
        assert loc.to_json() == json.dumps(loc.to_dict(), ensure_ascii=False)
        assert json.loads(loc.to_json()) == json.loads(json.dumps(loc.to_dict()))
    assert Location().to_json() == "{}"
