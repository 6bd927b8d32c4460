-- Every individual reconciliation check: one row per (document, rule, check_key).
-- Amounts: Decimal, envelope (n + 1) × 0.005 万元 for a sum of n printed parts (0 for one part);
-- percentages: max(0.5 pp, 1 % relative).
with f as (
    select * from {{ ref('int_facts_deduplicated') }} where period = 'current'
),

j as (
    select * from {{ ref('int_facts_joined') }}
),

one as (
    -- single-valued metrics per document
    select document_id, metric, coalesce(qualifier, '') as qualifier, amount_wan_exact as amt, evidence
    from f where is_money
),

pick as (
    select document_id, metric, max(amt) as amt, any_value(evidence) as evidence
    from one
    where metric not in ('total_income_expense') or qualifier in ('收入总计', '')
    group by document_id, metric
),

sum_checks as (
    -- R01 / R02: class vs Σ sections / Σ items
    select document_id, 'R01' as rule_id, fund_scope || '/' || measure || '/' || class_code as check_key,
        class_amount_wan as expected, sum_of_sections_wan as actual, section_count as n_parts, evidence
    from {{ ref('fct_spending_by_class') }}
    where class_amount_wan is not null and section_count > 0
    union all
    select document_id, 'R02', fund_scope || '/' || measure || '/' || class_code,
        class_amount_wan, sum_of_items_wan, item_count, evidence
    from {{ ref('fct_spending_by_class') }}
    where class_amount_wan is not null and item_count > 0
    union all
    -- R03: gpb total vs Σ 类
    select t.document_id, 'R03', 'gpb_expense_total', t.amt, sum(c.amount_wan_exact), count(*),
        t.evidence || ' | ' || string_agg(c.evidence, ' | ')
    from pick t
    join f c on c.document_id = t.document_id and c.metric = 'gpb_expense_by_function'
    where t.metric = 'gpb_expense_total'
    group by t.document_id, t.amt, t.evidence
    union all
    -- R05: 基本 + 项目 = 支出合计
    select t.document_id, 'R05', 'total_expense', t.amt, b.amt + p.amt, 2, concat_ws(' | ', t.evidence, b.evidence, p.evidence)
    from pick t join pick b on b.document_id = t.document_id and b.metric = 'expense_basic'
    join pick p on p.document_id = t.document_id and p.metric = 'expense_project'
    where t.metric = 'total_expense'
    union all
    -- R06: 人员 + 公用 = 基本
    select t.document_id, 'R06', 'expense_basic', t.amt, b.amt + p.amt, 2, concat_ws(' | ', t.evidence, b.evidence, p.evidence)
    from pick t join pick b on b.document_id = t.document_id and b.metric = 'basic_personnel'
    join pick p on p.document_id = t.document_id and p.metric = 'basic_public'
    where t.metric = 'expense_basic'
    union all
    -- R07: 经济分类 款 items of 基本支出 (决算) add to 人员经费 / 公用经费
    select t.document_id, 'R07', e.basic_expense_group, t.amt, sum(e.amount_wan), count(*),
        t.evidence || ' | ' || count(*)::varchar || ' 经济分类 items'
    from pick t
    join {{ ref('fct_spending_by_economic') }} e
      on e.document_id = t.document_id
     and e.basic_expense_group = case t.metric when 'basic_personnel' then '人员经费' else '公用经费' end
     and e.measure = '决算' and e.expense_nature = '基本支出' and e.econ_subject_level = '款'
    where t.metric in ('basic_personnel', 'basic_public')
    group by t.document_id, e.basic_expense_group, t.amt, t.evidence
    union all
    -- R08: 收入合计 = Σ sources
    select t.document_id, 'R08', 'total_income', t.amt, sum(s.amount_wan_exact), count(*),
        t.evidence || ' | ' || string_agg(s.evidence, ' | ')
    from pick t join f s on s.document_id = t.document_id and s.metric = 'income_by_source'
        -- 财政拨款收入 is the parent of the 一般公共预算/政府性基金/国有资本经营 lines: count it
        -- only when the document does not also state those lines
        and not (s.qualifier = '财政拨款收入' and exists (
            select 1 from f c
            where c.document_id = s.document_id and c.metric = 'income_by_source'
              and c.qualifier like '%财政拨款收入' and c.qualifier <> '财政拨款收入'))
    where t.metric = 'total_income'
    group by t.document_id, t.amt, t.evidence
    union all
    -- R12: 三公 total = Σ components
    select t.document_id, 'R12', 'three_public_total', t.amt, sum(i.amount_wan_exact), count(*),
        t.evidence || ' | ' || string_agg(i.evidence, ' | ')
    from pick t join f i on i.document_id = t.document_id and i.metric = 'three_public_item'
        and i.qualifier in (select item from {{ ref('three_public_items') }} where level = 1)
    where t.metric = 'three_public_total'
    group by t.document_id, t.amt, t.evidence
),

