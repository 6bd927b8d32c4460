-- Resolve the subject of every subject-bearing fact to a 功能分类 code.
-- Order: a code printed beside the name (tables) wins; otherwise the name (and the 类/款
-- path when the wording gives one) is matched against int_subjects_unioned; a bare 项 name
-- that several 款 share (事业运行, 行政运行) is narrowed to the 类 the same document spends on.
-- Subject-bearing metrics: fct_spending_by_function's routes (metrics seed) and income_item.

with facts as (
    select distinct
        document_id, metric, qualifier, subject_code_printed
    from {{ ref('stg_juesuan__facts') }}
    where metric = 'income_item'
       or metric in (select metric from {{ ref('metrics') }} where mart = 'fct_spending_by_function')
),

names as (
    select * from {{ ref('int_subjects_unioned') }} where subject_system = 'function'
),

parsed as (
    select
        *,
        regexp_extract_all(coalesce(qualifier, ''), '([^（()）]+?)\s*[（(]([类款项])[）)]', 1) as marked_names,
        regexp_extract_all(coalesce(qualifier, ''), '([^（()）]+?)\s*[（(]([类款项])[）)]', 2) as marked_levels,
        trim(regexp_replace(coalesce(qualifier, ''), '^.*[（(][类款项][）)]', '')) as trailing_name
    from facts
),

leaves as (
    select
        *,
        case when trailing_name <> '' or len(marked_names) = 0 then coalesce(nullif(trailing_name, ''), qualifier)
             else marked_names[-1] end as leaf_name,
        case
            when metric like '%expense\_by\_function' escape '\' then '类'
            when trailing_name <> '' and len(marked_levels) > 0
                then case marked_levels[-1] when '类' then '款' when '款' then '项' end
            when trailing_name = '' and len(marked_levels) > 0 then marked_levels[-1]
        end as leaf_level,
        -- ancestors named in the wording (all marked parts except the leaf)
        case when trailing_name <> '' then marked_names else marked_names[1:-2] end as ancestor_names,
        case when trailing_name <> '' then marked_levels else marked_levels[1:-2] end as ancestor_levels
    from parsed
),

candidates as (
    select
        l.document_id, l.metric, l.qualifier, l.subject_code_printed,
        n.code, n.level, n.verified, n.origin, l.ancestor_names, l.ancestor_levels
    from leaves l
    join names n
      on n.name_key = {{ name_key('l.leaf_name') }}
     and (l.leaf_level is null or n.level = l.leaf_level)
    where l.subject_code_printed is null
),

with_path as (
    -- every ancestor named in the wording must be a known name of the candidate's 类 / 款
    select c.*,
        (select count(*) from unnest(c.ancestor_names) as a(nm)) as ancestor_count,
        (select count(*) from unnest(c.ancestor_names) as a(nm)
          where exists (select 1 from names p
                        where p.code in (left(c.code, 3), left(c.code, 5))
                          and p.name_key = {{ name_key('a.nm') }})) as ancestor_matches
    from candidates c
),

path_ok as (
    select distinct document_id, metric, qualifier, subject_code_printed, code, level, ancestor_count
    from with_path
    where ancestor_matches = ancestor_count
),

unique_paths as (
    select *, count(*) over (partition by document_id, metric, qualifier) as n_candidates
    from path_ok
),

doc_classes as (
    -- 类 the document spends on: printed codes and unambiguous names
    select distinct document_id, left(subject_code_printed, 3) as class_code
    from facts where subject_code_printed is not null
    union
    select distinct document_id, left(code, 3) from unique_paths where n_candidates = 1
),

doc_sections as (
    -- 款 the document spends on, likewise
    select distinct document_id, left(subject_code_printed, 5) as section_code
    from facts where length(subject_code_printed) >= 5
    union
    select distinct document_id, left(code, 5) from unique_paths where n_candidates = 1 and length(code) >= 5
),

narrowed as (
    select u.*,
        exists (select 1 from doc_sections d where d.document_id = u.document_id and d.section_code = left(u.code, 5))
            as in_document_section,
        exists (select 1 from doc_classes d where d.document_id = u.document_id and d.class_code = left(u.code, 3))
            as in_document_class
    from unique_paths u
),

counted as (
    select *,
        sum(in_document_section::int) over (partition by document_id, metric, qualifier) as n_in_section,
        sum(in_document_class::int) over (partition by document_id, metric, qualifier) as n_in_class
    from narrowed
),

picked as (
    select document_id, metric, qualifier, code, level,
        case when n_candidates = 1 and ancestor_count > 0 then 'name+path'
             when n_candidates = 1 then 'name'
             when n_in_section = 1 then 'name+document_sections'
             else 'name+document_classes' end as resolution_method,
        n_candidates
    from counted
    where n_candidates = 1
       or (length(code) = 7 and n_in_section = 1 and in_document_section)
       or (n_in_section = 0 and n_in_class = 1 and in_document_class)
),

resolved as (
    select
        l.document_id, l.metric, l.qualifier, l.subject_code_printed, l.leaf_name, l.leaf_level,
        coalesce(l.subject_code_printed, p.code) as subject_code,
        case when l.subject_code_printed is not null then 'printed' else p.resolution_method end as resolution_method,
        coalesce(p.n_candidates, case when l.subject_code_printed is not null then 1 else 0 end) as candidate_count
    from leaves l
    left join picked p
      on p.document_id = l.document_id and p.metric = l.metric and p.qualifier is not distinct from l.qualifier
    where true
)

select
    r.*,
    case length(r.subject_code) when 3 then '类' when 5 then '款' when 7 then '项' end as subject_level,
    coalesce(o.verified, false) as code_verified
from resolved r
left join {{ ref('function_subjects') }} o on o.code = r.subject_code
