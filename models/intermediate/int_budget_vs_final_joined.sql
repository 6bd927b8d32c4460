-- 预算 and 决算 documents of the same unit-year side by side, one row per (unit, year, metric, subject).
with facts as (
    select * from {{ ref('int_facts_deduplicated') }}
    where period = 'current' and (is_money or unit_printed = '%')
),

budget as (select * from facts where doc_kind = '预算'),
final as (select * from facts where doc_kind = '决算')

select
    coalesce(f.unit_id, b.unit_id) as unit_id,
    coalesce(f.fiscal_year, b.fiscal_year) as fiscal_year,
    coalesce(f.metric, b.metric) as metric,
    coalesce(f.subject_key, b.subject_key) as subject_key,
    coalesce(f.subject_code, b.subject_code) as subject_code,
    coalesce(f.qualifier, b.qualifier) as qualifier,
    b.amount_wan as budget_wan,
    f.amount_wan as final_wan,
    (f.amount_wan - b.amount_wan)::decimal(18, 2) as difference_wan,
    {{ pct_of('f.amount_wan', 'b.amount_wan') }} as final_to_budget_pct,
    b.document_id as budget_document_id,
    f.document_id as final_document_id,
    b.fact_id as budget_fact_id,
    f.fact_id as final_fact_id
from final f
full outer join budget b
  on b.unit_id = f.unit_id and b.fiscal_year = f.fiscal_year
 and b.metric = f.metric and b.subject_key = f.subject_key
where exists (select 1 from budget b2 where b2.unit_id = coalesce(f.unit_id, b.unit_id)
                                       and b2.fiscal_year = coalesce(f.fiscal_year, b.fiscal_year))
  and exists (select 1 from final f2 where f2.unit_id = coalesce(f.unit_id, b.unit_id)
                                      and f2.fiscal_year = coalesce(f.fiscal_year, b.fiscal_year))
