-- 三公经费: one row per unit × year × item (合计 or a component) with 决算, 预算 and 完成预算 %;
-- counts (批次, 人次, 辆, 团组) as their own items with count_value.
with f as (
    select * from {{ ref('int_facts_deduplicated') }}
    where metric in ('three_public_total', 'three_public_item', 'three_public_budget', 'three_public_completion_pct',
                     'reception_batches', 'reception_persons', 'outbound_groups', 'outbound_persons',
                     'vehicle_count', 'vehicle_purchase_count')
      and doc_kind = '决算'
),

keyed as (
    select *,
        case
            when metric = 'three_public_total' then '合计'
            when metric in ('three_public_item', 'three_public_budget', 'three_public_completion_pct')
                then coalesce(qualifier, '合计')
            else metric || coalesce(':' || qualifier, '')
        end as item
    from f
)

select
    unit_id,
    fiscal_year,
    item,
    max(case when metric in ('three_public_total', 'three_public_item') then amount_wan end) as actual_wan,
    max(case when metric = 'three_public_budget' then amount_wan end) as budget_wan,
    max(case when metric = 'three_public_completion_pct' then value_printed end) as completion_pct,
    max(case when not is_money and unit_printed <> '%' then value_printed end) as count_value,
    max(case when not is_money and unit_printed <> '%' then unit_printed end) as count_unit,
    any_value(document_id) as document_id,
    string_agg(evidence, ' | ') as evidence
from keyed
group by unit_id, fiscal_year, item
