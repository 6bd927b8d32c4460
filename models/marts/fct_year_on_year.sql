{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Year-on-year change of the headline totals: one row per unit × measure × metric × year that
-- has the same unit's value for the year before (stated or derived). One value per
-- unit-year-metric: where a metric is stated under several qualifiers (收入总计 / 支出总计 of
-- 收支总计) the first qualifier in sort order is used, the same for both years.
with one_value as (
    select unit_id, fiscal_year, measure, metric, fund_scope, qualifier, amount_wan, is_derived,
           source_fact_ids, document_id, page, line_no, evidence
    from {{ ref_scoped('fct_budget_totals') }}
    where amount_wan is not null
    qualify row_number() over (
        partition by unit_id, fiscal_year, measure, metric order by qualifier, document_id
    ) = 1
)

select
    cur.unit_id, cur.fiscal_year, cur.measure, cur.metric, cur.fund_scope, cur.qualifier,
    cur.amount_wan, pre.amount_wan as prior_wan,
    cur.amount_wan - pre.amount_wan as change_wan,
    case when pre.amount_wan <> 0
         then cast(round((cur.amount_wan - pre.amount_wan) / pre.amount_wan * 100, 2) as decimal(18, 2))
    end as change_pct,
    cur.is_derived, pre.is_derived as prior_is_derived,
    list_concat(cur.source_fact_ids, pre.source_fact_ids) as source_fact_ids,
    cur.document_id, pre.document_id as prior_document_id, cur.page, cur.line_no,
    cur.evidence, pre.evidence as prior_evidence
from one_value cur
join one_value pre
  on pre.unit_id = cur.unit_id and pre.measure = cur.measure and pre.metric = cur.metric
 and pre.fiscal_year = cur.fiscal_year - 1
