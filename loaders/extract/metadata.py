"""Document-level metadata found in the text: unit, fiscal year, region, kind, scope.
Placeholder until the metadata work lands; the contract (DocumentMeta, document_metadata) is fixed."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import ParsedDocument


@dataclass
class DocumentMeta:
    kind: str | None = None  # 决算 / 预算; None = not a budget disclosure (the loader quarantines it)
    unit_name: str | None = None
    fiscal_year: int | None = None
    scope: str | None = None  # 部门 / 单位
    province: str | None = None
    city: str | None = None
    county: str | None = None
    title: str | None = None


def document_metadata(doc: ParsedDocument) -> DocumentMeta:
    text = doc.text
    kind = "决算" if "决算" in text else ("预算" if "预算" in text else None)
    return DocumentMeta(kind=kind)
