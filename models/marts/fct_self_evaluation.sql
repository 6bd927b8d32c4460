{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 绩效自评 scores: one row per unit × fiscal_year × measure × period × evaluated object key (tested).
select
    unit_id,
    fiscal_year,
    doc_kind as measure,
    period,
    subject_key as evaluated_key,
    coalesce(qualifier, '部门整体') as evaluated_object,
    value_printed as score,
    document_id,
    fact_id,
    fact_ids as statement_fact_ids,
    page,
    line_no,
    evidence
from {{ ref_scoped('int_facts_deduplicated') }}
where metric in (select metric from {{ ref('metrics') }} where mart = 'fct_self_evaluation')
