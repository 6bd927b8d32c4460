-- Subject names the warehouse could not resolve to exactly one code: review list.
with candidates as (
    select n.name_key, count(distinct n.code) as known_codes, list(distinct n.code order by n.code) as candidate_codes
    from {{ ref('int_subjects_unioned') }} n
    where n.subject_system = 'function'
    group by 1
)

select
    r.document_id,
    r.metric,
    r.qualifier,
    r.leaf_name,
    r.leaf_level,
    coalesce(c.known_codes, 0) as known_codes,
    c.candidate_codes,
    case when c.known_codes is null then 'unknown name' else 'ambiguous name' end as reason
from {{ ref('int_subjects_resolved') }} r
left join candidates c on c.name_key = {{ name_key('r.leaf_name') }}
where r.subject_code is null
