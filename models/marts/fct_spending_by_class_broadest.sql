{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- fct_spending_by_class in its default fund scope: for each unit × year × measure, the rows of
-- the broadest scope the document gives (fund_scope_breadth.breadth_rank), so each 类 appears once and
-- the 类 of one unit-year can be added up without counting a scope twice.
with ranked as (
    select c.*, coalesce(s.breadth_rank, 99) as breadth_rank,
           min(coalesce(s.breadth_rank, 99)) over (partition by c.unit_id, c.fiscal_year, c.measure) as best_rank
    from {{ ref_scoped('fct_spending_by_class') }} c
    left join {{ ref('fund_scope_breadth') }} s using (fund_scope)
)

select * exclude (breadth_rank, best_rank) from ranked where breadth_rank = best_rank
