{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 三公 counts: one row per unit × fiscal_year × measure × count × detail (tested): 公务用车保有量 /
-- 购置数, 公务接待批次 / 人次, 因公出国（境）团组数 / 人次 (names and the 三公 item each count
-- belongs to from seeds/lexicon/three_public_counts.csv); detail is the printed breakdown (轿车,
-- 国内, …; '' for the count as a whole). Counts are persons / vehicles / batches, never money.
with kinds as (
    select * from {{ ref('three_public_counts') }}
)

select
    f.unit_id,
    f.fiscal_year,
    f.doc_kind as measure,
    k.three_public_item_name,
    k.count_name,
    f.metric,
    coalesce(f.qualifier, '') as detail,
    f.value_printed as count_value,
    f.unit_printed as count_unit,
    f.document_id,
    f.fact_id,
    f.fact_ids as statement_fact_ids,
    f.page,
    f.line_no,
    f.evidence
from {{ ref_scoped('int_facts_deduplicated') }} f
join kinds k using (metric)
where f.value_printed is not null
