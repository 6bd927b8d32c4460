{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- One value per (unit, fiscal year, 决算/预算, metric, fund scope, subject, period). When a table and
-- the prose state the same fact, the table wins (table over prose); otherwise the first statement in
-- the document does. Every mart reads this model, so this is the one place that choice is made.
-- All statements stay as evidence (statement_count, min/max, evidence_all) for the
-- "stated twice agrees" rule. Project metrics first add up the allocations listed on one line
-- (援藏援彝等其他项目 0.79 + 0.31) — those are parts, not restatements.
with facts as (
    select * from {{ ref_scoped('int_facts_scoped') }}
    where not is_change
),

statements as (
    select
        min(fact_id) as fact_id,
        document_id, unit_id, doc_kind, fact_year, metric, fund_scope, subject_key,
        any_value(metric_unscoped) as metric_unscoped,
        any_value(item_name) as item_name,
        any_value(subject_code) as subject_code,
        any_value(subject_level) as subject_level,
        any_value(qualifier) as qualifier,
        coalesce(period, 'current') as period,
        any_value(measure) as measure,
        fact_source,
        line_no,
        min(page) as page,
        min(char_start) as char_start,
        max(char_end) as char_end,
        any_value(unit_printed) as unit_printed,
        any_value(is_money) as is_money,
        sum(value_printed) as value_printed,
        sum(amount_wan_exact) as amount_wan_exact,
        count(*) as parts,
        list(fact_id order by char_start, fact_id) as part_fact_ids,
        string_agg(evidence, ' | ' order by char_start) as evidence
    from facts
    where metric like 'project\_%' escape '\'
    group by document_id, unit_id, doc_kind, fact_year, metric, fund_scope, subject_key, coalesce(period, 'current'), fact_source, line_no
    union all
    select
        fact_id, document_id, unit_id, doc_kind, fact_year, metric, fund_scope, subject_key, metric_unscoped, item_name,
        subject_code, subject_level, qualifier,
        coalesce(period, 'current'), measure, fact_source, line_no, page, char_start, char_end, unit_printed, is_money,
        value_printed, amount_wan_exact, 1, [fact_id], evidence
    from facts
    where metric not like 'project\_%' escape '\'
),

ranked as (
    select
        *,
        row_number() over (
            partition by unit_id, fact_year, doc_kind, metric, fund_scope, subject_key, period
            order by case fact_source when 'table' then 0 else 1 end, document_id, char_start, fact_id
        ) as statement_rank
    from statements
)

select
    r.fact_id,
    r.document_id,
    r.unit_id,
    r.doc_kind,
    r.fact_year as fiscal_year,
    r.metric,
    r.metric_unscoped,
    r.fund_scope,
    r.subject_key,
    r.subject_code,
    r.subject_level,
    r.qualifier,
    r.item_name,
    r.period,
    r.measure,
    r.fact_source,
    r.page,
    r.line_no,
    r.char_start,
    r.char_end,
    r.unit_printed,
    r.is_money,
    r.value_printed,
    r.amount_wan_exact,
    r.amount_wan_exact::decimal(18, 2) as amount_wan,
    r.parts,
    r.part_fact_ids,
    r.evidence,
    agg.statement_count,
    agg.min_value,
    agg.max_value,
    agg.value_spread,
    agg.fact_ids,
    agg.evidence_all
from ranked r
join (
    select
        unit_id, fact_year, doc_kind, metric, fund_scope, subject_key, period,
        count(*) as statement_count,
        min(coalesce(amount_wan_exact, value_printed)) as min_value,
        max(coalesce(amount_wan_exact, value_printed)) as max_value,
        max(coalesce(amount_wan_exact, value_printed)) - min(coalesce(amount_wan_exact, value_printed)) as value_spread,
        list(fact_id order by statement_rank) as fact_ids,
        string_agg(fact_source || ': ' || evidence, ' || ' order by statement_rank) as evidence_all
    from ranked
    group by all
) agg
  on agg.unit_id = r.unit_id and agg.fact_year = r.fact_year and agg.doc_kind = r.doc_kind and agg.metric = r.metric
 and agg.fund_scope is not distinct from r.fund_scope and agg.subject_key = r.subject_key and agg.period = r.period
where r.statement_rank = 1
