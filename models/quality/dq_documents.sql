-- One row per loaded document: the profile the rules need (unit, year, kind, unit kind) and its text.
select
    u.document_id,
    u.unit_id,
    u.unit_name,
    u.unit_kind,
    u.fiscal_year,
    u.doc_kind,
    t.document_text
from {{ ref('int_units_canonicalised') }} u
left join {{ ref('stg_juesuan__document_texts') }} t using (document_id)
