-- One value per (unit, fiscal year, 决算/预算, metric, subject, period). When a table and the prose
-- state the same fact, the table wins; otherwise the first statement in the document does.
-- All statements stay as evidence (statement_count, min/max, evidence_all) for the
-- "stated twice agrees" rule. Project metrics first add up the allocations listed on one line
-- (援藏援彝等其他项目 0.79 + 0.31) — those are parts, not restatements.
with facts as (
    select * from {{ ref('int_facts_joined') }}
    where not is_change
),

statements as (
    select
        min(fact_id) as fact_id,
        document_id, unit_id, doc_kind, fact_year, metric, subject_key,
        any_value(subject_code) as subject_code,
        any_value(subject_level) as subject_level,
        any_value(qualifier) as qualifier,
        coalesce(period, 'current') as period,
        any_value(measure) as measure,
        fact_source,
        line_no,
        min(char_start) as char_start,
        any_value(unit_printed) as unit_printed,
        any_value(is_money) as is_money,
        sum(value_printed) as value_printed,
        sum(amount_wan_exact) as amount_wan_exact,
        count(*) as parts,
        string_agg(evidence, ' | ' order by char_start) as evidence
    from facts
    where metric like 'project\_%' escape '\'
    group by document_id, unit_id, doc_kind, fact_year, metric, subject_key, coalesce(period, 'current'), fact_source, line_no
    union all
    select
        fact_id, document_id, unit_id, doc_kind, fact_year, metric, subject_key, subject_code, subject_level, qualifier,
        coalesce(period, 'current'), measure, fact_source, line_no, char_start, unit_printed, is_money,
        value_printed, amount_wan_exact, 1, evidence
    from facts
    where metric not like 'project\_%' escape '\'
),

ranked as (
    select
        *,
        row_number() over (
            partition by unit_id, fact_year, doc_kind, metric, subject_key, period
            order by case fact_source when 'table' then 0 else 1 end, document_id, char_start, fact_id
        ) as statement_rank
    from statements
)

select
    r.fact_id,
    r.document_id,
    r.unit_id,
    r.doc_kind,
    r.fact_year as fiscal_year,
    r.metric,
    r.subject_key,
    r.subject_code,
    r.subject_level,
    r.qualifier,
    r.period,
    r.measure,
    r.fact_source,
    r.unit_printed,
    r.is_money,
    r.value_printed,
    r.amount_wan_exact,
    r.amount_wan_exact::decimal(18, 2) as amount_wan,
    r.parts,
    r.evidence,
    agg.statement_count,
    agg.min_value,
    agg.max_value,
    agg.value_spread,
    agg.fact_ids,
    agg.evidence_all
from ranked r
join (
    select
        unit_id, fact_year, doc_kind, metric, subject_key, period,
        count(*) as statement_count,
        min(coalesce(amount_wan_exact, value_printed)) as min_value,
        max(coalesce(amount_wan_exact, value_printed)) as max_value,
        max(coalesce(amount_wan_exact, value_printed)) - min(coalesce(amount_wan_exact, value_printed)) as value_spread,
        list(fact_id order by statement_rank) as fact_ids,
        string_agg(fact_source || ': ' || evidence, ' || ' order by statement_rank) as evidence_all
    from ranked
    group by all
) agg using (unit_id, fact_year, doc_kind, metric, subject_key, period)
where r.statement_rank = 1
