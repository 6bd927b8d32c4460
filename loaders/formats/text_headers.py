"""Header rows of a space-aligned text table: the header lines' labels placed over the body's
columns. A label printed over several columns spans them; a group label centred over columns
whose labels sit on lower lines (``基本支出`` over 小计 / 人员经费 / 公用经费), or printed at the
left edge of its first child (lane labels 收入 / 支出), spans them too; a label with nothing above
it moves up (a label printed over two lines, ``本年支出`` / ``合计``, stacks in one column). When
two readings of a group's span fit equally well, or the centred and the nearest-label readings
give a column different roles, the header is ambiguous and the table is not read."""

from __future__ import annotations

from dataclasses import dataclass

from ..vocab.tables import column_role
from .text_atoms import Atom, LineLike, Row, span_of

CENTRE_TOL = 3  # display columns a centred group label may sit off its columns' centre
NEAR_MARGIN = 8  # a group label may take a column this much farther from it than from a neighbour

@dataclass
class HeaderCell:
    row: int
    a: int  # first and last column spanned
    b: int
    atoms: list[Atom]
    line: LineLike

    @property
    def x0(self) -> int:
        return self.atoms[0].x0

    @property
    def text(self) -> str:
        return "".join(a.text for a in self.atoms)

    @property
    def x1(self) -> int:
        return self.atoms[-1].x1


def header_cells(rows: list[Row], cols: list[tuple[int, int]]) -> list[list[HeaderCell]]:
    out: list[list[HeaderCell]] = []
    for r, row in enumerate(rows):
        cells: list[HeaderCell] = []
        for at in row.atoms:
            a, b = span_of(at, cols)
            if cells and cells[-1].b >= a:  # same column(s) as the atom before: one label
                prev = cells[-1].atoms[-1]
                if at.x0 - prev.x1 >= 2 and len(at.text) + len(prev.text) > 3:
                    raise AmbiguousHeader  # two labels over one column (``决算数  预算数``)
                cells[-1].atoms.append(at)
                cells[-1].b = max(cells[-1].b, b)
            else:
                cells.append(HeaderCell(r, a, b, [at], row.line))
        out.append(cells)
    return out


class AmbiguousHeader(Exception):
    """Two readings of which columns a group label spans fit equally well."""


def adopt(levels: list[list[HeaderCell]]) -> None:
    """Group labels span the columns below them whose labels sit on lower lines (bottom-up):
    each run of such orphan columns between two labels of a line is shared out (left label,
    right label, or neither) so that every group label sits best centred over its children's
    labels; an orphan left to no label costs CENTRE_TOL."""
    ext: dict[int, tuple[int, int]] = {}  # column -> extent of the nearest lower label over it
    below: dict[int, str] = {}  # column -> its labels on the lower lines
    for r in range(len(levels) - 1, -1, -1):
        cells = levels[r]
        here = {j for c in cells for j in range(c.a, c.b + 1)}
        orphans = set(ext) - here
        if orphans and cells:
            _share(cells, orphans, ext, below)
        for c in cells:
            for j in range(c.a, c.b + 1):
                below[j] = c.text + below.get(j, "")
        for c in cells:
            span = [ext[j] for j in range(c.a, c.b + 1) if j in ext]
            x0, x1 = min([c.x0] + [e[0] for e in span]), max([c.x1] + [e[1] for e in span])
            for j in range(c.a, c.b + 1):
                ext[j] = (x0, x1)


def _centring(c: HeaderCell, a: int, b: int, ext: dict[int, tuple[int, int]]) -> float:
    xs = [ext[j] for j in range(a, b + 1) if j in ext]
    if not xs:
        return 0.0
    return abs((c.x0 + c.x1) / 2 - (min(x for x, _ in xs) + max(x for _, x in xs)) / 2)


def _share(cells: list[HeaderCell], orphans: set[int], ext, below: dict[int, str]) -> None:
    """Apply the centred reading; when the reading that gives each orphan to its nearest label
    differs from it and changes the role of a column, the header is ambiguous."""
    centred = _reading(cells, orphans, ext, nearest=False)
    near = _reading(cells, orphans, ext, nearest=True)
    if near != centred and _roles(cells, near, below) != _roles(cells, centred, below):
        raise AmbiguousHeader
    for c, (a, b) in zip(cells, centred):
        c.a, c.b = a, b


def _roles(cells: list[HeaderCell], spans, below: dict[int, str]) -> dict[int, str | None]:
    over = {j: c.text for c, (a, b) in zip(cells, spans) for j in range(a, b + 1)}
    return {j: column_role(over.get(j, "") + text) for j, text in below.items()}


