-- One row per extracted fact. The printed value and unit are kept; money is normalised to
-- 万元 twice: amount_wan_exact (DECIMAL(24,6), for sums) and amount_wan (DECIMAL(18,2), as shown).
-- The loader fills raw.facts.amount_wan with loaders.numbers.to_wan; the to_wan() macro (the
-- money_units seed, kept equal to that function by a pytest) only fills the gap when a loader
-- left it NULL. subject_code is the loader's one resolver's code; subject_code_origin says where
-- it came from (printed / name / path / document); subject_code_printed keeps only printed codes.
with facts as (
    select * from {{ source('juesuan', 'facts') }}
)

select
    facts.document_id || ':' || facts.fact_no::varchar                   as fact_id,
    facts.document_id,
    facts.fact_no,
    facts.metric,
    facts.value_text,
    facts.value::decimal(20, 4)                                          as value_printed,
    facts.unit                                                           as unit_printed,
    {{ is_money_unit('facts.unit') }}                                    as is_money,
    coalesce(
        facts.amount_wan::decimal(24, 6),
        {{ to_wan('facts.value', 'facts.unit') }}::decimal(24, 6)
    )                                                                    as amount_wan_exact,
    coalesce(
        facts.amount_wan::decimal(24, 6),
        {{ to_wan('facts.value', 'facts.unit') }}::decimal(24, 6)
    )::decimal(18, 2)                                                    as amount_wan,
    case when facts.unit = '%' then facts.value::decimal(18, 4) end      as pct_value,
    nullif(trim(facts.qualifier), '')                                    as qualifier,
    nullif(trim(facts.subject_code), '')                                 as subject_code,
    -- warehouses loaded before the origin was recorded: a code on the row counts as printed
    case when nullif(trim(facts.subject_code), '') is not null
         then coalesce(facts.subject_code_origin, 'printed') end          as subject_code_origin,
    case when coalesce(facts.subject_code_origin, 'printed') = 'printed'
         then nullif(trim(facts.subject_code), '') end                   as subject_code_printed,
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
    facts.extractor_version,
    facts.ocr_confidence,                                                -- OCR'd facts only
    facts.ocr_unverified
from facts
