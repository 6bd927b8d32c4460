-- At most one headcount per unit-year-measure is the per-head denominator, and it is a count of
-- persons (never 编制 or 退休).
select unit_id, fiscal_year, measure, count(*) as n, list(headcount_kind) as kinds
from {{ ref('fct_headcount') }}
where is_per_head_basis
group by all
having count(*) > 1 or bool_or(headcount_kind in ('编制', '退休'))
