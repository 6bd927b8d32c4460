{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- One outcome per (document, rule): every applicable check ends in pass / fail /
-- insufficient_data; a rule with no check in a document is not_applicable, with its reason.
-- Roll-up: any fail → fail; else any pass → pass; else any insufficient_data → insufficient_data.
-- The worst check (fail first, then the largest difference) gives expected / actual / evidence.
with docs as (
    select document_id from {{ ref_scoped('dq_documents') }}
),

rules as (
    select rule_id from {{ ref('dq_rules') }}
),

checks as (
    select *,
        row_number() over (
            partition by document_id, rule_id
            order by case status when 'fail' then 0 when 'pass' then 1 when 'insufficient_data' then 2 else 3 end,
                     abs(difference) desc nulls last, check_key
        ) as worst
    from {{ ref_scoped('dq_checks') }}
),

rolled as (
    select
        document_id, rule_id,
        count(*) as n_checks,
        count(*) filter (where status = 'fail') as n_failed,
        count(*) filter (where status = 'insufficient_data') as n_insufficient,
        case
            when count(*) filter (where status = 'fail') > 0 then 'fail'
            when count(*) filter (where status = 'pass') > 0 then 'pass'
            when count(*) filter (where status = 'insufficient_data') > 0 then 'insufficient_data'
            else 'not_applicable'
        end as status
    from checks
    group by all
)

select
    d.document_id,
    r.rule_id,
    coalesce(rolled.status, 'not_applicable') as status,
    case
        when rolled.status is null then 'the document states none of the figures this rule compares'
        when rolled.status in ('not_applicable', 'insufficient_data') then w.reason
    end as reason,
    w.check_key,
    w.expected,
    w.actual,
    w.difference,
    w.tolerance,
    coalesce(rolled.n_checks, 0) as n_checks,
    coalesce(rolled.n_failed, 0) as n_failed,
    coalesce(rolled.n_insufficient, 0) as n_insufficient,
    w.evidence,
    w.page,
    w.line_no
from docs d
cross join rules r
left join rolled on rolled.document_id = d.document_id and rolled.rule_id = r.rule_id
left join checks w on w.document_id = d.document_id and w.rule_id = r.rule_id and w.worst = 1
