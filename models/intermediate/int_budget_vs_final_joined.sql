{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Budget beside final, one row per (unit, year, metric, subject, budget source):
-- * budget_document: a loaded 预算 and a loaded 决算 of the same unit-year, same metric and subject
--   (a 预算 uses the 决算 metric names; its figures are 预算数 by the document kind);
-- * final_printed: the budget figures a 决算 prints itself (年初预算为 … 万元 per 项, 三公 预算数),
--   stored under the *_budget metrics and paired with the 决算 figure of the metric the
--   budget_document_metrics seed names (three_public_budget 合计 → three_public_total).
-- Totals (metrics ending in _total) pair on the metric alone.
with facts as (
    select * from {{ ref_scoped('int_facts_deduplicated') }}
    where period = 'current' and (is_money or unit_printed = '%')
),

pairs as (
    select budget_metric, metric, coalesce(total_qualifiers, '') as total_qualifiers
    from {{ ref('budget_document_metrics') }}
    where metric is not null and metric <> ''
),

budget_metrics as (select distinct budget_metric from pairs),

budget as (select * from facts where doc_kind = '预算'),
final as (
    select * from facts
    where doc_kind = '决算' and metric not in (select budget_metric from budget_metrics)
),

document_pairs as (
    select
        coalesce(f.unit_id, b.unit_id) as unit_id,
        coalesce(f.fiscal_year, b.fiscal_year) as fiscal_year,
        coalesce(f.metric, b.metric) as metric,
        coalesce(f.subject_key, b.subject_key) as subject_key,
        coalesce(f.subject_code, b.subject_code) as subject_code,
        coalesce(f.qualifier, b.qualifier) as qualifier,
        'budget_document' as budget_source,
        b.amount_wan as budget_wan,
        f.amount_wan as final_wan,
        b.document_id as budget_document_id,
        f.document_id as final_document_id,
        b.fact_id as budget_fact_id,
        f.fact_id as final_fact_id,
        coalesce(f.document_id, b.document_id) as document_id,
        case when f.fact_id is not null then f.page else b.page end as page,
        case when f.fact_id is not null then f.line_no else b.line_no end as line_no,
        case when f.fact_id is not null then f.evidence else b.evidence end as evidence
    from final f
    full outer join budget b
      on b.unit_id = f.unit_id and b.fiscal_year = f.fiscal_year
     and b.metric = f.metric and b.subject_key = f.subject_key
    where exists (select 1 from budget b2 where b2.unit_id = coalesce(f.unit_id, b.unit_id)
                                           and b2.fiscal_year = coalesce(f.fiscal_year, b.fiscal_year))
      and exists (select 1 from final f2 where f2.unit_id = coalesce(f.unit_id, b.unit_id)
                                          and f2.fiscal_year = coalesce(f.fiscal_year, b.fiscal_year))
),

printed_budget as (
    -- each *_budget fact of a 决算 under the metric it budgets (a qualifier-specific row first)
    select b.*, p.metric as target_metric
    from facts b
    join pairs p
      on p.budget_metric = b.metric
     and (p.total_qualifiers = '' or list_contains(string_split(p.total_qualifiers, ';'), b.qualifier))
    where b.doc_kind = '决算'
    qualify row_number() over (partition by b.fact_id order by p.total_qualifiers = '') = 1
),

printed_pairs as (
    select
        b.unit_id,
        b.fiscal_year,
        b.target_metric as metric,
        case when b.target_metric like '%\_total' escape '\' then '' else b.subject_key end as subject_key,
        coalesce(b.subject_code, f.subject_code) as subject_code,
        coalesce(f.qualifier, b.qualifier) as qualifier,
        'final_printed' as budget_source,
        b.amount_wan as budget_wan,
        f.amount_wan as final_wan,
        b.document_id as budget_document_id,
        f.document_id as final_document_id,
        b.fact_id as budget_fact_id,
        f.fact_id as final_fact_id,
        b.document_id,
        b.page,
        b.line_no,
        b.evidence
    from printed_budget b
    left join final f
      on f.document_id = b.document_id
     and f.metric = b.target_metric
     and (b.target_metric like '%\_total' escape '\' or f.subject_key = b.subject_key)
    qualify row_number() over (
        partition by b.unit_id, b.fiscal_year, b.target_metric,
                     case when b.target_metric like '%\_total' escape '\' then '' else b.subject_key end
        order by f.fact_id nulls last, b.fact_id) = 1
)

select
    *,
    list_filter([budget_fact_id, final_fact_id], lambda x: x is not null) as source_fact_ids,
    (final_wan - budget_wan)::decimal(18, 2) as difference_wan,
    {{ pct_of('final_wan', 'budget_wan') }} as execution_pct
from (
    select * from document_pairs
    union all
    select * from printed_pairs
)
