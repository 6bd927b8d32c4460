{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 预算 vs 决算 per unit, year, subject and metric, with 执行率 (决算 / 预算 × 100): from a loaded
-- 预算 and 决算 of the same unit-year (budget_source = budget_document) and from the budget
-- figures a 决算 prints itself (budget_source = final_printed).
select
    j.unit_id,
    j.fiscal_year,
    j.metric,
    j.subject_key,
    j.subject_code,
    j.qualifier,
    j.budget_source,
    j.budget_wan,
    j.final_wan,
    j.difference_wan,
    j.execution_pct,
    j.budget_document_id,
    j.final_document_id,
    j.budget_fact_id,
    j.final_fact_id,
    j.source_fact_ids,
    j.document_id,
    j.page,
    j.line_no,
    j.evidence
from {{ ref_scoped('int_budget_vs_final_joined') }} j
