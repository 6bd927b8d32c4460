-- One row per extracted fact. The printed value and unit are kept; money is normalised to
-- 万元 twice: amount_wan_exact (DECIMAL(24,6), for sums) and amount_wan (DECIMAL(18,2), as shown).
-- The loader fills raw.facts.amount_wan with loaders.numbers.to_wan; the money_units seed
-- (kept equal to that function by a pytest) only fills the gap when a loader left it NULL.
with facts as (
    select * from {{ source('juesuan', 'facts') }}
),

units as (
    select * from {{ ref('money_units') }}
)

select
    facts.document_id || ':' || facts.fact_no::varchar                   as fact_id,
    facts.document_id,
    facts.fact_no,
    facts.metric,
    facts.value_text,
    facts.value::decimal(20, 4)                                          as value_printed,
    facts.unit                                                           as unit_printed,
    units.unit is not null                                               as is_money,
    coalesce(
        facts.amount_wan::decimal(24, 6),
        (facts.value * units.factor_to_wan)::decimal(24, 6)
    )                                                                    as amount_wan_exact,
    coalesce(
        facts.amount_wan::decimal(24, 6),
        (facts.value * units.factor_to_wan)::decimal(24, 6)
    )::decimal(18, 2)                                                    as amount_wan,
    case when facts.unit = '%' then facts.value::decimal(18, 4) end      as pct_value,
    nullif(trim(facts.qualifier), '')                                    as qualifier,
    nullif(trim(facts.subject_code), '')                                 as subject_code_printed,
    case
        when facts.direction in ('increase', 'decrease') then facts.direction
    end                                                                  as direction,
    nullif(trim(facts.period), '')                                       as period,
    facts.fiscal_year::integer                                           as fiscal_year,
    facts.source                                                         as fact_source,
    facts.evidence,
    facts.page,
    facts.line_no,
    facts.char_start,
    facts.char_end,
    facts.location                                                       as location_json,
    facts.extractor_version
from facts
left join units on units.unit = facts.unit
