{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Plausibility guards (catalogue families 2 and 8): figures that cannot be right whatever the
-- rest of the document says. One row per document and rule, counting the offending statements.
--   R52 a stated amount (not a change) is negative; R53 a share outside 0–100 %;
--   R54 an amount of the year above the document's 收支总计 (a 元/万元 slip, a shifted column);
--   R55 a 类 total below its largest 项 (the structure sentinel).
with s as (
    select * from {{ ref_scoped('dq_statements') }} where period = 'current' and not is_change
),

docs as (
    select document_id from {{ ref_scoped('dq_documents') }}
),

q as (
    select * from {{ ref_scoped('dq_quantities') }} where period = 'current' and is_money
),

negatives as (
    select d.document_id, count(s.fact_id) as n, string_agg(s.evidence, ' | ') as evidence, min(s.page) as page, min(s.line_no) as line_no
    from docs d left join s on s.document_id = d.document_id and s.is_money and s.amount < 0
    group by all
),

negative_text as (
    -- a minus sign printed before an amount in 元/万元 (the extractor drops such numbers, so the
    -- text is read: not after a digit, which would be a range 10-20万元)
    select document_id,
        len(regexp_extract_all(document_text, '(^|[^0-9A-Za-z.])[-－−]\s*\d[\d,]*(\.\d+)?\s*万?元')) as n,
        regexp_extract(document_text, '[^\n]{0,12}(^|[^0-9A-Za-z.])[-－−]\s*\d[\d,]*(\.\d+)?\s*万?元', 0) as evidence
    from {{ ref_scoped('dq_documents') }} where document_text is not null
),

shares as (
    select d.document_id, count(s.fact_id) as n, string_agg(s.evidence, ' | ') as evidence, min(s.page) as page, min(s.line_no) as line_no
    from docs d left join s on s.document_id = d.document_id and s.metric = 'share_pct' and (s.value < 0 or s.value > 100)
    group by all
),

grand as (
    select document_id, measure, amount from q
    where metric = 'total_income_expense' and quantity_key = '' and amount is not null
),

oversized as (
    select g.document_id, g.amount as grand_total, count(s.fact_id) as n, string_agg(s.evidence, ' | ') as evidence,
        min(s.page) as page, min(s.line_no) as line_no
    from grand g
    left join s on s.document_id = g.document_id and s.measure = g.measure and s.is_money
        and coalesce(s.mart, '') not in ('fct_project_execution', 'fct_performance_indicator')
        and s.amount > g.amount + {{ money_tolerance(1) }}
    group by all
),

classes as (
    select * from q where subject_level = '类' and amount is not null
),

items as (
    select * from q where subject_level = '项' and amount is not null
),

sentinel as (
    select c.document_id, c.metric, c.subject_code, c.amount as class_amount, max(i.amount) as largest_item,
        c.evidence, c.page, c.line_no
    from classes c
    join {{ ref('metrics') }} mc on mc.metric = c.metric
    join items i on i.document_id = c.document_id and i.measure = c.measure and starts_with(i.subject_code, c.subject_code)
    join {{ ref('metrics') }} mi on mi.metric = i.metric
        and mi.mart = mc.mart and mi.fund_scope is not distinct from mc.fund_scope
        and mi.expense_nature is not distinct from mc.expense_nature
    group by all
)

select document_id, {{ dq_check("'R52'", "'negative_amounts'", '0', 'n', '0', evidence='evidence', page='page', line_no='line_no') }}
from negatives
union all
select document_id, {{ dq_check("'R52'", "'negative_amounts_in_text'", '0', 'n', '0', evidence='evidence') }}
from negative_text
union all
select document_id, {{ dq_check("'R53'", "'share_out_of_range'", '0', 'n', '0', evidence='evidence', page='page', line_no='line_no') }}
from shares
union all
select document_id, {{ dq_check("'R54'", "'above_grand_total'", '0', 'n', '0', evidence='evidence', page='page', line_no='line_no') }}
from oversized
union all
select document_id, {{ dq_check("'R55'", "metric || '/' || subject_code", 'class_amount', 'largest_item', money_tolerance(1),
    comparison='le', evidence='evidence', page='page', line_no='line_no') }}
from sentinel
