-- Headline totals per unit × year × measure × metric (× qualifier): stated in the year's own
-- document (a figure a document states for its prior year counts as stated for that year, but the
-- year's own document wins), or derived from the next year's year-on-year statement (is_derived,
-- with lineage). Which metrics: metrics rows with mart = fct_budget_totals.
with routes as (
    select metric, fund_scope from {{ ref('metrics') }}
    where mart = 'fct_budget_totals' and measure_kind in ('amount', 'budget')
),

stated_all as (
    select
        f.unit_id, f.fiscal_year, f.measure, f.metric, r.fund_scope, coalesce(f.qualifier, '') as qualifier,
        f.amount_wan, false as is_derived, null::varchar as derivation_method, [f.fact_id] as source_fact_ids,
        f.document_id, f.evidence,
        row_number() over (
            partition by f.unit_id, f.fiscal_year, f.measure, f.metric, coalesce(f.qualifier, '')
            order by case f.period when 'prior_year' then 1 else 0 end, f.document_id, f.fact_id
        ) as pick
    from {{ ref('int_facts_deduplicated') }} f
    join routes r using (metric)
    where f.amount_wan is not null
),

stated as (
    select * exclude (pick) from stated_all where pick = 1
),

derived as (
    select
        d.unit_id, d.fiscal_year, d.doc_kind as measure, d.metric, r.fund_scope, coalesce(d.qualifier, '') as qualifier,
        d.amount_wan, true as is_derived, d.derivation_method, d.source_fact_ids, d.document_id, d.evidence
    from {{ ref('int_facts_prior_year_derived') }} d
    join routes r using (metric)
)

select * from stated
union all
select * from derived d
where not exists (
    select 1 from stated s
    where s.unit_id = d.unit_id and s.fiscal_year = d.fiscal_year and s.measure = d.measure
      and s.metric = d.metric and s.qualifier = d.qualifier
)
