select
    unit_id,
    fiscal_year,
    coalesce(qualifier, '部门整体') as evaluated_object,
    value_printed as score,
    document_id,
    fact_id,
    evidence
from {{ ref('int_facts_deduplicated') }}
where metric = 'self_eval_score'
