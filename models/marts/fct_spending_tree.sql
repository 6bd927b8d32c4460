{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- The 类/款/项 tree of spending: every row of fct_spending_by_function placed on its path in
-- the 支出功能分类 (类 → 款 → 项), so one query opens a 类 into its 款 and 项 across units and
-- years. Same grain as fct_spending_by_function; unresolved subjects keep the printed name
-- and the missing member's path.
select
    f.unit_id,
    f.fiscal_year,
    f.fund_scope,
    f.measure,
    f.expense_nature,
    f.subject_code,
    f.subject_level,
    coalesce(s.class_code, '-1') as class_code,
    s.class_name,
    case when f.subject_level in ('款', '项') then s.section_code end as section_code,
    case when f.subject_level in ('款', '项') then s.section_name end as section_name,
    case when f.subject_level = '项' then f.subject_code end as item_code,
    case when f.subject_level = '项' then s.subject_name end as item_name,
    concat_ws(' / ', s.class_name,
        case when f.subject_level in ('款', '项') then s.section_name end,
        case when f.subject_level = '项' then s.subject_name end) as subject_path,
    f.subject_name_printed,
    f.amount_wan,
    f.is_derived,
    f.document_id,
    f.fact_id,
    f.source_fact_ids,
    f.page,
    f.line_no,
    f.evidence
from {{ ref_scoped('fct_spending_by_function') }} f
left join {{ ref('dim_function_subject') }} s using (subject_code)
