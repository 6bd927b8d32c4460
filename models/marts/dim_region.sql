select distinct
    region_key as region_id,
    province,
    city,
    county,
    admin_level
from {{ ref('int_units_canonicalised') }}
union all
select '-1', null, null, null, '未知'
