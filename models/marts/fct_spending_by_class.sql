{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 类-level rollup (合计 column only; 基本/项目 splits stay in fct_spending_by_function): the 类 amount as stated, Σ of its stated 款 and Σ of its stated 项, side by side.
with rows as (
    select s.*, left(s.subject_code, 3) as class_code
    from {{ ref_scoped('fct_spending_by_function') }} s
    where s.subject_code <> '-1' and s.expense_nature = '合计'
)

select
    unit_id,
    fiscal_year,
    fund_scope,
    measure,
    class_code,
    max(case when subject_level = '类' then amount_wan end) as class_amount_wan,
    sum(case when subject_level = '款' then amount_wan end)::decimal(18, 2) as sum_of_sections_wan,
    sum(case when subject_level = '项' then amount_wan end)::decimal(18, 2) as sum_of_items_wan,
    count(case when subject_level = '款' then 1 end) as section_count,
    count(case when subject_level = '项' then 1 end) as item_count,
    coalesce(max(case when subject_level = '类' then amount_wan end),
             sum(case when subject_level = '款' then amount_wan end),
             sum(case when subject_level = '项' then amount_wan end))::decimal(18, 2) as amount_wan,
    bool_or(is_derived) as is_derived,
    coalesce(max(case when subject_level = '类' then document_id end), min(document_id)) as document_id,
    flatten(list(source_fact_ids order by subject_code, fact_id)) as source_fact_ids,
    min(page) as page,
    min(line_no) as line_no,
    string_agg(evidence, ' | ' order by subject_code, fact_id) as evidence
from rows
group by all
