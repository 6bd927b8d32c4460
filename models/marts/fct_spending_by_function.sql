-- Spending by 功能分类 subject at the level the document states it.
-- grain: unit × fiscal_year × fund_scope × subject × measure (决算 / 预算 / 年初预算).
with facts as (
    select * from {{ ref('int_facts_deduplicated') }}
),

amounts as (
    select
        *,
        case when metric like 'gpb\_%' escape '\' then '一般公共预算财政拨款' else '全部资金' end as fund_scope,
        case when metric = 'gpb_item_budget' then '年初预算' else doc_kind end as measure
    from facts
    where metric in ('gpb_expense_by_function', 'gpb_expense_item', 'expense_by_function', 'expense_item', 'gpb_item_budget')
),

completion as (
    select unit_id, fiscal_year, subject_key, value_printed as completion_pct
    from facts where metric = 'gpb_item_completion_pct'
)

select
    a.unit_id,
    a.fiscal_year,
    a.fund_scope,
    coalesce(a.subject_code, '-1') as subject_code,
    coalesce(a.subject_level,
             case when a.metric like '%by\_function' escape '\' then '类' end) as subject_level,
    a.qualifier as subject_name_printed,
    a.measure,
    a.amount_wan,
    case when a.measure = '决算' and a.fund_scope = '一般公共预算财政拨款' then c.completion_pct end as completion_pct,
    false as is_derived,
    a.document_id,
    a.fact_id,
    a.statement_count,
    a.evidence
from amounts a
left join completion c
  on c.unit_id = a.unit_id and c.fiscal_year = a.fiscal_year and c.subject_key = a.subject_key
   and a.subject_code is not null
