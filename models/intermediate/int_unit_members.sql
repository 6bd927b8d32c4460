-- 部门 vs 单位: the loaded units a 部门 document consolidates (caliber 汇总). Its text lists its
-- member units ("1. 上海市普陀区人民政府万里街道办事处（本部）。2. 上海市普陀区万里街道社区事务受理
-- 服务中心。"); a member that is also loaded on its own (its own 单位 document of the same year and
-- kind) is linked to the 部门, so cross-unit sums can count its money once (fct_cross_unit_totals).
with docs as (
    select * from {{ ref('stg_juesuan__documents') }}
),

texts as (
    select * from {{ ref('stg_juesuan__document_texts') }}
),

units as (
    select * from {{ ref('int_units_canonicalised') }}
),

listed as (
    select
        d.document_id as parent_document_id,
        u.unit_id as parent_unit_id,
        d.fiscal_year,
        d.doc_kind,
        unnest(regexp_extract_all(
            t.document_text,
            '\d+\s*[.、．]\s*(\p{Han}{4,40}?(?:服务中心|中心|局|办公室|办事处|执法队|中队|队|所|站|院|馆|学校|委员会))\s*(?:[（(]本[部级][)）])?\s*[。；;]',
            1)) as member_name
    from docs d
    join texts t using (document_id)
    join units u using (document_id)
    where d.doc_caliber = '汇总'
)

select distinct
    l.parent_unit_id,
    l.parent_document_id,
    m.unit_id as member_unit_id,
    m.document_id as member_document_id,
    l.member_name,
    l.fiscal_year,
    l.doc_kind
from listed l
join units m
  on regexp_replace(m.unit_name, '\s', '', 'g') = l.member_name
 and m.fiscal_year = l.fiscal_year
 and m.doc_kind = l.doc_kind
 and m.unit_id <> l.parent_unit_id
