{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Stated shares (占 X%) next to the share recomputed from the same document's amounts.
-- grain: unit × fiscal_year × measure × period × share_key (one row per stated share, tested).
-- The part is the nearest money fact printed before the share on the same line (基本支出 210.85
-- 万元，占 33.9%); the whole is the part metric's parent in seeds/lexicon/share_parents.csv, read
-- from the same document (table over prose, the item-less statement first). recomputed_pct =
-- part ÷ parent × 100; difference_pp = stated − recomputed (NULL when either is missing).
with shares as (
    select * from {{ ref_scoped('int_facts_deduplicated') }}
    where metric in (select metric from {{ ref('metrics') }} where mart = 'fct_stated_shares')
      and value_printed is not null
),

positions as (
    select * from {{ ref_scoped('int_facts_scoped') }}
    where is_money and not is_change and amount_wan_exact is not null
),

parts as (
    select s.fact_id as share_fact_id, p.fact_id as part_fact_id, p.metric as part_metric,
        p.qualifier as part_name, p.amount_wan_exact as part_wan, p.evidence as part_evidence,
        row_number() over (partition by s.fact_id order by p.char_start desc, p.fact_id) as rn
    from shares s
    join positions p
      on p.document_id = s.document_id and p.line_no = s.line_no and p.char_start <= s.char_start
),

parents as (
    select document_id, metric, fact_id, amount_wan_exact, evidence,
        row_number() over (
            partition by document_id, metric
            order by case when item_name is null then 0 else 1 end,
                     case fact_source when 'table' then 0 else 1 end, fact_id
        ) as rn
    from {{ ref_scoped('int_facts_deduplicated') }}
    where period = 'current' and amount_wan_exact is not null
)

select
    s.unit_id,
    s.fiscal_year,
    s.measure,
    s.period,
    s.subject_key as share_key,
    s.qualifier as share_name,
    s.value_printed as stated_pct,
    pt.part_metric,
    pt.part_name,
    pt.part_wan::decimal(18, 2) as part_wan,
    sp.parent_metric,
    pa.amount_wan_exact::decimal(18, 2) as parent_wan,
    {{ pct_of('pt.part_wan', 'pa.amount_wan_exact') }} as recomputed_pct,
    (s.value_printed - {{ pct_of('pt.part_wan', 'pa.amount_wan_exact') }})::decimal(18, 4) as difference_pp,
    s.document_id,
    s.fact_id,
    list_filter([s.fact_id, pt.part_fact_id, pa.fact_id], lambda x: x is not null) as source_fact_ids,
    s.page,
    s.line_no,
    s.evidence,
    pt.part_evidence,
    pa.evidence as parent_evidence
from shares s
left join parts pt on pt.share_fact_id = s.fact_id and pt.rn = 1
left join {{ ref('share_parents') }} sp on sp.part_metric = pt.part_metric
left join parents pa on pa.document_id = s.document_id and pa.metric = sp.parent_metric and pa.rn = 1
