{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- One row per quantity a document states (see dq_statements), with the value the identities
-- use: the tables' figure when the tables agree, else the text's figure when the text agrees.
-- A quantity whose statements disagree at the level that decides is ambiguous: value NULL, so an
-- identity over it ends in insufficient_data (the disagreement itself is the restatement rules').
with s as (
    select * from {{ ref_scoped('dq_statements') }}
    where not is_change and coalesce(amount, value) is not null
)

select
    document_id, unit_id, doc_kind, document_year, fiscal_year, metric, quantity_key, measure, period,
    arg_min(subject_code, fact_id) as subject_code,
    arg_min(subject_level, fact_id) as subject_level,
    arg_min(qualifier, fact_id) as qualifier,
    bool_or(is_money) as is_money,
    count(*) as n_statements,
    count(distinct coalesce(amount, value)) filter (where fact_source = 'table') as n_table_values,
    count(distinct coalesce(amount, value)) filter (where fact_source <> 'table') as n_text_values,
    case
        when count(*) filter (where fact_source = 'table') > 0 then
            case when count(distinct coalesce(amount, value)) filter (where fact_source = 'table') = 1
                 then any_value(coalesce(amount, value)) filter (where fact_source = 'table') end
        when count(distinct coalesce(amount, value)) = 1 then any_value(coalesce(amount, value))
    end as amount,
    arg_min(evidence, case when fact_source = 'table' then 0 else 1 end * 1000000000 + coalesce(char_start, 0)) as evidence,
    arg_min(page, case when fact_source = 'table' then 0 else 1 end * 1000000000 + coalesce(char_start, 0)) as page,
    arg_min(line_no, case when fact_source = 'table' then 0 else 1 end * 1000000000 + coalesce(char_start, 0)) as line_no
from s
group by all
