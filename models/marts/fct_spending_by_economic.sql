{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Spending by 经济分类 item (人员经费 / 公用经费 …), one row per stated item.
-- measure keeps 决算 and 年初预算 apart (the fact period: NULL = the year's final figure,
-- 'budget' = 年初预算); fund scope and 支出性质 (合计 / 基本支出 / 项目支出) come from the
-- metrics seed. The item's code: the printed code when it is an 经济分类 款 code, else
-- the name (exact name key first; else one name a prefix of the other: 其他交通费 / 其他交通费用).
with routes as (
    select * from {{ ref('metrics') }} where mart = 'fct_spending_by_economic'
),

items as (
    -- the qualifier's name key once per item (the join below compares it with every 款 row)
    select f.*, r.expense_nature, {{ name_key('f.qualifier') }} as qualifier_key
    from {{ ref_scoped('int_facts_deduplicated') }} f
    join routes r using (metric)
    where f.amount_wan is not null
),

printed as (
    select i.fact_id, raw.subject_code_printed as printed_code
    from items i
    join {{ ref_scoped('stg_juesuan__facts') }} raw using (fact_id)
),

econ as (
    select * from {{ ref('int_subjects_unioned') }} where subject_system = 'economic'
),

matched as (
    select i.*, coalesce(
            (select e.code from econ e where e.code = p.printed_code limit 1),
            e.code) as econ_code,
        row_number() over (
            partition by i.fact_id
            order by case when e.name_key = i.qualifier_key then 0 else 1 end,
                     case e.origin when 'official' then 0 else 1 end, e.code
        ) as rn
    from items i
    left join printed p using (fact_id)
    left join econ e
      on e.level = '款'
     and (e.name_key = i.qualifier_key
      or (length(i.qualifier_key) >= 4
          and (starts_with(e.name_key, i.qualifier_key) or starts_with(i.qualifier_key, e.name_key))
          and length(e.name_key) >= 4))
)

select
    m.unit_id,
    m.fiscal_year,
    m.measure,
    m.fund_scope,
    m.expense_nature,
    coalesce(m.econ_code, '-1') as econ_subject_code,
    case length(m.econ_code) when 3 then '类' when 5 then '款' end as econ_subject_level,
    m.qualifier as item_name_printed,
    coalesce(d.basic_expense_group, '其他') as basic_expense_group,
    m.amount_wan,
    m.document_id,
    m.fact_id,
    m.fact_ids as statement_fact_ids,
    m.page,
    m.line_no,
    m.evidence
from matched m
left join {{ ref('dim_economic_subject') }} d on d.subject_code = m.econ_code
where m.rn = 1
