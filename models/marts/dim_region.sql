with regions as (
    select distinct region_key, province, city, county, admin_level
    from {{ ref('int_units_canonicalised') }}
),

codes as (
    select adcode, province, city, county from {{ ref('regions') }}
)

select
    r.region_key as region_id,
    r.province,
    r.city,
    r.county,
    r.admin_level,
    -- the 行政区划 code of the most specific level the unit names (seeds/regions.csv)
    (select min(c.adcode) from codes c
      where c.province = r.province
        and c.city is not distinct from r.city
        and c.county is not distinct from r.county) as adcode
from regions r
union all
select '-1', null, null, null, '未知', null
