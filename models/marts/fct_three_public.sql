{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 三公经费 money: one row per unit × fiscal_year × measure × item (合计 or a component, tested),
-- with 决算 (actual_wan), 年初预算 (budget_wan) and 完成预算 % as printed. Counts (vehicles,
-- batches, persons, groups) are in fct_three_public_counts. Item names are the extractor's (one
-- spelling per item is the extractor's job; the grain test catches two).
with money_metrics as (
    select metric from {{ ref('metrics') }}
    where mart = 'fct_three_public'
      and metric not in (select metric from {{ ref('three_public_counts') }})
),

f as (
    select * from {{ ref_scoped('int_facts_deduplicated') }}
    where metric in (select metric from money_metrics)
      and doc_kind = '决算'
),

keyed as (
    select *,
        case when metric = 'three_public_total' then '合计' else coalesce(qualifier, '合计') end as item
    from f
)

select
    unit_id,
    fiscal_year,
    doc_kind as measure,
    item,
    max(case when metric in ('three_public_total', 'three_public_item') then amount_wan end) as actual_wan,
    max(case when metric = 'three_public_budget' then amount_wan end) as budget_wan,
    max(case when metric = 'three_public_completion_pct' then value_printed end) as completion_pct,
    min(document_id) as document_id,
    flatten(list(part_fact_ids order by fact_id)) as source_fact_ids,
    min(page) as page,
    min(line_no) as line_no,
    string_agg(evidence, ' | ' order by fact_id) as evidence
from keyed
group by unit_id, fiscal_year, doc_kind, item