listing as (
    -- projects listed on the same line as the 项目支出 they break down, else every project
    select p.document_id, sum(p.amount_wan_exact) as total, count(*) as n, string_agg(p.evidence, ' | ') as evidence
    from j p
    join j e on e.document_id = p.document_id and e.metric = 'expense_project' and e.line_no = p.line_no
    where p.metric = 'project_executed'
    group by p.document_id
),

project_sum as (
    select t.document_id, 'R16' as rule_id, 'expense_project' as check_key, t.amt as expected,
        coalesce(l.total, a.total) as actual, coalesce(l.n, a.n) as n_parts,
        -- projects gathered from across the document may be an incomplete list: a shortfall
        -- is insufficient data, an excess is a real inconsistency
        (l.total is null and a.total < t.amt - {{ money_tolerance('a.n') }}) as incomplete,
        t.evidence || ' | ' || coalesce(l.evidence, a.evidence) as evidence
    from pick t
    left join listing l using (document_id)
    left join (
        select document_id, sum(executed_wan_exact) as total, count(*) as n, string_agg(project_name, '、') as evidence
        from {{ ref('fct_project_execution') }}
        where executed_wan_exact is not null
          and project_key not in ('', '部门整体', '合计', '基本支出', '项目支出', '政策和项目支出')
        group by 1
    ) a using (document_id)
    where t.metric = 'expense_project' and coalesce(l.total, a.total) is not null
),

grand_total as (
    select t.document_id, 'R09' as rule_id, 'total_income_expense' as check_key, t.amt as expected,
        i.amt + coalesce(c.amt, 0) + coalesce(n.amt, 0) as actual,
        case when c.amt is null and t.amt <> i.amt then true else false end as missing_parts,
        concat_ws(' | ', t.evidence, i.evidence, c.evidence, n.evidence) as evidence
    from one t
    join pick i on i.document_id = t.document_id and i.metric = 'total_income'
    left join pick c on c.document_id = t.document_id and c.metric = 'carryover_begin'
    left join pick n on n.document_id = t.document_id and n.metric = 'nonfiscal_balance_used'
    where t.metric = 'total_income_expense' and t.qualifier in ('收入总计', '')
),

money_checks as (
    select document_id, rule_id, check_key, expected, actual, (actual - expected)::decimal(18, 4) as difference,
        {{ money_tolerance('n_parts') }} as tolerance, null::varchar as forced_status, evidence
    from sum_checks
    union all
    select document_id, rule_id, check_key, expected, actual, (actual - expected)::decimal(18, 4),
        {{ money_tolerance('n_parts') }}, case when incomplete then 'insufficient_data' end, evidence
    from project_sum
    union all
    select document_id, rule_id, check_key, expected, actual, (actual - expected)::decimal(18, 4),
        {{ money_tolerance(3) }}, case when missing_parts then 'insufficient_data' end, evidence
    from grand_total
),

share_anchor as (
    -- R04: a share is attached to the nearest money fact before it on the same line; its parent total
    select s.document_id, s.fact_id, s.value_printed as stated_pct, s.evidence, a.metric as part_metric,
        a.amount_wan_exact as part_amt,
        row_number() over (partition by s.fact_id order by a.char_start desc) as rn
    from j s
    join j a on a.document_id = s.document_id and a.line_no = s.line_no and a.char_start <= s.char_start
        and a.is_money and not a.is_change and a.metric not in ('share_pct')
    where s.metric = 'share_pct'
),

share_checks as (
    select sa.document_id, 'R04' as rule_id, sa.fact_id as check_key,
        sa.stated_pct as expected,
        {{ pct_of('sa.part_amt', 'p.amt') }} as actual,
        sa.evidence
    from share_anchor sa
    join pick p on p.document_id = sa.document_id and p.metric = case sa.part_metric
            when 'income_by_source' then 'total_income'
            when 'expense_basic' then 'total_expense'
            when 'expense_project' then 'total_expense'
            when 'gpb_expense_total' then 'total_expense'
            when 'gpb_expense_by_function' then 'gpb_expense_total'
            when 'expense_by_function' then 'total_expense'
        end
    where sa.rn = 1
),

yoy as (
    select * from {{ ref('int_facts_prior_year_derived') }}
),

pct_checks as (
    select document_id, rule_id, check_key, expected, actual, (actual - expected)::decimal(18, 4) as difference,
        {{ pct_tolerance('expected') }} as tolerance, null::varchar as forced_status, evidence
    from share_checks
    union all
    -- R10: change amount and change percent agree
    select document_id, 'R10', metric || '/' || coalesce(qualifier, ''), change_pct, implied_pct,
        (implied_pct - change_pct)::decimal(18, 4), {{ pct_tolerance('change_pct') }}, null, evidence
    from yoy where change_pct is not null and implied_pct is not null
    union all
    -- R15: execution rate recomputes
    select document_id, 'R15', project_key, execution_rate,
        {{ pct_of('executed_wan', 'coalesce(adjusted_budget_wan, budget_wan)') }},
        ({{ pct_of('executed_wan', 'coalesce(adjusted_budget_wan, budget_wan)') }} - execution_rate)::decimal(18, 4),
        {{ pct_tolerance('execution_rate') }}, null, evidence
    from {{ ref('fct_project_execution') }}
    where execution_rate is not null and executed_wan is not null and coalesce(adjusted_budget_wan, budget_wan) is not null
),

