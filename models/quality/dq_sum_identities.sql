{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Family 3 (intra-table sum identities): a stated total against the sum of its stated parts.
-- Headline identities (R05 R06 R09 R22 R23 R24) are rows of the dq_identity_terms seed; the
-- subject hierarchy (R01 R02) comes from fct_spending_by_class; 三公 items from the lexicon.
-- Tolerance: (n + 1) × 0.005 万元 for n printed parts. Fail closed: a total or part whose own
-- statements disagree (dq_quantities.amount NULL) gives insufficient_data.
with q as (
    select * from {{ ref_scoped('dq_quantities') }} where period = 'current' and is_money
),

terms as (
    select * from {{ ref('dq_identity_terms') }}
),

required as (
    select rule_id, any_value(total_metric) as total_metric, count(*) filter (where required) as n_required
    from terms group by rule_id
),

headline as (
    select
        t.document_id, r.rule_id, t.metric as total_metric, t.measure, t.amount as total, t.evidence, t.page, t.line_no,
        any_value(rq.n_required) as n_required,
        count(p.metric) as n_parts,
        count(p.metric) filter (where r.required) as n_required_found,
        count(p.metric) filter (where p.amount is null) as n_ambiguous,
        case when count(p.metric) filter (where p.amount is null) = 0 then sum(p.amount) end as parts_sum,
        bool_or(p.metric is null and not r.required) as optional_missing,
        string_agg(p.metric || ' ' || coalesce(p.amount::varchar, '?'), ' + ' order by p.metric, p.amount) as parts_text
    from q t
    join required rq on rq.total_metric = t.metric
    join terms r on r.rule_id = rq.rule_id
    left join q p on p.document_id = t.document_id and p.measure = t.measure and p.metric = r.part_metric
        and p.quantity_key = '' and p.fiscal_year = t.fiscal_year
    where t.quantity_key = ''
    group by all
),

class_rows as (
    select * from {{ ref_scoped('fct_spending_by_class') }}
    where class_amount_wan is not null
),

gpb_classes as (
    select
        t.document_id, t.measure, t.amount as total, t.evidence, t.page, t.line_no,
        count(c.metric) as n_parts,
        case when count(c.metric) = count(c.amount) then sum(c.amount) end as parts_sum
    from q t
    join q c on c.document_id = t.document_id and c.measure = t.measure and c.fiscal_year = t.fiscal_year
        and c.metric = 'gpb_expense_by_function'
    where t.metric = 'gpb_expense_total' and t.quantity_key = ''
    group by all
),

income_parents as (
    select {{ name_key('line') }} as line_key, {{ name_key('parent_line') }} as parent_key
    from {{ ref('income_line_parents') }}
),

income_sources as (
    -- a source line is left out when a line it is the parent of is also stated (财政拨款收入 vs
    -- 一般公共预算财政拨款收入 …), so no income is counted twice
    select s.*
    from q s
    where s.metric = 'income_by_source'
      and not exists (
          select 1 from q c join income_parents ip on ip.line_key = c.quantity_key
          where c.document_id = s.document_id and c.measure = s.measure and c.metric = 'income_by_source'
            and ip.parent_key = s.quantity_key)
),

income as (
    select
        t.document_id, t.measure, t.amount as total, t.evidence, t.page, t.line_no,
        count(s.metric) as n_parts,
        case when count(s.metric) = count(s.amount) then sum(s.amount) end as parts_sum
    from q t
    join income_sources s on s.document_id = t.document_id and s.measure = t.measure and s.fiscal_year = t.fiscal_year
    where t.metric = 'total_income' and t.quantity_key = ''
    group by all
),

tp_structure as (
    select {{ name_key('item') }} as item_key, {{ name_key('parent') }} as parent_key, item, parent
    from {{ ref('three_public_items') }}
    where coalesce(level, 1) > 0  -- the 合计 row (level 0) is the total itself
),

tp_items as (
    select q.*, s.parent_key from q join tp_structure s on s.item_key = q.quantity_key
    where q.metric = 'three_public_item'
),

tp_totals as (
    -- the 三公 total (R12) and the vehicle subtotal (R21) against their components
    select t.document_id, 'R12' as rule_id, '三公经费合计' as check_key, t.measure, t.amount as total,
        t.evidence, t.page, t.line_no, {{ name_key("'合计'") }} as parent_key
    from q t where t.metric = 'three_public_total'
    union all
    select t.document_id, 'R21', t.qualifier, t.measure, t.amount, t.evidence, t.page, t.line_no, t.quantity_key
    from tp_items t where t.quantity_key in (select parent_key from tp_structure)
),

tp as (
    select
        t.document_id, t.rule_id, t.check_key, t.total, t.evidence, t.page, t.line_no,
        count(i.metric) as n_parts,
        case when count(i.metric) = count(i.amount) then sum(i.amount) end as parts_sum,
        string_agg(i.qualifier || ' ' || i.amount::varchar, ' + ' order by i.qualifier, i.amount) as parts_text
    from tp_totals t
    join tp_items i on i.document_id = t.document_id and i.measure = t.measure and i.parent_key = t.parent_key
    group by all
),

economic as (
    select
        t.document_id, t.metric, t.amount as total, t.evidence, t.page, t.line_no,
        e.basic_expense_group, count(*) as n_parts, sum(e.amount_wan) as parts_sum
    from q t
    join {{ ref_scoped('fct_spending_by_economic') }} e
      on e.document_id = t.document_id
     -- the group is the metric's own label (人员经费 / 公用经费), the nature that of expense_basic
     and e.basic_expense_group = (select m.label_zh from {{ ref('metrics') }} m where m.metric = t.metric)
     and e.measure = '决算'
     and e.expense_nature = (select m.label_zh from {{ ref('metrics') }} m where m.metric = 'expense_basic')
     and e.econ_subject_level = '款'
    where t.metric in ('basic_personnel', 'basic_public') and t.measure = '决算'
    group by all
)

select document_id, {{ dq_check("'R01'", "fund_scope || '/' || measure || '/' || class_code", 'class_amount_wan',
    'sum_of_sections_wan', money_tolerance('section_count'), evidence='evidence') }}
from class_rows where section_count > 0
union all
select document_id, {{ dq_check("'R02'", "fund_scope || '/' || measure || '/' || class_code", 'class_amount_wan',
    'sum_of_items_wan', money_tolerance('item_count'), evidence='evidence') }}
from class_rows where item_count > 0
union all
select document_id, {{ dq_check("'R03'", "measure", 'total', 'parts_sum', money_tolerance('n_parts'),
    evidence='evidence', page='page', line_no='line_no') }}
from gpb_classes
union all
select document_id, {{ dq_check(
    'rule_id', "total_metric || '/' || measure", 'total', 'parts_sum', money_tolerance('n_parts'),
    forced_status="case when n_ambiguous = 0 and optional_missing and parts_sum <> total then 'insufficient_data' end",
    reason="case when n_ambiguous = 0 and optional_missing and parts_sum <> total then 'an optional part is not stated' end",
    evidence="evidence || ' = ' || coalesce(parts_text, '')", page='page', line_no='line_no') }}
from headline where n_required_found = n_required
union all
select document_id, {{ dq_check("'R07'", "basic_expense_group", 'total', 'parts_sum', money_tolerance('n_parts'),
    evidence="evidence || ' | ' || n_parts::varchar || ' 经济分类 items'", page='page', line_no='line_no') }}
from economic
union all
select document_id, {{ dq_check("'R08'", "measure", 'total', 'parts_sum', money_tolerance('n_parts'),
    evidence='evidence', page='page', line_no='line_no') }}
from income
union all
select document_id, {{ dq_check('rule_id', 'check_key', 'total', 'parts_sum', money_tolerance('n_parts'),
    evidence="evidence || ' = ' || coalesce(parts_text, '')", page='page', line_no='line_no') }}
from tp
