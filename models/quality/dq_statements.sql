{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Every statement of a number (prose and tables, every repetition: not only the one a mart
-- keeps), with the key of the quantity it states. Quantity = (document, metric, quantity_key,
-- measure, period, year). quantity_key: a headline metric (routed to fct_budget_totals, not a
-- "<x>_by_<y>" breakdown) is one quantity whatever its wording, so the qualifier does not split
-- it (财政拨款收入支出总计 in the text and 总计 in the table are one figure); any other metric
-- keeps its subject (the resolved code, else the name key).
with facts as (
    select * from {{ ref_scoped('int_facts_joined') }}
),

routes as (
    select metric, any_value(mart) as mart, any_value(fund_scope) as fund_scope, any_value(expense_nature) as expense_nature from {{ ref('metrics') }} group by metric
)

select
    f.fact_id,
    f.document_id,
    f.unit_id,
    f.doc_kind,
    f.document_year,
    f.fact_year                                                       as fiscal_year,
    f.metric,
    f.qualifier,
    f.subject_code,
    f.subject_level,
    f.subject_key,
    f.subject_code_printed,
    f.subject_code_origin                                             as resolution_method,
    coalesce(r.mart = 'fct_budget_totals' and f.metric not like '%\_by\_%' escape '\', false) as is_headline,
    case when coalesce(r.mart = 'fct_budget_totals' and f.metric not like '%\_by\_%' escape '\', false)
         then '' else coalesce(f.subject_key, '') end                 as quantity_key,
    r.mart,
    r.fund_scope,
    r.expense_nature,
    f.fact_source,
    f.measure,
    coalesce(f.period, 'current')                                     as period,
    f.is_money,
    f.is_pct,
    f.is_change,
    f.direction,
    -- compared at the printed precision of 万元 (0.01): 6,223,428.76 元 restates 622.34 万元
    round(f.amount_wan_exact, 2)                                      as amount,
    f.amount_wan_exact                                                as amount_exact,
    f.value_printed                                                   as value,
    f.evidence,
    f.page,
    f.line_no,
    f.char_start
from facts f
left join routes r using (metric)
