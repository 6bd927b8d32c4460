-- Golden figures of the two sample documents, hand-checked against the texts.
-- Each expectation applies only when its sample is loaded; a missing or different figure is a row.
{{ config(tags=['golden']) }}

with units as (
    select unit_id, unit_name from {{ ref('dim_unit') }}
),

miyi as (select unit_id from units where unit_name = '米易县集体土地征收补偿安置中心'),
ziyang as (select unit_id from units where unit_name = '资阳市土地开发整理中心'),

expectations as (
    -- (label, unit, actual, expected)
    select '米易 2023 收支总计' as label, (select unit_id from miyi) as unit_id,
        (select max(amount_wan) from {{ ref('fct_budget_totals') }} b join miyi using (unit_id)
          where fiscal_year = 2023 and metric = 'total_income_expense' and not is_derived) as actual,
        421.54 as expected
    union all
    select '米易 2022 收支总计 derived = 421.54 − 232.56', (select unit_id from miyi),
        (select max(amount_wan) from {{ ref('fct_budget_totals') }} b join miyi using (unit_id)
          where fiscal_year = 2022 and metric = 'total_income_expense'), 188.98
    union all
    select '米易 2023 自然资源海洋气象等支出 类 220', (select unit_id from miyi),
        (select max(amount_wan) from {{ ref('fct_spending_by_class') }} c join miyi using (unit_id)
          where fiscal_year = 2023 and class_code = '220' and measure = '决算'), 366.24
    union all
    select '米易 2023 项目支出', (select unit_id from miyi),
        (select max(amount_wan) from {{ ref('fct_budget_totals') }} b join miyi using (unit_id)
          where fiscal_year = 2023 and metric = 'expense_project'), 171.27
    union all
    select '资阳 2021 收支总计', (select unit_id from ziyang),
        (select max(amount_wan) from {{ ref('fct_budget_totals') }} b join ziyang using (unit_id)
          where fiscal_year = 2021 and metric = 'total_income_expense' and not is_derived), 622.34
    union all
    select '资阳 2020 一般公共预算财政拨款支出 derived = 210.85 + 33', (select unit_id from ziyang),
        (select max(amount_wan) from {{ ref('fct_budget_totals') }} b join ziyang using (unit_id)
          where fiscal_year = 2020 and metric = 'gpb_expense_total' and is_derived), 243.85
    union all
    select '资阳 2021 ten projects executed (百元 tables) add to 411.49', (select unit_id from ziyang),
        (select round(sum(executed_wan_exact), 2) from {{ ref('fct_project_execution') }} p join ziyang using (unit_id)
          where fiscal_year = 2021), 411.49
    union all
    select '资阳 2021 ten projects', (select unit_id from ziyang),
        (select count(*) from {{ ref('fct_project_execution') }} p join ziyang using (unit_id)
          where fiscal_year = 2021), 10
    union all
    select '米易 2023 the real project 智能信息系统建设 executed 151.53 at 95 %', (select unit_id from miyi),
        (select max(executed_wan) from {{ ref('fct_project_execution') }} p join miyi using (unit_id)
          where fiscal_year = 2023 and project_name = '米易县集体土地征收智能信息系统建设' and execution_rate = 95), 151.53
    union all
    select '米易 2023 no nameless 360.78 / 151.53 pair and no fragment 强化执行过程监督', (select unit_id from miyi),
        (select count(*) from {{ ref('fct_project_execution') }} p join miyi using (unit_id)
          where fiscal_year = 2023 and (budget_wan = 360.78 or project_name = '强化执行过程监督' or project_name is null)), 0
    union all
    select '米易 2023 基本支出 once under 全部资金', (select unit_id from miyi),
        (select count(*) from {{ ref('fct_budget_totals') }} b join miyi using (unit_id)
          where fiscal_year = 2023 and metric = 'expense_basic' and fund_scope = '全部资金'), 1

)

select * from expectations
where unit_id is not null and (actual is null or actual <> expected)
