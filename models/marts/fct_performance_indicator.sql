select
    unit_id,
    fiscal_year,
    subject_key as indicator_key,
    any_value(qualifier) as indicator_name,
    max(case when metric = 'perf_indicator_target' then value_printed end) as target_value,
    max(case when metric = 'perf_indicator_target' then unit_printed end) as target_unit,
    max(case when metric = 'perf_indicator_actual' then value_printed end) as actual_value,
    max(case when metric = 'perf_indicator_actual' then unit_printed end) as actual_unit,
    any_value(document_id) as document_id,
    string_agg(evidence, ' | ') as evidence
from {{ ref('int_facts_deduplicated') }}
where metric in ('perf_indicator_target', 'perf_indicator_actual')
group by unit_id, fiscal_year, subject_key
