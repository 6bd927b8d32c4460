{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Per document: how much of the DQ ledger could be validated — "validated n of m applicable".
-- applicable = rules whose outcome is not not_applicable; validated = pass or fail (an
-- insufficient_data rule is applicable but not validated).
select
    document_id,
    count(*) as n_rules,
    count(*) filter (where status <> 'not_applicable') as n_applicable,
    count(*) filter (where status in ('pass', 'fail')) as n_validated,
    count(*) filter (where status = 'pass') as n_pass,
    count(*) filter (where status = 'fail') as n_fail,
    count(*) filter (where status = 'insufficient_data') as n_insufficient,
    'validated ' || count(*) filter (where status in ('pass', 'fail'))::varchar || ' of '
        || count(*) filter (where status <> 'not_applicable')::varchar || ' applicable' as summary
from {{ ref_scoped('dq_outcomes') }}
group by document_id
