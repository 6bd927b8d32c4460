{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- One row per loaded document: the profile the rules need (unit, year, kind, unit kind) and its text.
select
    u.document_id,
    u.unit_id,
    u.unit_name,
    u.unit_kind,
    u.fiscal_year,
    u.doc_kind,
    t.document_text
from {{ ref_scoped('int_units_canonicalised') }} u
left join {{ ref_scoped('stg_juesuan__document_texts') }} t using (document_id)
