select
    unit_id,
    arg_max(unit_name, fiscal_year) as unit_name,
    list_sort(list_distinct(flatten(list(name_variants)))) as name_variants,
    any_value(province) as province,
    any_value(city) as city,
    any_value(county) as county,
    any_value(region_key) as region_id,
    any_value(admin_level) as admin_level,
    any_value(unit_kind) as unit_kind,
    list_sort(list_distinct(list(fiscal_year) filter (where fiscal_year is not null))) as fiscal_years
from {{ ref('int_units_canonicalised') }}
group by unit_id
union all
select '-1', '未知单位', [], null, null, null, '-1', '未知', '未知', []
