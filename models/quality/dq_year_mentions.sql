-- Every "YYYY年度" printed in a block, with the few characters around it and whether it sits in
-- a comparison (与2023年度相比, 比上年…; markers from the year_comparison_markers lexicon): a
-- comparison names the prior year on purpose, anything else names the document's year.
with blocks as (
    select b.document_id, b.block_no, b.block_kind, b.page, b.line_start, b.block_text, d.fiscal_year
    from {{ ref('stg_juesuan__blocks') }} b
    join {{ ref('dq_documents') }} d using (document_id)
    where d.fiscal_year is not null
),

hits as (
    select document_id, block_no, block_kind, page, line_start, fiscal_year,
        unnest(regexp_extract_all(block_text, '[^\n]{0,8}\d{4}\s*年度[^\n]{0,8}')) as hit
    from blocks
),

parsed as (
    select *,
        regexp_extract(hit, '^(.*?)(\d{4})\s*年度(.*)$', 1) as before_text,
        regexp_extract(hit, '^(.*?)(\d{4})\s*年度(.*)$', 2)::integer as year,
        regexp_extract(hit, '^(.*?)(\d{4})\s*年度(.*)$', 3) as after_text
    from hits
),

markers as (
    select * from {{ ref('year_comparison_markers') }}
)

select
    p.document_id, p.block_no, p.block_kind, p.page, p.line_start as line_no, p.fiscal_year, p.year, p.hit,
    exists (
        select 1 from markers m
        where (m.side = 'before' and regexp_matches(p.before_text, m.pattern))
           or (m.side = 'after' and regexp_matches(p.after_text, m.pattern))
    ) as is_comparison
from parsed p
