-- Extraction quality (R57): how each document's text was obtained (check_key = text / mixed /
-- ocr, from loaders/formats/pdf_ocr) and whether the numbers read by OCR are trusted. An OCR'd
-- fact is confirmed by an identity or an agreeing value (loaders/extract/ocr_verify); the rest
-- carry ocr_unverified = true, are kept, and make this check fail (actual = their count).
-- A document read from its text layer only has nothing to check: not_applicable.
with docs as (
    select document_id, coalesce(extraction, 'text') as extraction, ocr_pages, ocr_seconds
    from {{ ref('stg_juesuan__documents') }}
),

ocr_facts as (
    select document_id,
        count(*) as n_ocr,
        count(*) filter (where ocr_unverified) as n_unverified,
        min(page) filter (where ocr_unverified) as page,
        array_to_string((list(value_text || ' p' || coalesce(page::varchar, '?') order by page, fact_no)
            filter (where ocr_unverified))[1:5], ' | ') as unverified
    from {{ ref('stg_juesuan__facts') }}
    where ocr_unverified is not null
    group by all
)

select d.document_id, {{ dq_check("'R57'", 'd.extraction', '0',
    "case when d.extraction <> 'text' then coalesce(f.n_unverified, 0) end", '0',
    forced_status="case when d.extraction = 'text' then 'not_applicable' end",
    reason="case when d.extraction = 'text' then 'read from the text layer: no OCR' end",
    evidence="case when d.extraction = 'text' then 'text: read from the text layer' else
        d.extraction || ': ' || coalesce(d.ocr_pages, 0) || ' OCR page(s), '
        || coalesce(round(d.ocr_seconds, 1), 0) || ' s; ' || coalesce(f.n_unverified, 0) || '/'
        || coalesce(f.n_ocr, 0) || ' OCR facts unverified'
        || coalesce(' (' || nullif(f.unverified, '') || ')', '') end",
    page='f.page') }}
from docs d
left join ocr_facts f using (document_id)
