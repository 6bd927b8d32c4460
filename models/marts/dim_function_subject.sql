-- 支出功能分类科目 with its 类 / 款 ancestors; official list, candidates and codes printed in documents.
with names as (
    select * from {{ ref('int_subjects_unioned') }} where subject_system = 'function'
),

best as (
    -- one name per code: official > document > candidate > rename
    select code, arg_min(name, case origin when 'official' then 0 when 'document' then 1 when 'candidate' then 2 else 3 end) as subject_name,
        any_value(level) as subject_level,
        bool_or(verified) as verified,
        min(valid_from) as valid_from, max(case when origin <> 'rename' then valid_to end) as valid_to,
        list(distinct origin order by origin) as origins,
        list(distinct name order by name) as name_variants
    from names
    where regexp_full_match(code, '[0-9]{3}([0-9]{2}){0,2}')
    group by code
)

select
    b.code as subject_code,
    b.subject_name,
    b.subject_level,
    left(b.code, 3) as class_code,
    c.subject_name as class_name,
    case when length(b.code) >= 5 then left(b.code, 5) end as section_code,
    s.subject_name as section_name,
    b.valid_from,
    b.valid_to,
    b.verified,
    b.origins,
    b.name_variants
from best b
left join best c on c.code = left(b.code, 3)
left join best s on s.code = left(b.code, 5) and length(b.code) >= 5
union all
select '-1', '未识别科目', null, '-1', '未识别科目', null, null, null, null, false, [], []
