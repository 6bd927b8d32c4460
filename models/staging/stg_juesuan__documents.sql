-- One row per loaded document; names trimmed, kind/scope as printed.
select
    document_id,
    path                                    as document_path,
    file_name,
    lower(format)                           as file_format,
    bytes                                   as file_bytes,
    pages                                   as page_count,
    encoding                                as text_encoding,
    title                                   as document_title,
    nullif(trim(unit_name), '')             as unit_name,
    fiscal_year::integer                    as fiscal_year,
    coalesce(nullif(trim(doc_kind), ''), '决算') as doc_kind,
    nullif(trim(scope), '')                 as doc_scope,
    coalesce(nullif(trim(part), ''), 'whole') as doc_part,
    nullif(trim(caliber), '')               as doc_caliber,
    nullif(trim(province), '')              as province,
    nullif(trim(city), '')                  as city,
    nullif(trim(county), '')                as county,
    text_chars,
    loaded_at,
    loader_version,
    extractor_version,
    extraction,                             -- text / mixed / ocr (loaders/formats/pdf_ocr)
    ocr_pages,
    ocr_seconds
from {{ source('juesuan', 'documents') }}
