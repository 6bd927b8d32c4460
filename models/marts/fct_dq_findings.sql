{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- 数据质量发现: one row per (document, rule) — pass / fail / not_applicable (with reason) /
-- insufficient_data, with the worst check's figures and evidence. Reads only the quality layer;
-- the individual checks are in quality.dq_checks.
select
    o.document_id,
    o.rule_id,
    r.rule_name,
    r.family,
    r.rule_description,
    r.measure_unit,
    r.severity,
    o.status,
    o.reason,
    o.check_key,
    o.expected,
    o.actual,
    o.difference,
    o.tolerance,
    o.n_checks,
    o.n_failed,
    o.n_insufficient,
    o.evidence,
    o.page,
    o.line_no
from {{ ref_scoped('dq_outcomes') }} o
join {{ ref('dq_rules') }} r using (rule_id)
