-- Headline totals of every unit-year, flagged so that a sum across units counts each yuan once:
-- counted = false for a unit-year that a loaded 部门 document of the same year and kind
-- consolidates (int_unit_members) — its money is already inside the 部门's figures.
-- Cross-unit total = sum(amount_wan) filter (where counted). Derived (prior-year) rows are left out.
with totals as (
    select * from {{ ref('fct_budget_totals') }} where not is_derived
),

members as (
    select member_unit_id, fiscal_year, doc_kind, min(parent_unit_id) as parent_unit_id
    from {{ ref('int_unit_members') }}
    group by all
)

select
    t.unit_id,
    t.fiscal_year,
    t.measure,
    t.fund_scope,
    t.metric,
    t.qualifier,
    t.amount_wan,
    m.parent_unit_id is null as counted,
    m.parent_unit_id as inside_parent_unit_id,
    t.fact_id,
    t.source_fact_ids,
    t.document_id,
    t.page,
    t.line_no,
    t.evidence
from totals t
left join members m
  on m.member_unit_id = t.unit_id and m.fiscal_year = t.fiscal_year
 and m.doc_kind = case t.measure when '年初预算' then '决算' else t.measure end
