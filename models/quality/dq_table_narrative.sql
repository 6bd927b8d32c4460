{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Family 5 (table ↔ narrative): what the 情况说明 says against what the tables print.
--   R34 every prose amount = the tables' figure of the same quantity (canonical metric; a headline
--       metric ignores its wording, so 财政拨款收入支出总计 0.3 meets 总计 2,961.68);
--   R35 / R36 the same for the 三公 and headline metrics listed in their dq_rules rows;
--   R37 the same for 类/款/项 amounts (subject-bearing metrics);
--   R04 a stated share recomputes over the right parent (share_parents lexicon);
--   R39 the shares of one parent stated together add to ≤ 100 % (= 100 % when the parts cover it);
--   R16 the listed projects add to 项目支出 (not-a-project names from the lexicon);
--   R38 a 类 name retired before the fiscal year (renames seed).
-- Tables that disagree among themselves give insufficient_data here (R25-R30 report them).
with s as (
    select * from {{ ref_scoped('dq_statements') }} where period = 'current' and not is_change
),

money as (
    select * from s where is_money and amount is not null
),

table_side as (
    select document_id, metric, quantity_key, measure, fiscal_year,
        count(distinct amount) as n_values, min(amount) as amount,
        string_agg(distinct evidence, ' | ' order by evidence) as evidence
    from money where fact_source = 'table'
    group by all
),

rules as (
    select rule_id, string_split(coalesce(metrics, ''), ' ') as metric_list
    from {{ ref('dq_rules') }} where rule_id in ('R35', 'R36')
),

prose_vs_table as (
    select p.document_id, p.fact_id, p.metric, p.quantity_key, p.is_headline, p.amount as prose_amount,
        t.amount as table_amount, t.n_values,
        p.evidence || ' ≠? ' || t.evidence as evidence, p.page, p.line_no
    from money p
    join table_side t using (document_id, metric, quantity_key, measure, fiscal_year)
    where p.fact_source <> 'table'
),

prose_checks as (
    select *, 'R34' as rule_id from prose_vs_table
    union all
    select p.*, r.rule_id from prose_vs_table p join rules r on list_contains(r.metric_list, p.metric)
    union all
    select *, 'R37' from prose_vs_table where not is_headline and quantity_key <> ''
        and metric not in (select unnest(metric_list) from rules)
),

parents as (
    select * from {{ ref('share_parents') }}
),

share_anchor as (
    -- a share belongs to the nearest amount before it on the same line
    select sh.document_id, sh.fact_id, sh.value as stated_pct, sh.evidence, sh.page, sh.line_no,
        a.metric as part_metric, a.amount as part_amount, a.measure, a.fiscal_year,
        row_number() over (partition by sh.fact_id order by a.char_start desc) as rn
    from s sh
    join money a on a.document_id = sh.document_id and a.line_no = sh.line_no and a.char_start <= sh.char_start
        and a.fact_source = sh.fact_source
    where sh.metric = 'share_pct' and sh.value is not null
),

q as (
    select * from {{ ref_scoped('dq_quantities') }} where period = 'current' and is_money
),

shares as (
    select a.*, pm.parent_metric, p.amount as parent_amount, p.evidence as parent_evidence
    from share_anchor a
    join parents pm on pm.part_metric = a.part_metric
    join q p on p.document_id = a.document_id and p.metric = pm.parent_metric and p.quantity_key = ''
        and p.measure = a.measure and p.fiscal_year = a.fiscal_year
    where a.rn = 1
),

share_sums as (
    select document_id, parent_metric, line_no, any_value(page) as page, count(*) as n,
        sum(stated_pct) as pct_sum, sum(part_amount) as part_sum, any_value(parent_amount) as parent_amount,
        string_agg(evidence, ' + ' order by evidence) as evidence
    from shares
    group by all
    having count(*) > 1
),

projects_listed as (
    -- projects listed on the same line as the 项目支出 they break down, else every project
    select p.document_id, sum(p.amount) as total, count(*) as n, string_agg(p.evidence, ' | ' order by p.evidence) as evidence
    from money p
    join money e on e.document_id = p.document_id and e.metric = 'expense_project' and e.line_no = p.line_no
    where p.metric = 'project_executed'
    group by p.document_id
),

projects_all as (
    select document_id, sum(executed_wan_exact) as total, count(*) as n, string_agg(project_name, '、' order by project_name) as evidence
    from {{ ref_scoped('fct_project_execution') }}
    where executed_wan_exact is not null
    group by 1
),

project_sum as (
    select t.document_id, t.amount as expected, coalesce(l.total, a.total) as actual, coalesce(l.n, a.n) as n,
        -- projects gathered from across the document may be an incomplete list: a shortfall is
        -- insufficient data, an excess is a real inconsistency
        (l.total is null and a.total < t.amount - {{ money_tolerance('a.n') }}) as incomplete,
        t.evidence || ' | ' || coalesce(l.evidence, a.evidence) as evidence, t.page, t.line_no
    from q t
    left join projects_listed l using (document_id)
    left join projects_all a using (document_id)
    where t.metric = 'expense_project' and t.quantity_key = '' and t.measure = '决算'
      and coalesce(l.total, a.total) is not null
),

