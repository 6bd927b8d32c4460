-- Headline totals per unit × year × metric: stated in the year's own document, or derived
-- from the next year's year-on-year statement (is_derived, with lineage).
{% set total_metrics = "('total_income_expense','total_income','total_expense','expense_basic','expense_project',
    'basic_personnel','basic_public','fin_approp_total','gpb_expense_total','office_running_cost','procurement_total',
    'procurement_goods','procurement_works','procurement_services','three_public_total','carryover_begin',
    'carryover_end','nonfiscal_balance_used')" %}
with stated as (
    select
        unit_id, fiscal_year, doc_kind as measure, metric, coalesce(qualifier, '') as qualifier,
        amount_wan, false as is_derived, null::varchar as derivation_method, [fact_id] as source_fact_ids,
        document_id, evidence
    from {{ ref('int_facts_deduplicated') }}
    where metric in {{ total_metrics }} and period = 'current' and amount_wan is not null
),

derived as (
    select
        unit_id, fiscal_year, doc_kind as measure, metric, coalesce(qualifier, '') as qualifier,
        amount_wan, true as is_derived, derivation_method, source_fact_ids, document_id, evidence
    from {{ ref('int_facts_prior_year_derived') }}
    where metric in {{ total_metrics }}
)

select * from stated
union all
select * from derived d
where not exists (
    select 1 from stated s
    where s.unit_id = d.unit_id and s.fiscal_year = d.fiscal_year and s.measure = d.measure
      and s.metric = d.metric and s.qualifier = d.qualifier
)
