"""Facts stated in table blocks: the standard 决算 tables, project tables, indicator tables and
self-evaluation score tables. A table is identified by its title (the heading/paragraph just
before it) and/or its header row; a table that directly follows another table with no title in
between continues it (page breaks)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...formats.pdf_furniture import is_page_number
from ...model import Block, Fact, ParsedDocument
from ...vocab.tables import kind_of_header, kind_of_title, kind_rules, title_words
from ..subjects import is_class_name
from .grid import Grid, caption_text, norm, table_unit, unit_in
from .columns import scope_of_title
from .project import UNIT_LEVEL, ProjectState, extract_project_table, is_unit_level
from .project_titles import project_before
from .standard import (
    TableSpec,
    extract_basic_table,
    extract_income_table,
    extract_project_expense_table,
    extract_subject_table,
    table_labels,
)
from .summary import extract_summary_table
from .three_public import extract_three_public
from .totals import extract_total_table

# a title word (决算表, 明细表 …) anywhere in a text
TITLE_WORD_RE = re.compile(title_words())
MAX_TITLE_GAP = 400  # characters between a title and its table


@dataclass
class TableContext:
    kind: str | None
    title: str
    context: str  # text between the title and the table (unit lines)
    project: str | None
    continuation: bool


def _kind_of_title(title: str) -> str | None:
    return kind_of_title(title)


def _kind_of_header(grid: Grid) -> str | None:
    head = "".join([norm(c.text) for row in grid.rows[:6] for c in row])  # folded_join of the cells: fold(" ".join(cells))
    return kind_of_header(head, grid.block.text if _may_read_table(head) else "", folded=True)


def folded_join(texts: list[str]) -> str:
    """``fold(" ".join(texts))`` from the texts' own (memoised) folds: NFKC maps a string
    joined at a space piece by piece (a space composes with nothing), and the space goes."""
    return "".join([norm(t) for t in texts])


@lru_cache(maxsize=1)
def _table_reading_rules() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Of each header rule that reads the whole table (``table:`` parts), the parts it asks of
    the head alone (a part mixing both kinds counts as a table part)."""
    return tuple(tuple(alts for alts in k.must if not any(a.startswith("table:") for a in alts))
                 for k in kind_rules() if k.scope == "header" and k.reads_table)


def _may_read_table(h: str) -> bool:
    """Whether a header rule reading the whole table can match this (folded) head: when none
    can, the whole table is never looked at and need not be folded (kind_of_header gives the
    same kind)."""
    for parts in _table_reading_rules():  # any rule all of whose parts have a word in h
        for alts in parts:
            for a in alts:
                if a in h:
                    break
            else:
                break  # this part has none: the rule cannot match
        else:
            return True
    return False


def _block_index(blocks: list[Block]):
    """``blocks.index(block) if block in blocks else block.block_no``, without comparing every
    block: equal blocks share their block_no, so only those are compared."""
    by_no: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        by_no.setdefault(b.block_no, []).append(i)

    def index(block: Block) -> int:
        for i in by_no.get(block.block_no, ()):
            if blocks[i] is block or blocks[i] == block:
                return i
        return block.block_no
    return index


def _preceding_text(doc: ParsedDocument, block: Block, index=None) -> tuple[str, bool]:
    """Text between the previous table (or the last few blocks) and this one; and whether the
    block directly continues a table (no non-table block in between). ``index``: the
    document's ``_block_index`` when the caller has it."""
    blocks = doc.blocks
    i = (index or _block_index(blocks))(block)
    parts: list[str] = []
    j = i - 1
    while j >= 0 and len(parts) < 4:
        b = blocks[j]
        if b.kind == "table":
            return "\n".join(reversed(parts)), not parts
        if not all(is_page_number(ln) for ln in b.text.splitlines() if ln.strip()):
            parts.append(b.text)  # a page number between two parts of a table does not end it
        j -= 1
    return "\n".join(reversed(parts)), False


def _title_of(text: str) -> str:
    """The last line holding a title word (at most 80 characters), else the last line when it
    is short; stripped. A line without a title word cannot match: the text is searched once."""
    last = ""
    for raw in reversed(text.splitlines()):
        ln = raw.strip()
        if not ln:
            continue
        if not last:
            last = ln
            if not TITLE_WORD_RE.search(text):
                break  # no line holds a title word
        if len(ln) <= 80 and TITLE_WORD_RE.search(ln):
            return ln
    return last if len(last) <= 60 else ""


def table_contexts(doc: ParsedDocument) -> list[tuple[Block, TableContext]]:
    return [(grid.block, ctx) for grid, ctx in _grid_contexts(doc)]


