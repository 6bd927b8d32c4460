select
    unit_id,
    fiscal_year,
    subject_key as project_key,
    any_value(qualifier) as project_name,
    max(case when metric = 'project_budget' then amount_wan end) as budget_wan,
    max(case when metric = 'project_adjusted_budget' then amount_wan end) as adjusted_budget_wan,
    max(case when metric = 'project_executed' then amount_wan end) as executed_wan,
    max(case when metric = 'project_executed' then amount_wan_exact end) as executed_wan_exact,
    max(case when metric = 'project_carryover' then amount_wan end) as carryover_wan,
    max(case when metric = 'project_execution_rate' then value_printed end) as execution_rate,
    string_agg(distinct fact_source, ',') as source,
    any_value(document_id) as document_id,
    string_agg(evidence, ' | ') as evidence
from {{ ref('int_facts_deduplicated') }}
where metric like 'project\_%' escape '\' and doc_kind = '决算'
group by unit_id, fiscal_year, subject_key
