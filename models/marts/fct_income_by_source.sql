select
    unit_id, fiscal_year, measure,
    qualifier as income_source,
    amount_wan,
    document_id, fact_id, evidence
from {{ ref('int_facts_deduplicated') }}
where metric in (select metric from {{ ref('metrics') }} where mart = 'fct_income_by_source')
  and period <> 'prior_year'
