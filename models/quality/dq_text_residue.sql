{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Text residue: template placeholders (R19), a foreign fiscal year in the body outside a
-- prior-year comparison (R20), duplicated words or punctuation (R56). Patterns are literal
-- strings of the residue_patterns lexicon; one row per document and rule (count of hits).
with docs as (
    select * from {{ ref_scoped('dq_documents') }} where document_text is not null
),

patterns as (
    select * from {{ ref('residue_patterns') }}
),

hits as (
    select d.document_id, p.kind, p.pattern,
        len(string_split(d.document_text, p.pattern)) - 1 as n,
        substr(d.document_text, greatest(strpos(d.document_text, p.pattern) - 12, 1), 30) as context
    from docs d cross join patterns p
),

per_kind as (
    select d.document_id, k.kind,
        coalesce(sum(h.n), 0) as n,
        string_agg(case when h.n > 0 then h.context end, ' | ') as evidence
    from docs d
    cross join (select distinct kind from patterns) k
    left join hits h on h.document_id = d.document_id and h.kind = k.kind
    group by all
),

years as (
    select d.document_id,
        count(y.year) as n,
        string_agg(y.hit, ' | ') as evidence,
        min(y.page) as page, min(y.line_no) as line_no
    from docs d
    left join {{ ref_scoped('dq_year_mentions') }} y
      on y.document_id = d.document_id and y.year <> y.fiscal_year and not y.is_comparison
    where d.fiscal_year is not null
    group by all
)

select document_id, {{ dq_check("case kind when 'placeholder' then 'R19' else 'R56' end", 'kind', '0', 'n', '0',
    evidence='evidence') }}
from per_kind
union all
select document_id, {{ dq_check("'R20'", "'foreign_year'", '0', 'n', '0', evidence='evidence', page='page', line_no='line_no') }}
from years