def _grid_contexts(doc: ParsedDocument) -> list[tuple[Grid, TableContext]]:
    """The grid of every table block with its context; the readers go on with the same grids
    (and what they found out about them)."""
    out: list[tuple[Grid, TableContext]] = []
    prev: TableContext | None = None
    index = _block_index(doc.blocks)
    for block in doc.tables:
        text, continuation = _preceding_text(doc, block, index)
        grid = Grid.of(block)
        caption = caption_text(grid)  # title / unit lines kept inside the table (spreadsheets)
        caption_title = _title_of(caption) if TITLE_WORD_RE.search(caption) else ""
        if continuation and prev is not None and not caption_title:
            ctx = TableContext(prev.kind, prev.title, prev.context, prev.project, True)
        else:
            title = caption_title or _title_of(text)
            text = text + "\n" + caption if caption else text
            kind = _kind_of_title(title) if title else None
            if kind is None or kind in {"project", "score"}:  # the header decides (or confirms)
                header_kind = _kind_of_header(grid)
                if kind is None or header_kind in {"project", "score"}:
                    kind = header_kind or kind
            project = None
            if kind in {"project", "score"}:
                project = UNIT_LEVEL if is_unit_level(title) else project_before(doc, block)
            ctx = TableContext(kind, title, text, project, False)
        out.append((grid, ctx))
        prev = ctx
    return out


PROJECT_KINDS = frozenset({"project", "score"})


def extract_tables(doc: ParsedDocument, budget: bool | None = None) -> list[Fact]:
    """Facts of every table block. In a 预算 document the standard tables are read by the budget
    reader (tables/budget.py) and the project / 绩效目标 tables it leaves by the project reader.
    ``budget``: whether the document is a 预算, when the caller already knows (document.py)."""
    from .budget import extract_budget_tables, is_budget_document  # 预算 documents (issue 10)

    if is_budget_document(doc) if budget is None else budget:
        read: set[int] = set()
        facts = extract_budget_tables(doc, read)
        return facts + _table_facts(doc, kinds=PROJECT_KINDS, skip_blocks=read)
    return _table_facts(doc)


def _table_facts(doc: ParsedDocument, kinds: frozenset[str] | None = None,
                 skip_blocks: set[int] = frozenset()) -> list[Fact]:
    facts: list[Fact] = []
    state: ProjectState | None = None
    labels: dict[int, str] | None = None  # the last standard table's column labels
    for grid, ctx in _grid_contexts(doc):
        block = grid.block
        if not grid.rows or ctx.kind in (None, "skip"):
            continue
        if block.block_no in skip_blocks or (kinds is not None and ctx.kind not in kinds):
            continue
        if ctx.kind in PROJECT_KINDS:
            if not ctx.continuation or state is None:
                state = ProjectState(project=ctx.project)
            facts.extend(extract_project_table(doc, grid, state, unit_in(ctx.context)))
            continue
        state = None
        default = "万元" if "决算" in ctx.title or "决算" in ctx.context else None
        unit = table_unit(doc, grid, ctx.context, default)
        if unit is None:
            continue
        spec = TableSpec(kind=ctx.kind, unit=unit, title=ctx.title, scope=scope_of_title(ctx.title),
                         labels=labels if ctx.continuation else None)
        labels = table_labels(grid, spec)[1]
        facts.extend(_standard_facts(doc, grid, spec))
    return unique_cells(facts)


def _standard_facts(doc: ParsedDocument, grid: Grid, spec: TableSpec) -> list[Fact]:
    kind = spec.kind
    if kind in {"total", "fin_total"}:
        return extract_total_table(doc, grid, spec, fin=kind == "fin_total")
    if kind == "income":
        return extract_income_table(doc, grid, spec)
    if kind in {"expense", "fund", "econ_detail"}:
        return extract_subject_table(doc, grid, spec, is_class_name)
    if kind == "project_expense":
        return extract_project_expense_table(doc, grid, spec, is_class_name)
    if kind == "gpb_basic":
        return extract_basic_table(doc, grid, spec)
    if kind == "three_public":
        return extract_three_public(doc, grid, spec)
    if kind == "summary":
        return extract_summary_table(doc, grid, spec)
    return []


def unique_cells(facts: list[Fact]) -> list[Fact]:
    """One fact per printed table cell: the first reading of a cell wins."""
    seen: set[tuple[int | None, int | None]] = set()
    out = []
    for f in facts:
        key = (f.location.char_end, f.location.page) if f.source == "table" else None
        if key is not None and key[0] is not None:
            if key in seen:
                continue
            seen.add(key)
        out.append(f)
    return out
