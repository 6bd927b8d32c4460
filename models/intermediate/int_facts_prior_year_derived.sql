{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Prior-year amounts derived from year-on-year statements ("与2022年相比，收、支总计各增加232.56万元，
-- 增长123.06%": 2022 = 421.54 − 232.56 = 188.98). The change is attached to the nearest money fact
-- printed before it in the same line (the anchor); several anchors at one position (收入总计 and 支出总计
-- 各增加…) each get a prior-year row. From the amount when printed, else from the percentage:
-- prior = current / (1 ± pct/100), rounded to 0.01 万元. Lineage: source_fact_ids.
with facts as (
    select * from {{ ref_scoped('int_facts_scoped') }}
),

changes as (
    select * from facts where is_change and value_printed is not null
),

anchors as (
    select * from facts
    where not is_change and is_money and amount_wan_exact is not null
      and metric not like '%pct%'
),

pairs as (
    select
        c.fact_id as change_fact_id, c.metric as change_metric, c.direction, c.value_printed as change_value,
        c.amount_wan_exact as change_wan, c.evidence as change_evidence, c.char_start as change_start,
        a.*,
        dense_rank() over (partition by c.fact_id order by a.char_start desc) as nearness
    from changes c
    join anchors a
      on a.document_id = c.document_id
     and (a.line_no = c.line_no or a.line_no is null or c.line_no is null)
     and a.char_start <= c.char_start
     and c.char_start - a.char_start <= 300
),

nearest as (
    select * from pairs where nearness = 1
),

per_anchor as (
    select
        fact_id as anchor_fact_id,
        any_value(document_id) as document_id,
        any_value(unit_id) as unit_id,
        any_value(doc_kind) as doc_kind,
        any_value(fact_year) as current_year,
        any_value(metric) as metric,
        any_value(qualifier) as qualifier,
        any_value(fund_scope) as fund_scope,
        any_value(item_name) as item_name,
        any_value(page) as page,
        any_value(line_no) as line_no,
        any_value(subject_code) as subject_code,
        any_value(subject_key) as subject_key,
        any_value(amount_wan_exact) as current_wan,
        any_value(evidence) as anchor_evidence,
        max(case when change_metric = 'prior_year_change_abs' then change_wan end) as change_abs_wan,
        max(case when change_metric = 'prior_year_change_pct' then change_value end) as change_pct,
        max(case when change_metric = 'prior_year_change_abs' then direction end) as abs_direction,
        max(case when change_metric = 'prior_year_change_pct' then direction end) as pct_direction,
        list(change_fact_id order by change_fact_id) as change_fact_ids,
        string_agg(distinct change_evidence, ' | ' order by change_evidence) as change_evidence
    from nearest
    group by fact_id
),

derived as (
    select
        *,
        case coalesce(abs_direction, pct_direction) when 'decrease' then -1 when 'increase' then 1 end as sign,
        case
            when change_abs_wan is not null and coalesce(abs_direction, pct_direction) is not null
                then (current_wan - (case coalesce(abs_direction, pct_direction) when 'decrease' then -1 else 1 end) * change_abs_wan)::decimal(18, 2)
            when change_pct is not null and pct_direction is not null
                then round(current_wan::double / (1 + (case pct_direction when 'decrease' then -1 else 1 end) * change_pct::double / 100), 2)::decimal(18, 2)
        end as prior_wan,
        case
            when change_abs_wan is not null and coalesce(abs_direction, pct_direction) is not null then 'amount'
            when change_pct is not null and pct_direction is not null then 'percent'
        end as derivation_method
    from per_anchor
)

select
    anchor_fact_id || '>prior' as derived_fact_id,
    document_id,
    unit_id,
    doc_kind,
    current_year - 1 as fiscal_year,
    metric,
    fund_scope,
    qualifier,
    item_name,
    subject_code,
    subject_key,
    prior_wan as amount_wan,
    current_wan,
    change_abs_wan,
    change_pct,
    coalesce(abs_direction, pct_direction) as direction,
    -- the percentage implied by the amounts, to compare with the printed one
    case when change_abs_wan is not null and prior_wan is not null and prior_wan <> 0
         then {{ pct_of('change_abs_wan', 'prior_wan') }} end as implied_pct,
    derivation_method,
    true as is_derived,
    list_concat([anchor_fact_id], change_fact_ids) as source_fact_ids,
    page,
    line_no,
    anchor_evidence || ' | ' || change_evidence as evidence
from derived
where prior_wan is not null
