-- Subject-bearing facts the loader's resolver (loaders/extract/subjects.py) left without a code,
-- for review: the name is unknown, or several codes carry it and nothing in the document narrows
-- it down (candidate_codes lists the known codes of that exact name).
with facts as (
    select distinct document_id, metric, qualifier
    from {{ ref('stg_juesuan__facts') }}
    where subject_code is null and qualifier is not null
      and metric in (select metric from {{ ref('metrics') }} where subject_system = 'function')
),

leaves as (
    select *, trim(regexp_replace(qualifier, '^.*[（(][类款项][）)]', '')) as trailing_name
    from facts
),

named as (
    select *,
        coalesce(nullif(trailing_name, ''),
                 regexp_replace(qualifier, '[（(][类款项][）)]\s*$', '')) as leaf_name
    from leaves
),

candidates as (
    select n.name, count(distinct n.code) as known_codes, list(distinct n.code order by n.code) as candidate_codes
    from {{ ref('int_subjects_unioned') }} n
    where n.subject_system = 'function'
    group by 1
)

select
    r.document_id,
    r.metric,
    r.qualifier,
    r.leaf_name,
    coalesce(c.known_codes, 0) as known_codes,
    c.candidate_codes,
    case when c.known_codes is null then 'unknown name' else 'ambiguous name' end as reason
from named r
left join candidates c on c.name = r.leaf_name
