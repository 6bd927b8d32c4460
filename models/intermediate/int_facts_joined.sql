{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Every fact with its document context (unit_id, fiscal year, 决算/预算) and its subject code
-- (resolved once, by the loader: subject_code_origin printed / name / path / document).
-- subject_key: the code, else the qualifier's name key (so facts without a subject still group
-- by what they are about).
-- metric: as emitted (both extractors use the names of the metrics seed); metric_printed is the
-- same name, kept for the marts that read it.
-- period (raw.facts.period): NULL = the document's own year; 'budget' = a 年初预算 figure;
-- 'prior_year' = the previous year's figure (fact_year = document year − 1 unless printed).
-- measure: 决算 / 预算 from the document kind; a budget figure inside a 决算 is 年初预算.
with facts as (
    select * from {{ ref_scoped('stg_juesuan__facts') }}
),

routes as (
    select metric, bool_or(measure_kind = 'budget') as is_budget_metric
    from {{ ref('metrics') }}
    group by metric
),

units as (
    select * from {{ ref_scoped('int_units_canonicalised') }}
)

select
    facts.* exclude (metric, period),
    facts.metric                                                   as metric,
    facts.metric                                                   as metric_printed,
    facts.period,
    units.unit_id,
    coalesce(
        facts.fiscal_year,
        units.fiscal_year - case when facts.period = 'prior_year'
                                  and facts.metric not in ('prior_year_change_abs', 'prior_year_change_pct')
                                 then 1 else 0 end
    )                                                              as fact_year,
    units.fiscal_year                                              as document_year,
    units.doc_kind,
    case
        when facts.period = 'budget' or coalesce(routes.is_budget_metric, false)
            then case units.doc_kind when '预算' then '预算' else '年初预算' end
        else units.doc_kind
    end                                                            as measure,
    case length(facts.subject_code) when 3 then '类' when 5 then '款' when 7 then '项' end as subject_level,
    coalesce(facts.subject_code, {{ name_key('facts.qualifier') }}, '')  as subject_key,
    facts.metric in ('prior_year_change_abs', 'prior_year_change_pct')     as is_change,
    facts.unit_printed = '%'                                               as is_pct
from facts
join units using (document_id)
left join routes on routes.metric = facts.metric
