-- Metrics extracted into raw.facts that no mart takes (no row in the metrics seed):
-- one row per metric with its count, so nothing disappears silently. A dbt test warns while
-- this is non-empty; route the metric in seeds/metrics.csv (or add a mart) to clear it.
select
    f.metric,
    count(*) as fact_count,
    count(distinct f.document_id) as document_count,
    min(f.evidence) as example_evidence
from {{ ref('stg_juesuan__facts') }} f
where not exists (select 1 from {{ ref('metrics') }} r where r.metric = f.metric)
group by f.metric