prior_doc as (
    -- R11: derived prior year vs the prior year's own document
    select y.document_id, 'R11' as rule_id, y.metric || '/' || coalesce(y.qualifier, '') || '/' || y.fiscal_year::varchar as check_key,
        s.amount_wan_exact as expected, y.amount_wan as actual,
        (y.amount_wan - s.amount_wan_exact)::decimal(18, 4) as difference,
        case when y.derivation_method = 'amount' then 0.005
             else round(abs(y.current_wan) * 0.0005 + 0.005, 4) end::decimal(18, 4) as tolerance,
        case when s.fact_id is null then 'insufficient_data' end as forced_status,
        y.evidence || coalesce(' || ' || s.evidence, '') as evidence
    from yoy y
    left join f s on s.unit_id = y.unit_id and s.fiscal_year = y.fiscal_year and s.doc_kind = y.doc_kind
        and s.metric = y.metric and s.subject_key = y.subject_key
),

bound_checks as (
    -- R13 / R14: actual within budget (difference > 0 means over budget)
    select document_id, 'R13' as rule_id, item as check_key, budget_wan as expected, actual_wan as actual,
        greatest(actual_wan - budget_wan, 0)::decimal(18, 4) as difference, 0::decimal(18, 4) as tolerance,
        null::varchar as forced_status, evidence
    from {{ ref('fct_three_public') }} where budget_wan is not null and actual_wan is not null
    union all
    select document_id, 'R14', project_key, coalesce(adjusted_budget_wan, budget_wan), executed_wan,
        greatest(executed_wan - coalesce(adjusted_budget_wan, budget_wan), 0)::decimal(18, 4), 0, null, evidence
    from {{ ref('fct_project_execution') }}
    where executed_wan is not null and coalesce(adjusted_budget_wan, budget_wan) is not null
),

restated as (
    -- R17: the same fact stated more than once
    select document_id, 'R17' as rule_id, metric || '/' || subject_key as check_key, min_value as expected,
        max_value as actual, value_spread::decimal(18, 4) as difference,
        (case when is_money then 0.005 else 0 end)::decimal(18, 4) as tolerance, null::varchar as forced_status,
        evidence_all as evidence
    from f
    where statement_count > 1 and metric not like 'project\_%' escape '\'
),

direction as (
    -- R18: 决算数大于/小于/等于预算数 vs the completion percentage
    select document_id, 'R18' as rule_id, fact_id as check_key,
        case when evidence like '%决算数大于预算数%' then 101
             when evidence like '%决算数小于预算数%' then 99
             else 100 end::decimal(18, 4) as expected,
        value_printed as actual,
        case
            when evidence like '%决算数大于预算数%' and value_printed <= 100 then (value_printed - 100)
            when evidence like '%决算数小于预算数%' and value_printed >= 100 then (value_printed - 100)
            when evidence like '%决算数等于预算数%' and abs(value_printed - 100) > 0.5 then (value_printed - 100)
            else 0
        end::decimal(18, 4) as difference,
        0::decimal(18, 4) as tolerance, null::varchar as forced_status, evidence
    from j
    where metric like '%completion\_pct' escape '\'
      and regexp_matches(evidence, '决算数(大于|小于|等于)预算数') and value_printed is not null
),

texts as (
    select d.document_id, d.fiscal_year, t.document_text
    from {{ ref('stg_juesuan__documents') }} d
    join {{ ref('stg_juesuan__document_texts') }} t using (document_id)
),

text_checks as (
    select document_id, 'R19' as rule_id, 'placeholder' as check_key, 0::decimal(18, 4) as expected,
        len(hits)::decimal(18, 4) as actual, len(hits)::decimal(18, 4) as difference, 0::decimal(18, 4) as tolerance,
        null::varchar as forced_status, array_to_string(hits[1:5], ' | ') as evidence
    from (
        select document_id,
            regexp_extract_all(document_text, '[^\n]{0,12}(?:XX|ＸＸ|××|xx年|增加/减少|增长/下降|减少/增加)[^\n]{0,8}') as hits
        from texts
    )
    union all
    select document_id, 'R20', 'foreign_year', 0, len(hits), len(hits), 0, null, array_to_string(hits[1:5], ' | ')
    from (
        select document_id,
            list_filter(
                regexp_extract_all(document_text, '[^\n]{0,6}\d{4}\s*年度[^\n]{0,16}'),
                lambda h: regexp_extract(h, '(\d{4})\s*年度', 1)::integer <> fiscal_year
            ) as hits
        from texts
        where fiscal_year is not null
    )
),

all_checks as (
    select * from money_checks
    union all select * from pct_checks
    union all select * from prior_doc
    union all select * from bound_checks
    union all select * from restated
    union all select * from direction
    union all select * from text_checks
)

select
    document_id,
    rule_id,
    check_key,
    expected,
    actual,
    difference,
    tolerance,
    coalesce(forced_status, {{ check_status('difference', 'tolerance') }}) as status,
    evidence
from all_checks
