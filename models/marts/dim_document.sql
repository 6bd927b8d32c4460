select
    d.document_id,
    d.document_id as file_sha256,
    d.file_name,
    d.document_path,
    d.file_format,
    d.file_bytes,
    d.page_count,
    d.document_title,
    u.unit_id,
    d.unit_name,
    d.fiscal_year,
    d.doc_kind,
    d.doc_scope,
    d.loaded_at,
    d.loader_version,
    d.extractor_version,
    (select count(*) from {{ ref('stg_juesuan__facts') }} f where f.document_id = d.document_id) as fact_count
from {{ ref('stg_juesuan__documents') }} d
left join {{ ref('int_units_canonicalised') }} u using (document_id)
union all
select '-1', null, null, null, null, null, null, '未知文档', '-1', null, null, null, null, null, null, null, 0
