{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Structure and completeness (catalogue family 1).
--   R48 each standard table (standard_tables lexicon) is present: its heading followed by a
--       table or a note before the next heading (a TOC line is followed by another heading);
--   R49 no standard table appears twice; R50 fiscal year and unit are identified;
--   R51 no heading names a fiscal year other than the document's (outside a comparison).
-- A document without any table block (a text-only copy) cannot show its tables: R48/R49 are
-- not_applicable with that reason.
with docs as (
    select * from {{ ref_scoped('dq_documents') }}
),

blocks as (
    select document_id, block_no, block_kind, block_text, page, line_start,
        {{ name_key("regexp_replace(block_text, '^\s*(第?[一二三四五六七八九十]+[、.．]|表\s*\d+\s*|\d+\s*[、.．]\s*)', '')") }} as title_key,
        lead(block_kind) over (partition by document_id order by block_no) as next_kind
    from {{ ref_scoped('stg_juesuan__blocks') }}
),

has_tables as (
    select document_id, count(*) filter (where block_kind = 'table') as n_tables
    from blocks group by 1
),

titles as (
    select t.*, {{ name_key('t.title_zh') }} as title_key from {{ ref('standard_tables') }} t
),

headings as (
    -- a title heading that opens a table: followed by a non-heading block, and not the last line of a
    -- list of titles (a TOC or a list of attachments: the two blocks before it are headings too)
    select * from (
        select b.*,
            lag(block_kind, 1) over (partition by document_id order by block_no) as kind_1,
            lag(block_kind, 2) over (partition by document_id order by block_no) as kind_2
        from blocks b
    )
    where block_kind = 'heading' and coalesce(next_kind, '') <> 'heading'
      and not (coalesce(kind_1, '') = 'heading' and coalesce(kind_2, '') = 'heading')
),

presence as (
    select d.document_id, t.table_no, t.title_zh, coalesce(h.n_tables, 0) as n_tables,
        count(hd.block_no) as n_found, min(hd.page) as page, min(hd.line_start) as line_no
    from docs d
    join titles t on t.doc_kind = d.doc_kind
    left join has_tables h on h.document_id = d.document_id
    left join headings hd on hd.document_id = d.document_id and hd.title_key = t.title_key
    group by all
),

found as (
    select *, sum(least(n_found, 1)) over (partition by document_id) as n_titles_found from presence
),

headings_years as (
    select d.document_id, count(y.year) as n, string_agg(y.hit, ' | ') as evidence, min(y.page) as page, min(y.line_no) as line_no
    from docs d
    left join {{ ref_scoped('dq_year_mentions') }} y
      on y.document_id = d.document_id and y.block_kind = 'heading' and y.year <> y.fiscal_year and not y.is_comparison
    where d.fiscal_year is not null
    group by all
)

select document_id, {{ dq_check("'R48'", 'title_zh', '1', 'least(n_found, 1)', '0',
    forced_status="case when n_tables = 0 or n_titles_found = 0 then 'not_applicable' end",
    reason="case when n_tables = 0 or n_titles_found = 0 then 'no standard table was read from this copy (a text-only copy)' end",
    evidence='title_zh', page='page', line_no='line_no') }}
from found
union all
select document_id, {{ dq_check("'R49'", 'title_zh', '1', 'greatest(n_found, 1)', '0',
    forced_status="case when n_tables = 0 or n_titles_found = 0 then 'not_applicable' end",
    reason="case when n_tables = 0 or n_titles_found = 0 then 'no standard table was read from this copy (a text-only copy)' end",
    evidence='title_zh', page='page', line_no='line_no') }}
from found
union all
select document_id, {{ dq_check("'R50'", "'profile'", '1',
    "case when fiscal_year is not null and unit_name is not null then 1 else 0 end", '0',
    evidence="coalesce(unit_name, '?') || ' ' || coalesce(fiscal_year::varchar, '?') || ' ' || coalesce(doc_kind, '?')") }}
from docs
union all
select document_id, {{ dq_check("'R51'", "'foreign_year_in_heading'", '0', 'n', '0', evidence='evidence', page='page', line_no='line_no') }}
from headings_years