def _reading(cells: list[HeaderCell], orphans: set[int], ext, nearest: bool) -> tuple[tuple[int, int], ...]:
    # runs[k]: orphan columns between cells[k-1] and cells[k] (contiguous, next to both)
    runs: list[list[int]] = []
    for k in range(len(cells) + 1):
        lo = cells[k - 1].b if k else -1
        hi = cells[k].a if k < len(cells) else 1 << 30
        run: list[int] = []
        for j in range(lo + 1, min(hi, lo + 64)):
            if j not in orphans:
                break
            run.append(j)
        if k == len(cells) or not run or run[-1] + 1 == hi:
            runs.append(run)
        else:  # not contiguous to the right label: only the left one may take it
            runs.append(run + [None])  # type: ignore[list-item]
    results: list[tuple[float, tuple[tuple[int, int], ...]]] = []

    def walk(k: int, taken: int, cost: float, spans: tuple[tuple[int, int], ...]) -> None:
        """cells[k] may take a suffix of runs[k] (after the ``taken`` first) and a prefix of runs[k+1]."""
        if k == len(cells):
            rest = [j for j in runs[k][taken:] if j is not None]
            results.append((cost + CENTRE_TOL * len(rest), spans))
            return
        c = cells[k]
        left_run = [j for j in runs[k][taken:]]
        right_run = runs[k + 1]
        for ls in range(len(left_run) + 1):  # cells[k] takes left_run[len-ls:]
            if ls and (k == 0 and False or None in left_run[len(left_run) - ls:]):
                continue
            a = left_run[len(left_run) - ls] if ls else c.a
            skipped = len([j for j in left_run[:len(left_run) - ls] if j is not None])
            for rs in range(len(right_run) + 1):
                if None in right_run[:rs]:
                    break
                b = right_run[rs - 1] if rs else c.b
                fit = _centring(c, a, b, ext)
                if (a, b) != (c.a, c.b) and (fit > CENTRE_TOL or not _nearest(cells, k, a, b, ext, margin)):
                    continue
                walk(k + 1, rs, cost + fit + CENTRE_TOL * skipped, spans + ((a, b),))

    margin = 0 if nearest else NEAR_MARGIN
    walk(0, 0, 0.0, ())
    results.sort(key=lambda x: x[0])
    best_cost, best = results[0]
    tie = any(cost - best_cost < 1 and spans != best for cost, spans in results[1:])
    claimed = {j for a, b in best for j in range(a, b + 1)}
    if tie or orphans - claimed:
        left = _left_aligned(cells, orphans, ext)
        if left is not None:
            return left
    if tie:
        raise AmbiguousHeader
    return best


def _left_aligned(cells: list[HeaderCell], orphans: set[int], ext) -> tuple[tuple[int, int], ...] | None:
    """Group labels printed at the left edge of their first child (lane labels 收入 / 支出):
    each takes the orphan columns up to the next label; None unless that claims every orphan
    and every label that takes one starts where its first child starts."""
    spans, claimed = [], set()
    for k, c in enumerate(cells):
        stop = cells[k + 1].a if k + 1 < len(cells) else 1 << 30
        b = c.b
        while b + 1 in orphans and b + 1 < stop:
            b += 1
        if b > c.b and (c.a not in ext or abs(c.x0 - ext[c.a][0]) > 2):
            return None
        spans.append((c.a, b))
        claimed |= set(range(c.b + 1, b + 1))
    return tuple(spans) if not orphans - claimed else None


def _nearest(cells: list[HeaderCell], k: int, a: int, b: int, ext, margin: int) -> bool:
    """Every orphan column cells[k] takes is no more than ``margin`` display columns farther
    from it than from its neighbouring labels."""
    c = cells[k]
    near = [cells[i] for i in (k - 1, k + 1) if 0 <= i < len(cells)]
    for j in range(a, b + 1):
        if c.a <= j <= c.b or j not in ext:
            continue
        if any(_dist(o, j, ext) + margin < _dist(c, j, ext) for o in near):
            return False
    return True


def _dist(c: HeaderCell, j: int, ext) -> int:
    x0, x1 = ext[j]
    return max(c.x0 - x1, x0 - c.x1, 0)


def lift(levels: list[list[HeaderCell]], ncols: int) -> list[list[HeaderCell]]:
    """Move every label up while the header row above is free over all its columns."""
    grid: list[list[HeaderCell | None]] = [[None] * ncols for _ in levels]
    for r, cells in enumerate(levels):
        for c in cells:
            t = r
            while t > 0 and all(grid[t - 1][j] is None for j in range(c.a, c.b + 1)):
                t -= 1
            if any(grid[t][j] is not None for j in range(c.a, c.b + 1)):
                t = r  # the spot is taken (two labels of one line over one column): keep it
            for j in range(c.a, c.b + 1):
                if grid[t][j] is None:
                    grid[t][j] = c
            c.row = t
    out: list[list[HeaderCell]] = [[] for _ in levels]
    for cells in levels:
        for c in cells:
            out[c.row].append(c)
    return [sorted(cs, key=lambda c: c.a) for cs in out if cs]


def header_rows(head: list[Row], cols: list[tuple[int, int]]) -> list[list[HeaderCell]]:
    """Header rows (top to bottom) of labels with the columns they span; AmbiguousHeader when
    the spans cannot be told."""
    levels = header_cells(head, cols)
    adopt(levels)
    return lift(levels, len(cols))
