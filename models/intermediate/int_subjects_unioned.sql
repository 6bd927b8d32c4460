-- Every (code, name) pair the warehouse knows, from four origins:
--   official  : function_subjects seed (verified flag as given)
--   candidate : function_subjects_unverified_candidates seed (lookup hints, never verified)
--   rename    : old names from the renames seed, attached to the code that carries the new name
--   document  : code + name printed side by side in a loaded table (table facts)
-- plus the economic classification (subject_system = 'economic').
with official as (
    select code, level, name, parent_code, verified, 'official' as origin, 'function' as subject_system,
           null::integer as valid_from, null::integer as valid_to
    from {{ ref('function_subjects') }}
),

candidate as (
    select code, level, name, parent_code, false as verified, 'candidate' as origin, 'function' as subject_system,
           null::integer, null::integer
    from {{ ref('function_subjects_unverified_candidates') }}
),

economic as (
    select code, level, name, parent_code, verified, 'official' as origin, 'economic' as subject_system,
           null::integer, null::integer
    from {{ ref('economic_subjects') }}
),

current_names as (
    select * from official
    union all select * from candidate
    union all select * from economic
),

renamed as (
    -- follow rename chains one step at a time (医疗卫生支出 -> 医疗卫生与计划生育支出 -> 卫生健康支出)
    select distinct n.code, n.level, r.old_name as name, n.parent_code, false as verified, 'rename' as origin,
           n.subject_system, null::integer as valid_from, r.effective_year - 1 as valid_to
    from {{ ref('renames') }} r
    join current_names n on n.name = r.new_name
    union all
    select distinct n.code, n.level, r2.old_name, n.parent_code, false, 'rename', n.subject_system,
           null::integer, r2.effective_year - 1
    from {{ ref('renames') }} r
    join current_names n on n.name = r.new_name
    join {{ ref('renames') }} r2 on r2.new_name = r.old_name
),

printed as (
    select
        f.subject_code_printed as code,
        case length(f.subject_code_printed) when 3 then '类' when 5 then '款' when 7 then '项' end as level,
        regexp_replace(f.qualifier, '^.*[（(][类款项][）)]', '') as name,
        case when length(f.subject_code_printed) > 3 then left(f.subject_code_printed, length(f.subject_code_printed) - 2) end
            as parent_code,
        false as verified,
        'document' as origin,
        case when f.subject_code_printed like '3%' then 'economic' else 'function' end as subject_system,
        min(f.fiscal_year) as valid_from,
        max(f.fiscal_year) as valid_to
    from {{ ref('stg_juesuan__facts') }} f
    where f.subject_code_printed is not null and f.qualifier is not null
      and regexp_full_match(f.subject_code_printed, '[0-9]{3}([0-9]{2}){0,2}')
    group by all
),

unioned as (
    select * from current_names
    union all select * from renamed
    union all select * from printed
)

select
    *,
    {{ name_key('name') }} as name_key
from unioned
where name is not null and name <> ''
