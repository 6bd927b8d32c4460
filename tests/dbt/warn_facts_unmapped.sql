-- Every extracted metric should land in a mart: warn (never fail) while some metric has no
-- route in seeds/metrics.csv. The rows name the metric and how many facts it holds.
{{ config(severity='warn') }}
select * from {{ ref('int_facts_unmapped') }}
