"""Facts stated in running text (情况说明); tables that reached us as plain text are table blocks
(formats/text_tables.py) read by the table reader. By rule family: sentence context (context.py),
number mentions (mentions.py), the sentence driver (sentences.py) and one module per family
(money, changes, counts, projects, indicators).

Works on a normalised copy of ``doc.text`` (``loaders.textnorm``) and maps every match back,
so each fact's evidence is an exact substring of ``doc.text``. Text inside table blocks is
left to the table reader. A rule that crashes raises: the sandbox and the property tests are
there to catch it, instead of a silent loss of recall.
"""

from __future__ import annotations

from ...model import Fact, ParsedDocument
from ...textnorm import NormText
from ..document import prose_text
from .builder import FactBuilder
from .sentences import SentenceExtractor


def extract_prose(doc: ParsedDocument, nt: NormText | None = None, budget: bool = False) -> list[Fact]:
    """``nt``: the document's normalised prose text when the caller has it (document.py);
    ``budget``: the document is a 预算 (its figures are all budgets: a list after
    '基本支出预算X万元，其中：' states the budget's items, not a budget frame to pass over)."""
    nt = nt if nt is not None else prose_text(doc)
    fb = FactBuilder(doc, nt)
    year = doc.meta.get("fiscal_year") if isinstance(doc.meta, dict) else None
    SentenceExtractor(fb, nt.text, year if isinstance(year, int) else None, budget=budget).run()
    return fb.facts
