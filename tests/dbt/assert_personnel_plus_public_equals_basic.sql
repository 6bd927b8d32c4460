-- Accounting identity 人员经费 + 公用经费 = 基本支出, per document. A published document may be
-- inconsistent: warn (the finding is in fct_dq_findings, rule R06), never fail the build.
{{ config(severity='warn') }}
select * from {{ ref('int_dq_checks_evaluated') }}
where rule_id = 'R06' and status = 'fail'