renames as (
    select {{ name_key('old_name') }} as old_key, old_name, new_name, effective_year
    from {{ ref('renames') }} where level = '类'
),

class_names as (
    select document_id, fact_id, fiscal_year, evidence, page, line_no,
        coalesce(nullif(regexp_extract(qualifier, '^([^（(]+)[（(]\s*类\s*[）)]', 1), ''),
                 case when subject_level = '类' then qualifier end) as class_name
    from s
    where qualifier is not null
),

texts as (
    select * from {{ ref_scoped('dq_documents') }} where document_text is not null and fiscal_year is not null
),

retired_names as (
    -- literal_core: the old name without 支出, which every match of the two patterns below holds
    -- (the full old name, or the core then （类）); NULL when the name holds a regex character. The
    -- patterns are built from the seed, so DuckDB compiles them again for every document: a text
    -- without the core is not searched (no match there: n 0, evidence '')
    select *,
        case when not regexp_matches(old_name, '[\\.^$|?*+()\[\]{}]') then regexp_replace(old_name, '支出$', '') end
            as literal_core
    from {{ ref('renames') }}
    where level = '类'
),

retired_in_text as (
    -- a retired 类 name printed anywhere (glossary and headings too): the full old name, or its
    -- core followed by the （类） marker
    select t.document_id, r.old_name, r.new_name, r.effective_year,
        case when r.literal_core is null or contains(t.document_text, r.literal_core)
             then len(regexp_extract_all(t.document_text,
                      r.old_name || '|' || regexp_replace(r.old_name, '支出$', '') || '\s*[（(]\s*类'))
             else 0 end as n,
        case when r.literal_core is null or contains(t.document_text, r.literal_core)
             then regexp_extract(t.document_text, '[^\n]{0,10}(' || r.old_name || '|' || regexp_replace(r.old_name, '支出$', '')
                      || '\s*[（(]\s*类)[^\n]{0,10}', 0)
             else '' end as evidence
    from texts t
    join retired_names r on r.effective_year <= t.fiscal_year
),

outdated as (
    select c.*, r.old_name, r.new_name, r.effective_year,
        row_number() over (partition by c.fact_id order by r.effective_year desc) as rn
    from class_names c
    left join renames r on r.old_key = {{ name_key('c.class_name') }} and r.effective_year <= c.fiscal_year
    where c.class_name is not null
)

select document_id, {{ dq_check('rule_id', "metric || '/' || quantity_key || '/' || fact_id", 'table_amount', 'prose_amount', '0',
    forced_status="case when n_values > 1 then 'insufficient_data' end",
    reason="case when n_values > 1 then 'the tables print more than one figure for it' end",
    evidence='evidence', page='page', line_no='line_no') }}
from prose_checks
union all
select document_id, {{ dq_check("'R04'", 'fact_id', 'stated_pct', pct_of('part_amount', 'parent_amount'), pct_tolerance('stated_pct'),
    forced_status="case when parent_amount = 0 then 'not_applicable' end",
    reason="case when parent_amount = 0 then 'the parent total is 0' end",
    evidence="evidence || ' of ' || parent_metric || ' ' || coalesce(parent_amount::varchar, '?')", page='page', line_no='line_no') }}
from shares
union all
select document_id, {{ dq_check("'R39'", "parent_metric || '/l' || line_no::varchar", '100', 'pct_sum', pct_tolerance(100),
    comparison='le',
    forced_status="case when parent_amount = 0 then 'not_applicable'
        when abs(part_sum - parent_amount) <= " ~ money_tolerance('n') ~ " and abs(pct_sum - 100) > " ~ pct_tolerance(100) ~ " then 'fail' end",
    reason="case when parent_amount = 0 then 'the parent total is 0' end",
    evidence='evidence', page='page', line_no='line_no') }}
from share_sums
union all
select document_id, {{ dq_check("'R16'", "'expense_project'", 'expected', 'actual', money_tolerance('n'),
    forced_status="case when incomplete then 'insufficient_data' end",
    reason="case when incomplete then 'the projects found may be an incomplete list' end",
    evidence='evidence', page='page', line_no='line_no') }}
from project_sum
union all
select document_id, {{ dq_check("'R38'", "class_name", '0', 'case when old_name is null then 0 else 1 end', '0',
    evidence="evidence || coalesce(' (renamed ' || new_name || ' in ' || effective_year::varchar || ')', '')",
    page='page', line_no='line_no') }}
from outdated where rn = 1
union all
select document_id, {{ dq_check("'R38'", "'text/' || old_name", '0', 'n', '0',
    evidence="evidence || ' (renamed ' || new_name || ' in ' || effective_year::varchar || ')'") }}
from retired_in_text
