{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Every fact with its fund scope (资金口径) settled once, for every mart.
-- fund_scope: the metric's scope (metrics seed), narrowed by the qualifier when it opens with
-- the wording of a deeper scope (fund_scopes seed): 一般公共预算财政拨款基本支出 stated as
-- expense_basic (全部资金) is 一般公共预算财政拨款. The metric then becomes the scoped metric
-- of the same mart when the metrics seed has one (expense_basic -> gpb_expense_basic), so a
-- statement of one figure has one name whichever path (prose, table) stated it.
-- item_name: the qualifier without the fund-scope wording (基本支出), the item within its scope.
-- metric_unscoped keeps the metric before narrowing. Facts with a 功能/经济分类 subject code are
-- never narrowed: their qualifier is the subject's name.
with facts as (
    select * from {{ ref_scoped('int_facts_joined') }}
),

scopes as (
    -- wording_literal: the text every match of an anchored wording starts with ("^一般公共预算(财政)?"
    -- -> 一般公共预算; '' when the pattern is not "^literal" followed by a group or its end, or holds
    -- a "|"). A pattern read from a table is compiled again for every pair it is tried on, so the
    -- join below tries it only on the qualifiers that start with that text (7x faster at 3,000
    -- documents, the same rows)
    select *,
        case when wording_pattern not like '%|%'
             then regexp_extract(wording_pattern, '^\^([^\\()\[\]{}.*+?|$^]+)(\(|$)', 1) else '' end as wording_literal
    from {{ ref('fund_scopes') }}
),

metrics as (
    select metric, any_value(mart) as mart, any_value(fund_scope) as fund_scope
    from {{ ref('metrics') }}
    group by metric
),

worded as (
    select f.fact_id, s.fund_scope, s.depth, s.metric_prefix, s.wording_pattern,
        row_number() over (partition by f.fact_id order by s.priority, s.fund_scope) as rn
    from facts f
    join scopes s
      on s.wording_pattern is not null
     and f.subject_code is null  -- a subject's name (国有资本经营预算支出, 类 223) is not a fund wording
     and case when starts_with(coalesce(f.qualifier, ''), s.wording_literal)  -- (a case: tried first)
              then regexp_matches(coalesce(f.qualifier, ''), s.wording_pattern) else false end
),

decided as (
    select
        f.*,
        m.mart,
        m.fund_scope as metric_fund_scope,
        w.fund_scope as worded_scope,
        w.wording_pattern,
        w.depth > coalesce(ms.depth, 0) and m.fund_scope is not null as narrows,
        coalesce(w.fund_scope = m.fund_scope or w.depth > coalesce(ms.depth, 0), false)
            and m.fund_scope is not null as strips,
        scoped.metric as scoped_metric
    from facts f
    left join metrics m using (metric)
    left join scopes ms on ms.fund_scope = m.fund_scope
    left join worded w on w.fact_id = f.fact_id and w.rn = 1
    left join metrics scoped
      on scoped.metric = w.metric_prefix || f.metric
     and scoped.mart = m.mart
     and w.depth > coalesce(ms.depth, 0)
)

select
    d.* exclude (metric, subject_key, mart, metric_fund_scope, worded_scope, wording_pattern, narrows, strips, scoped_metric),
    case when d.narrows and d.scoped_metric is not null then d.scoped_metric else d.metric end as metric,
    d.metric as metric_unscoped,
    case when d.narrows then d.worded_scope else d.metric_fund_scope end as fund_scope,
    case
        when d.strips then nullif(trim(regexp_replace(d.qualifier, d.wording_pattern, '')), '')
        else d.qualifier
    end as item_name,
    case
        when d.subject_code is null and d.strips
            then {{ name_key("nullif(trim(regexp_replace(d.qualifier, d.wording_pattern, '')), '')") }}
        else d.subject_key
    end as subject_key
from decided d
