-- One row per (document, rule): pass / fail / not_applicable / insufficient_data.
-- Several checks of one rule in one document (e.g. one per 类) roll up: any fail -> fail; the
-- worst check gives expected / actual / difference; n_checks and n_failed count them all.
with docs as (
    select document_id from {{ ref('stg_juesuan__documents') }}
),

rules as (
    select * from {{ ref('dq_rules') }}
),

checks as (
    select *,
        row_number() over (
            partition by document_id, rule_id
            order by case status when 'fail' then 0 when 'pass' then 1 else 2 end,
                     abs(difference) desc nulls last, check_key
        ) as worst
    from {{ ref('int_dq_checks_evaluated') }}
),

rolled as (
    select
        document_id, rule_id,
        count(*) as n_checks,
        count(*) filter (where status = 'fail') as n_failed,
        case
            when count(*) filter (where status = 'fail') > 0 then 'fail'
            when count(*) filter (where status = 'pass') > 0 then 'pass'
            else 'insufficient_data'
        end as status
    from checks
    group by all
)

select
    d.document_id,
    r.rule_id,
    r.rule_name,
    r.rule_description,
    r.measure_unit,
    r.severity,
    coalesce(rolled.status, 'not_applicable') as status,
    w.check_key,
    w.expected,
    w.actual,
    w.difference,
    w.tolerance,
    coalesce(rolled.n_checks, 0) as n_checks,
    coalesce(rolled.n_failed, 0) as n_failed,
    w.evidence
from docs d
cross join rules r
left join rolled on rolled.document_id = d.document_id and rolled.rule_id = r.rule_id
left join checks w on w.document_id = d.document_id and w.rule_id = r.rule_id and w.worst = 1
