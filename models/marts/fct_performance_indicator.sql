{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 绩效指标: one row per unit × fiscal_year × measure × indicator key (tested), target and actual side by side.
select
    unit_id,
    fiscal_year,
    doc_kind as measure,
    subject_key as indicator_key,
    any_value(qualifier) as indicator_name,
    max(case when metric = 'perf_indicator_target' then value_printed end) as target_value,
    max(case when metric = 'perf_indicator_target' then unit_printed end) as target_unit,
    max(case when metric = 'perf_indicator_actual' then value_printed end) as actual_value,
    max(case when metric = 'perf_indicator_actual' then unit_printed end) as actual_unit,
    min(document_id) as document_id,
    flatten(list(part_fact_ids order by fact_id)) as source_fact_ids,
    min(page) as page,
    min(line_no) as line_no,
    string_agg(evidence, ' | ' order by fact_id) as evidence
from {{ ref_scoped('int_facts_deduplicated') }}
where metric in (select metric from {{ ref('metrics') }} where mart = 'fct_performance_indicator')
group by unit_id, fiscal_year, doc_kind, subject_key
