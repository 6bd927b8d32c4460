{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Family 4 (inter-table identities): one figure printed in two tables, tolerance 0.
--   R25 a 类/款/项 amount (any subject-bearing metric) in every table that prints it;
--   R26-R30 headline totals: the metrics each rule covers are listed in its dq_rules row;
--   R31 三公 ⊇ the matching 经济分类 item (one-way; codes from the three_public_items lexicon);
--   R32 机关运行经费 vs 公用经费 (equal for a 行政单位, not above it otherwise);
--   R33 one printed subject code, one name.
with s as (
    select * from {{ ref_scoped('dq_statements') }}
    where period = 'current' and not is_change and amount is not null and is_money
),

rules as (
    select rule_id, string_split(coalesce(metrics, ''), ' ') as metric_list
    from {{ ref('dq_rules') }} where family = 'inter_table'
),

table_quantities as (
    select
        document_id, metric, quantity_key, measure, fiscal_year, bool_or(is_headline) as is_headline,
        any_value(qualifier) as qualifier, bool_and(subject_code is not null) as has_code,
        count(*) as n, min(amount) as low, max(amount) as high,
        string_agg('p' || coalesce(page::varchar, '?') || ' l' || coalesce(line_no::varchar, '?') || ': ' || evidence, ' | '
                   order by char_start) as evidence,
        min(page) as page, min(line_no) as line_no
    from s
    where fact_source = 'table'
    group by document_id, metric, quantity_key, measure, fiscal_year
    having count(*) > 1
),

restated as (
    select t.*, coalesce(r.rule_id, 'R25') as rule_id
    from table_quantities t
    left join rules r on list_contains(r.metric_list, t.metric)
    where r.rule_id is not null or (not t.is_headline and t.has_code)
),

q as (
    select * from {{ ref_scoped('dq_quantities') }} where period = 'current' and is_money and measure = '决算'
),

tp_codes as (
    select {{ name_key('item') }} as item_key, item, econ_code::varchar as econ_code
    from {{ ref('three_public_items') }} where econ_code is not null
),

econ as (
    select document_id, econ_subject_code, max(amount_wan) as amount, any_value(evidence) as evidence
    from {{ ref_scoped('fct_spending_by_economic') }}
    -- 三公 is fiscal-appropriation spending: the 经济分类 items of the 财政拨款 tables (fund scopes
    -- of the fin_ and gpb_ metric families in the fund_scopes lexicon)
    where measure = '决算' and amount_wan is not null
      and fund_scope in (select fund_scope from {{ ref('fund_scopes') }} where metric_prefix in ('fin_', 'gpb_'))
    group by all
),

three_public_cover as (
    select i.document_id, c.item, c.econ_code, i.amount as item_amount, e.amount as econ_amount,
        i.evidence || ' ⊇ ' || e.evidence as evidence, i.page, i.line_no
    from q i
    join tp_codes c on c.item_key = i.quantity_key
    join econ e on e.document_id = i.document_id and e.econ_subject_code = c.econ_code
    where i.metric = 'three_public_item'
),

docs as (
    select * from {{ ref_scoped('dq_documents') }}
),

running as (
    select o.document_id, o.amount as running_cost, p.amount as public_cost, d.unit_kind,
        o.evidence || ' | ' || p.evidence as evidence, o.page, o.line_no
    from q o
    join q p on p.document_id = o.document_id and p.metric = 'basic_public' and p.quantity_key = ''
    join docs d on d.document_id = o.document_id
    where o.metric = 'office_running_cost' and o.quantity_key = ''
),

code_names as (
    select document_id, subject_code_printed as code,
        count(distinct {{ name_key('qualifier') }}) as n_names,
        string_agg(distinct qualifier, ' / ') as names,
        min(page) as page, min(line_no) as line_no
    from {{ ref_scoped('dq_statements') }}
    where subject_code_printed is not null and qualifier is not null
    group by all
)

select document_id, {{ dq_check('rule_id', "metric || '/' || quantity_key || '/' || measure", 'low', 'high', '0',
    evidence='evidence', page='page', line_no='line_no') }}
from restated
union all
select document_id, {{ dq_check("'R31'", "item || ' ⊇ ' || econ_code", 'econ_amount', 'item_amount',
    money_tolerance(1), comparison='ge', evidence='evidence', page='page', line_no='line_no') }}
from three_public_cover
union all
select document_id, {{ dq_check("'R32'", "'office_running_cost'", 'public_cost', 'running_cost', money_tolerance(1),
    comparison='eq' if false else 'le',
    forced_status="case when unit_kind = '行政单位' and abs(running_cost - public_cost) > " ~ money_tolerance(1) ~ " then 'fail' end",
    evidence='evidence', page='page', line_no='line_no') }}
from running
union all
select document_id, {{ dq_check("'R33'", 'code', '1', 'n_names', '0', evidence='names', page='page', line_no='line_no') }}
from code_names
