{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Every "YYYY年度" printed in the document text (line by line: a copy without blocks is read too),
-- with the few characters around it, whether its line is a heading block, and whether it sits in a
-- comparison (与2023年度相比, 比上年…; markers from the year_comparison_markers lexicon): a
-- comparison names the prior year on purpose, anything else names the document's year.
with docs as (
    select document_id, fiscal_year, string_split(document_text, chr(10)) as lines
    from {{ ref_scoped('dq_documents') }}
    where fiscal_year is not null and document_text is not null
),

lines as (
    select document_id, fiscal_year, unnest(lines) as line, unnest(range(1, len(lines) + 1)) as line_no
    from docs
),

headings as (
    select distinct document_id, trim(split_part(block_text, chr(10), 1)) as heading, page
    from {{ ref_scoped('stg_juesuan__blocks') }}
    where block_kind = 'heading'
),

hits as (
    select l.document_id, l.fiscal_year, l.line_no, l.line,
        unnest(regexp_extract_all(l.line, '.{0,8}\d{4}\s*年度.{0,8}')) as hit
    from lines l
    where regexp_matches(l.line, '\d{4}\s*年度')
),

parsed as (
    select h.*,
        case when hd.heading is not null then 'heading' else 'text' end as block_kind,
        hd.page,
        regexp_extract(h.hit, '^(.*?)(\d{4})\s*年度(.*)$', 1) as before_text,
        regexp_extract(h.hit, '^(.*?)(\d{4})\s*年度(.*)$', 2)::integer as year,
        regexp_extract(h.hit, '^(.*?)(\d{4})\s*年度(.*)$', 3) as after_text
    from hits h
    left join (select document_id, heading, min(page) as page from headings group by all) hd
      on hd.document_id = h.document_id and hd.heading = regexp_replace(trim(h.line), '^#+\s*', '') and hd.heading <> ''
),

markers as (
    select * from {{ ref('year_comparison_markers') }}
)

select
    p.document_id, p.block_kind, p.page, p.line_no, p.fiscal_year, p.year, p.hit,
    exists (
        select 1 from markers m
        where (m.side = 'before' and regexp_matches(p.before_text, m.pattern))
           or (m.side = 'after' and regexp_matches(p.after_text, m.pattern))
    ) as is_comparison
from parsed p
