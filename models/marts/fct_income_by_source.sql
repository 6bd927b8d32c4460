select
    unit_id, fiscal_year, doc_kind as measure,
    qualifier as income_source,
    amount_wan,
    document_id, fact_id, evidence
from {{ ref('int_facts_deduplicated') }}
where metric = 'income_by_source'
