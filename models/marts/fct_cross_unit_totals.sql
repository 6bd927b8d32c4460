-- Headline totals summed across units, counting each yuan once: a unit-year that a loaded 部门
-- document of the same year and kind consolidates (int_unit_members) is inside that 部门's own
-- figures and is left out of the sum. Derived (prior-year) amounts are not summed.
with totals as (
    select * from {{ ref('fct_budget_totals') }} where not is_derived
),

members as (
    select distinct member_unit_id, fiscal_year, doc_kind from {{ ref('int_unit_members') }}
),

flagged as (
    select
        t.*,
        exists (
            select 1 from members m
            where m.member_unit_id = t.unit_id and m.fiscal_year = t.fiscal_year
              and m.doc_kind = case t.measure when '年初预算' then '决算' else t.measure end
        ) as inside_a_parent
    from totals t
)

select
    fiscal_year,
    measure,
    metric,
    qualifier,
    sum(amount_wan) filter (where not inside_a_parent) as amount_wan,
    count(*) filter (where not inside_a_parent) as units_counted,
    count(*) filter (where inside_a_parent) as units_inside_a_parent,
    list(unit_id order by unit_id) filter (where not inside_a_parent) as counted_unit_ids
from flagged
group by all
