-- One row: a fingerprint of what every document's rows may read beyond its own unit — the known
-- subject names (int_subjects_unioned, printed codes included; their year range is left out: no
-- per-document model reads it). When it changes, an incremental build rebuilds every document.
select
    md5(coalesce(string_agg(row_text, chr(10) order by row_text), '')) as subjects_fingerprint
from (
    select distinct to_json(struct_pack(code, level, name, parent_code, verified, origin, subject_system, name_key))::varchar
        as row_text
    from {{ ref('int_subjects_unioned') }}
)
