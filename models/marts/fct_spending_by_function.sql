{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Spending by 功能分类 subject at the level the document states it.
-- grain: unit × fiscal_year × fund_scope × subject × measure (决算 / 预算 / 年初预算) × expense_nature
-- (合计 / 基本支出 / 项目支出). Fund scope and nature of each metric come from the metrics
-- seed (gpb_ 一般公共预算财政拨款, gfb_ 政府性基金, scob_ 国有资本经营预算, fin_ 财政拨款, unprefixed
-- 全部资金). A subject's prior-year amount derived from a year-on-year statement (与上年相比增加
-- X 万元) is added with is_derived = true unless that year states it.
with routes as (
    select * from {{ ref('metrics') }} where mart = 'fct_spending_by_function'
),

facts as (
    select f.*, r.measure_kind, r.expense_nature
    from {{ ref_scoped('int_facts_deduplicated') }} f
    join routes r using (metric)
),

amounts as (
    select * from facts where measure_kind in ('amount', 'budget') and amount_wan is not null
),

completion as (
    select unit_id, fiscal_year, fund_scope, subject_key, value_printed as completion_pct
    from facts where measure_kind = 'pct'
),

stated as (
    select
        a.unit_id,
        a.fiscal_year,
        a.fund_scope,
        coalesce(a.subject_code, '-1') as subject_code,
        coalesce(a.subject_level,
                 case when a.metric like '%by\_function' escape '\' then '类' end) as subject_level,
        a.qualifier as subject_name_printed,
        a.measure,
        a.expense_nature,
        a.amount_wan,
        case when a.measure = '决算' and a.expense_nature = '合计' then c.completion_pct end as completion_pct,
        false as is_derived,
        a.document_id,
        a.fact_id,
        a.part_fact_ids as source_fact_ids,
        a.page,
        a.line_no,
        a.statement_count,
        a.evidence
    from amounts a
    left join completion c
      on c.unit_id = a.unit_id and c.fiscal_year = a.fiscal_year and c.fund_scope = a.fund_scope
     and c.subject_key = a.subject_key and a.subject_code is not null
),

derived as (
    select
        d.unit_id,
        d.fiscal_year,
        d.fund_scope,
        coalesce(d.subject_code, '-1') as subject_code,
        case length(d.subject_code) when 3 then '类' when 5 then '款' when 7 then '项'
             else case when d.metric like '%by\_function' escape '\' then '类' end end as subject_level,
        d.qualifier as subject_name_printed,
        d.doc_kind as measure,
        r.expense_nature,
        d.amount_wan,
        null::decimal(20, 4) as completion_pct,
        true as is_derived,
        d.document_id,
        null::varchar as fact_id,
        d.source_fact_ids,
        d.page,
        d.line_no,
        0::bigint as statement_count,
        d.evidence
    from {{ ref_scoped('int_facts_prior_year_derived') }} d
    join routes r using (metric)
    where r.measure_kind = 'amount'
)

select * from stated
union all
select * from derived d
where not exists (
    select 1 from stated s
    where s.unit_id = d.unit_id and s.fiscal_year = d.fiscal_year and s.fund_scope = d.fund_scope
      and s.subject_code = d.subject_code and s.measure = d.measure and s.expense_nature = d.expense_nature
)
