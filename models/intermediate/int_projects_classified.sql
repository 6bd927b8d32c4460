{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Every project-like row the documents state (one per unit × year × measure × project key), with
-- its money pivoted and a verdict: is_project, else why not (exclusion_kind):
--   no_name     — no printed name (a unit budget paired with a payment describes nothing);
--   unit_level  — 部门整体 / 单位整体 and other seed patterns (seeds/lexicon/not_project_names.csv);
--   total       — 合计 / 基本支出 rows of a project table (same seed);
--   clause      — a sentence fragment: clause punctuation or a money amount inside the name, or
--                 a seed pattern (opens with a verb: 强化执行过程监督).
-- fct_project_execution keeps only is_project rows; the others stay here for review.
with facts as (
    select * from {{ ref_scoped('int_facts_deduplicated') }}
    where metric in (select metric from {{ ref('metrics') }} where mart = 'fct_project_execution')
),

rules as (
    select *, row_number() over () as rule_order from {{ ref('not_project_names') }}
),

pivoted as (
    select
        unit_id,
        fiscal_year,
        doc_kind as measure,
        subject_key as project_key,
        nullif(trim(any_value(qualifier)), '') as project_name,
        max(case when metric = 'project_budget' then amount_wan end) as budget_wan,
        max(case when metric = 'project_budget' then amount_wan_exact end) as budget_wan_exact,
        max(case when metric = 'project_adjusted_budget' then amount_wan end) as adjusted_budget_wan,
        max(case when metric = 'project_adjusted_budget' then amount_wan_exact end) as adjusted_budget_wan_exact,
        max(case when metric = 'project_executed' then amount_wan end) as executed_wan,
        max(case when metric = 'project_executed' then amount_wan_exact end) as executed_wan_exact,
        max(case when metric = 'project_carryover' then amount_wan end) as carryover_wan,
        max(case when metric = 'project_execution_rate' then value_printed end) as execution_rate,
        string_agg(distinct fact_source, ',' order by fact_source) as source,
        min(document_id) as document_id,
        flatten(list(part_fact_ids order by fact_id)) as source_fact_ids,
        min(page) as page,
        min(line_no) as line_no,
        string_agg(evidence, ' | ' order by fact_id) as evidence
    from facts
    group by unit_id, fiscal_year, doc_kind, subject_key
),

seed_match as (
    select p.unit_id, p.fiscal_year, p.measure, p.project_key, r.kind,
        row_number() over (partition by p.unit_id, p.fiscal_year, p.measure, p.project_key order by r.rule_order) as rn
    from pivoted p
    join rules r on regexp_matches(p.project_name, r.pattern)
),

classified as (
    select
        p.*,
        case
            when p.project_name is null or p.project_key = '' then 'no_name'
            when s.kind is not null then s.kind
            when regexp_matches(p.project_name, '[，。；：！？,;:]')
              or regexp_matches(p.project_name, '[0-9０-９][0-9.,，]*\s*(万元|元|亿元|%|％)') then 'clause'
        end as exclusion_kind
    from pivoted p
    left join seed_match s
      on s.unit_id = p.unit_id and s.fiscal_year = p.fiscal_year and s.measure = p.measure
     and s.project_key = p.project_key and s.rn = 1
)

select
    *,
    exclusion_kind is null as is_project,
    {{ pct_of('executed_wan_exact', 'coalesce(adjusted_budget_wan_exact, budget_wan_exact)') }} as execution_rate_recomputed
from classified
