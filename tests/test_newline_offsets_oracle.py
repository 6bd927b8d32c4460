"""model._newline_offsets (one regex scan) against the str.find loop it replaced, and the
document's index memo (built once, rebuilt when its source changes)."""

from __future__ import annotations

import glob

from hypothesis import given, settings
from hypothesis import strategies as st

from loaders.model import ParsedDocument, _newline_offsets


def _newline_offsets_reference(text: str) -> list[int]:
    out, i = [], text.find("\n")
    while i >= 0:
        out.append(i)
        i = text.find("\n", i + 1)
    return out


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a\n\r 中\u2028\x85\x0b")), max_size=60))
def test_newline_offsets_match_reference(text: str) -> None:
    assert _newline_offsets(text) == _newline_offsets_reference(text)


def test_newline_offsets_on_samples_and_edges() -> None:
    texts = ["", "\n", "\n\n", "a", "a\n", "\na", "a\r\nb\rc\u2028d\n"]
    texts += [open(p, encoding="utf-8", errors="replace").read() for p in sorted(glob.glob("data/samples/*"))]
    for t in texts:
        assert _newline_offsets(t) == _newline_offsets_reference(t)


def test_line_of_index_kept_and_rebuilt() -> None:
    doc = ParsedDocument(format="txt", text="a\nb\nc", blocks=[])
    assert [doc.line_of(i) for i in range(5)] == [1, 1, 2, 2, 3]
    doc.text = "x\n\n\ny"
    assert [doc.line_of(i) for i in range(5)] == [1, 1, 2, 3, 4]
