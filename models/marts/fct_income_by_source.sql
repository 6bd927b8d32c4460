{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 收入来源: one row per unit × fiscal_year × measure × fund_scope × income source (tested); the
-- year's own figures only (a prior-year statement is not this year's income).
select
    unit_id, fiscal_year, measure,
    fund_scope,
    qualifier as income_source,
    amount_wan,
    document_id, fact_id, part_fact_ids as source_fact_ids, page, line_no, evidence
from {{ ref_scoped('int_facts_deduplicated') }}
where metric in (select metric from {{ ref('metrics') }} where mart = 'fct_income_by_source')
  and period <> 'prior_year'
