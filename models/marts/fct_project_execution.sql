{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 项目执行: one row per project (unit × fiscal_year × measure × project_key, tested), only where
-- there is a project (int_projects_classified.is_project: no 部门整体 / 单位整体, no nameless
-- rows, no sentence fragments). Budget, adjusted budget and executed as printed; execution_rate as
-- printed; rate_pct = the printed rate, else executed ÷ (adjusted budget, else budget) × 100 with
-- is_rate_computed = true.
select
    unit_id,
    fiscal_year,
    measure,
    project_key,
    project_name,
    budget_wan,
    adjusted_budget_wan,
    executed_wan,
    executed_wan_exact,
    carryover_wan,
    execution_rate,
    coalesce(execution_rate, execution_rate_recomputed) as rate_pct,
    execution_rate is null and execution_rate_recomputed is not null as is_rate_computed,
    source,
    document_id,
    source_fact_ids,
    page,
    line_no,
    evidence
from {{ ref_scoped('int_projects_classified') }}
where is_project and measure = '决算'
