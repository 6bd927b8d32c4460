"""Words and lines of a PDF page (the reader's words regrouped by position).

Numbers are often set in another font whose baseline sits a few points lower, so a word
joins the line it overlaps vertically by at least half its height, and a line's words are
ordered by x.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


def join_words(words: list[Word]) -> str:
    """Words of one visual line in x order; a visible gap becomes one space."""
    ws = sorted(words, key=lambda w: w.x0)
    out = ws[0].text
    for prev, w in zip(ws, ws[1:]):
        gap = w.x0 - prev.x1
        if gap > max(1.0, 0.15 * min(prev.size, w.size)) and not out.endswith(" "):
            out += " "
        out += w.text
    return out


@dataclass
class Line:
    words: list[Word] = field(default_factory=list)
    top: float = 0.0  # band of the line's first (highest) word
    bottom: float = 0.0
    page: int = 0

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def size(self) -> float:
        """The font size most of the line's characters are set in."""
        weight: dict[float, int] = {}
        for w in self.words:
            weight[round(w.size, 1)] = weight.get(round(w.size, 1), 0) + len(w.text)
        return max(weight.items(), key=lambda kv: (kv[1], kv[0]))[0]

    @property
    def text(self) -> str:
        return join_words(self.words)

    @property
    def bbox(self) -> Box:
        return (self.x0, min(w.top for w in self.words), self.x1, max(w.bottom for w in self.words))


def group_lines(words: list[Word], page: int = 0) -> list[Line]:
    """Cluster words into lines by vertical overlap with each line's anchor band."""
    lines: list[Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        best, best_ov = None, 0.0
        for ln in lines[-6:]:  # only recent lines can still overlap
            ov = min(ln.bottom, w.bottom) - max(ln.top, w.top)
            if ov >= 0.5 * min(w.height, ln.bottom - ln.top) and ov > best_ov:
                best, best_ov = ln, ov
        if best is None:
            lines.append(Line([w], w.top, w.bottom, page))
        else:
            best.words.append(w)
    lines.sort(key=lambda ln: ln.top)
    return lines


def union(boxes: list[Box]) -> Box:
    return (
        round(min(b[0] for b in boxes), 2),
        round(min(b[1] for b in boxes), 2),
        round(max(b[2] for b in boxes), 2),
        round(max(b[3] for b in boxes), 2),
    )


def rbox(b: Box) -> Box:
    return (round(b[0], 2), round(b[1], 2), round(b[2], 2), round(b[3], 2))


def inside(w: Word, bbox: Box) -> bool:
    x0, top, x1, bottom = bbox
    return x0 <= w.cx <= x1 and top <= w.cy <= bottom
