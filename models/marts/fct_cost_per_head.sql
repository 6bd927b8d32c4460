{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 人均人员经费 / 人均公用经费: the stated (never derived) 人员经费 and 公用经费 of a unit-year divided
-- by its one per-head headcount (fct_headcount.is_per_head_basis: 年末实有 > 在职 > 在编; never 编制
-- posts or 退休 staff). Unit-years without a stated headcount have no row: nothing is guessed.
with costs as (
    select unit_id, fiscal_year, measure, metric, amount_wan, source_fact_ids, document_id, page, line_no, evidence
    from {{ ref_scoped('fct_budget_totals') }}
    where metric in ('basic_personnel', 'basic_public') and not is_derived and amount_wan is not null
    qualify row_number() over (
        partition by unit_id, fiscal_year, measure, metric order by qualifier, document_id
    ) = 1
),

heads as (
    select unit_id, fiscal_year, measure, headcount_kind, headcount_name_printed, persons,
           fact_id, evidence
    from {{ ref_scoped('fct_headcount') }}
    where is_per_head_basis and persons > 0
)

select
    c.unit_id, c.fiscal_year, c.measure, c.metric, c.amount_wan,
    h.persons, h.headcount_kind, h.headcount_name_printed,
    cast(round(c.amount_wan / h.persons, 4) as decimal(18, 4)) as per_head_wan,
    list_append(c.source_fact_ids, h.fact_id) as source_fact_ids,
    c.document_id, c.page, c.line_no, c.evidence, h.evidence as headcount_evidence
from costs c
join heads h using (unit_id, fiscal_year, measure)
