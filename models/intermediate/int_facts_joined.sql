-- Every fact with its document context (unit_id, fiscal year, 决算/预算) and resolved subject.
-- subject_key: the resolved code, else the qualifier's name key (so facts without a subject
-- still group by what they are about).
with facts as (
    select * from {{ ref('stg_juesuan__facts') }}
),

units as (
    select * from {{ ref('int_units_canonicalised') }}
),

subjects as (
    select * from {{ ref('int_subjects_resolved') }}
)

select
    facts.*,
    units.unit_id,
    coalesce(facts.fiscal_year, units.fiscal_year)                 as fact_year,
    units.fiscal_year                                              as document_year,
    units.doc_kind,
    subjects.subject_code,
    subjects.subject_level,
    subjects.resolution_method,
    coalesce(subjects.subject_code, {{ name_key('facts.qualifier') }}, '')  as subject_key,
    facts.metric in ('prior_year_change_abs', 'prior_year_change_pct')     as is_change,
    facts.unit_printed = '%'                                               as is_pct
from facts
join units using (document_id)
left join subjects
  on subjects.document_id = facts.document_id
 and subjects.metric = facts.metric
 and subjects.qualifier is not distinct from facts.qualifier
