-- 基本支出 by 经济分类 item (人员经费 / 公用经费).
with items as (
    select * from {{ ref('int_facts_deduplicated') }} where metric = 'econ_item'
),

econ as (
    select * from {{ ref('int_subjects_unioned') }} where subject_system = 'economic' and level = '款'
),

matched as (
    -- exact name key first; else one name a prefix of the other (其他交通费 / 其他交通费用)
    select i.*, e.code as econ_code,
        row_number() over (
            partition by i.fact_id
            order by case when e.name_key = {{ name_key('i.qualifier') }} then 0 else 1 end,
                     case e.origin when 'official' then 0 else 1 end, e.code
        ) as rn
    from items i
    left join econ e
      on e.name_key = {{ name_key('i.qualifier') }}
      or (length({{ name_key('i.qualifier') }}) >= 4
          and (starts_with(e.name_key, {{ name_key('i.qualifier') }}) or starts_with({{ name_key('i.qualifier') }}, e.name_key))
          and length(e.name_key) >= 4)
)

select
    m.unit_id,
    m.fiscal_year,
    m.doc_kind as measure,
    coalesce(m.econ_code, '-1') as econ_subject_code,
    m.qualifier as item_name_printed,
    coalesce(d.basic_expense_group, '其他') as basic_expense_group,
    m.amount_wan,
    m.document_id,
    m.fact_id,
    m.evidence
from matched m
left join {{ ref('dim_economic_subject') }} d on d.subject_code = m.econ_code
where m.rn = 1
