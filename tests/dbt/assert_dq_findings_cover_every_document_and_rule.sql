-- fct_dq_findings has exactly one row per (document, rule).
select d.document_id, r.rule_id, count(f.document_id) as n
from {{ ref('stg_juesuan__documents') }} d
cross join {{ ref('dq_rules') }} r
left join {{ ref('fct_dq_findings') }} f on f.document_id = d.document_id and f.rule_id = r.rule_id
group by all
having count(f.document_id) <> 1
