{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 人员情况: one row per stated headcount (unit × year × 口径 × wording as printed).
-- headcount_kind normalises the wording through the headcount_kinds seed (first matching pattern
-- by priority): 退休 / 年末实有 / 在编 / 编制 / 在职, else 其他. 编制 (authorised posts) and 退休
-- are not the persons a unit pays 人员经费 for; is_per_head_basis marks the one count per
-- unit-year used as the per-head denominator (年末实有 > 在职 > 在编, the larger when tied).
with facts as (
    select * from {{ ref_scoped('int_facts_deduplicated') }}
    where metric in (select metric from {{ ref('metrics') }} where mart = 'fct_headcount')
      and value_printed is not null
),

kinds as (
    select * from {{ ref('headcount_kinds') }}
),

classified as (
    select
        f.*,
        coalesce(
            (select k.headcount_kind from kinds k
             where regexp_matches(coalesce(f.qualifier, ''), k.pattern) order by k.priority limit 1),
            '其他') as headcount_kind
    from facts f
),

ranked as (
    select
        c.*,
        k.per_head_rank,
        case
            when regexp_matches(c.evidence, '年初') then '年初'
            when regexp_matches(c.evidence, '年末|年底|末') then '年末'
        end as as_of
    from classified c
    left join (select distinct headcount_kind, per_head_rank from kinds) k using (headcount_kind)
)

select
    unit_id,
    fiscal_year,
    measure,
    headcount_kind,
    as_of,
    qualifier as headcount_name_printed,
    value_printed::integer as persons,
    unit_printed,
    per_head_rank is not null
        and row_number() over (
            partition by unit_id, fiscal_year, measure, per_head_rank is not null
            order by per_head_rank nulls last, value_printed desc, fact_id
        ) = 1 as is_per_head_basis,
    document_id,
    fact_id,
    fact_ids as statement_fact_ids,
    page,
    line_no,
    statement_count,
    evidence
from ranked
