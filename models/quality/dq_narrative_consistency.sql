{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Family 6 (narrative self-consistency): what the text says twice must agree with itself.
--   R17 one quantity stated twice or more in the text (not projects: their lines list parts);
--   R40 one year-on-year change (same metric and subject) stated twice: one value, one direction;
--   R41 a 三公 total of 0 leaves every item at 0.
with s as (
    select * from {{ ref_scoped('dq_statements') }} where period = 'current' and fact_source <> 'table'
),

restated as (
    select document_id, metric, quantity_key, measure, fiscal_year,
        count(*) as n, min(amount) as low, max(amount) as high,
        string_agg('l' || coalesce(line_no::varchar, '?') || ': ' || evidence, ' | ' order by char_start) as evidence,
        min(page) as page, min(line_no) as line_no
    from s
    where not is_change and is_money and amount is not null and coalesce(mart, '') <> 'fct_project_execution'
    group by all
    having count(*) > 1
),

changes as (
    select document_id, metric, subject_key,
        count(*) as n, min(value) as low, max(value) as high, count(distinct direction) as n_directions,
        string_agg('l' || coalesce(line_no::varchar, '?') || ': ' || evidence, ' | ' order by char_start) as evidence,
        min(page) as page, min(line_no) as line_no
    from {{ ref_scoped('dq_statements') }}
    where is_change and value is not null
    group by all
    having count(*) > 1
),

q as (
    select * from {{ ref_scoped('dq_quantities') }} where period = 'current' and is_money and measure = '决算'
),

three_public_zero as (
    select t.document_id, t.amount as total, max(i.amount) as largest_item, count(i.metric) as n_items,
        count(i.metric) filter (where i.amount is null) as n_ambiguous,
        any_value(t.evidence) || ' | ' || string_agg(i.evidence, ' | ' order by i.evidence) as evidence,
        any_value(t.page) as page, any_value(t.line_no) as line_no
    from q t
    join q i on i.document_id = t.document_id and i.metric = 'three_public_item' and i.measure = t.measure
    where t.metric = 'three_public_total' and t.amount = 0
    group by t.document_id, t.measure, t.amount
)

select document_id, {{ dq_check("'R17'", "metric || '/' || quantity_key || '/' || measure", 'low', 'high', '0',
    evidence='evidence', page='page', line_no='line_no') }}
from restated
union all
select document_id, {{ dq_check("'R40'", "metric || '/' || subject_key", 'low', 'high', '0',
    forced_status="case when n_directions > 1 then 'fail' end",
    reason="case when n_directions > 1 then 'stated once as an increase and once as a decrease' end",
    evidence='evidence', page='page', line_no='line_no') }}
from changes
union all
select document_id, {{ dq_check("'R41'", "'three_public_total'", '0', 'largest_item', '0',
    forced_status="case when n_ambiguous > 0 then 'insufficient_data' end",
    reason="case when n_ambiguous > 0 then 'an item is stated with two figures' end",
    evidence='evidence', page='page', line_no='line_no') }}
from three_public_zero
