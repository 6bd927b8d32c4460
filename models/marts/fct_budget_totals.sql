{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Headline totals. grain: unit × fiscal_year × measure × fund_scope × metric (one row each, tested):
-- every metric here is one figure per unit-year and scope (收入总计 = 支出总计 in a 收支总表; an
-- income line of 财政拨款 is told apart by its fund scope), so the rows are safe to sum by scope.
-- When several statements carry the figure (基本支出 in the 总表 and in the prose), the table's,
-- item-less one is kept; all are listed in statement_fact_ids. Stated in the year's own document (a figure a document states for its prior year counts
-- as stated for that year, but the year's own document wins), or derived from the next year's
-- year-on-year statement (is_derived, with lineage). Which metrics: metrics rows with
-- mart = fct_budget_totals; fund_scope and item come from int_facts_scoped (the qualifier's
-- fund wording narrows the scope and is stripped from the item).
with routes as (
    select metric from {{ ref('metrics') }}
    where mart = 'fct_budget_totals' and measure_kind in ('amount', 'budget')
),

stated_all as (
    select
        f.unit_id, f.fiscal_year, f.measure, f.fund_scope, f.metric, coalesce(f.item_name, '') as item,
        coalesce(f.qualifier, '') as qualifier,
        f.amount_wan, false as is_derived, null::varchar as derivation_method,
        f.fact_id, f.part_fact_ids as source_fact_ids,
        flatten(list(f.fact_ids) over (
            partition by f.unit_id, f.fiscal_year, f.measure, f.fund_scope, f.metric
            order by case f.period when 'prior_year' then 1 else 0 end,
                     case f.fact_source when 'table' then 0 else 1 end,
                     case when f.item_name is null then 0 else 1 end, f.document_id, f.fact_id
            rows between unbounded preceding and unbounded following)) as statement_fact_ids,
        f.document_id, f.page, f.line_no, f.evidence,
        row_number() over (
            partition by f.unit_id, f.fiscal_year, f.measure, f.fund_scope, f.metric
            order by case f.period when 'prior_year' then 1 else 0 end,
                     case f.fact_source when 'table' then 0 else 1 end,
                     case when f.item_name is null then 0 else 1 end, f.document_id, f.fact_id
        ) as pick
    from {{ ref_scoped('int_facts_deduplicated') }} f
    join routes r using (metric)
    where f.amount_wan is not null
),

stated as (
    select * exclude (pick) from stated_all where pick = 1
),

derived as (
    select
        d.unit_id, d.fiscal_year, d.doc_kind as measure, d.fund_scope, d.metric, coalesce(d.item_name, '') as item,
        coalesce(d.qualifier, '') as qualifier,
        d.amount_wan, true as is_derived, d.derivation_method,
        null::varchar as fact_id, d.source_fact_ids, d.source_fact_ids as statement_fact_ids,
        d.document_id, d.page, d.line_no, d.evidence
    from {{ ref_scoped('int_facts_prior_year_derived') }} d
    join routes r using (metric)
),

derived_one as (
    select * exclude (pick) from (
        select *, row_number() over (
            partition by unit_id, fiscal_year, measure, fund_scope, metric
            order by case when item = '' then 0 else 1 end, document_id, source_fact_ids) as pick
        from derived
    ) where pick = 1
)

select * from stated
union all
select * from derived_one d
where not exists (
    select 1 from stated s
    where s.unit_id = d.unit_id and s.fiscal_year = d.fiscal_year and s.measure = d.measure
      and s.fund_scope is not distinct from d.fund_scope and s.metric = d.metric
)
