-- 一般公共预算财政拨款支出 total = Σ 类 (rule R03); warn only.
{{ config(severity='warn') }}
select * from {{ ref('int_dq_checks_evaluated') }}
where rule_id in ('R03', 'R05', 'R08', 'R12') and status = 'fail'
