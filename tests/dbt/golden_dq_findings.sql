-- The data-quality findings each sample must show (hand-checked):
-- 米易 2023: 住房保障支出 类 14.82 vs its only 项 住房公积金 14.83 (R02 fail);
-- 资阳 2021: template residue 增加/减少 (R19), a 2020 年度 table title in the 2021 body (R20),
-- the ten projects do add up to 项目支出 411.49 (R16 pass), and its glossary uses the 类 name
-- 医疗卫生与计划生育支出 retired in 2019 (R38).
-- Runs only with --vars '{golden_samples: true}' (a warehouse of the samples): a missing sample
-- is then a failure, never a silent pass.
{{ config(tags=['golden'], enabled=var('golden_samples', false)) }}

with f as (
    select u.unit_name, d.fiscal_year, f.rule_id, f.status
    from {{ ref('fct_dq_findings') }} f
    join {{ ref('dim_document') }} d using (document_id)
    join {{ ref('dim_unit') }} u on u.unit_id = d.unit_id
    where d.doc_kind = '决算'
),

expected (unit_name, fiscal_year, rule_id, status) as (
    values
        ('米易县集体土地征收补偿安置中心', 2023, 'R02', 'fail'),
        ('米易县集体土地征收补偿安置中心', 2023, 'R03', 'pass'),
        ('米易县集体土地征收补偿安置中心', 2023, 'R06', 'pass'),
        ('米易县集体土地征收补偿安置中心', 2023, 'R10', 'pass'),
        ('米易县集体土地征收补偿安置中心', 2023, 'R20', 'pass'),
        ('资阳市土地开发整理中心', 2021, 'R16', 'pass'),
        ('资阳市土地开发整理中心', 2021, 'R19', 'fail'),
        ('资阳市土地开发整理中心', 2021, 'R20', 'fail'),
        ('资阳市土地开发整理中心', 2021, 'R05', 'pass'),
        ('资阳市土地开发整理中心', 2021, 'R38', 'fail'),
        ('米易县集体土地征收补偿安置中心', 2023, 'R55', 'fail'),
        ('米易县集体土地征收补偿安置中心', 2023, 'R17', 'pass'),
        ('米易县集体土地征收补偿安置中心', 2023, 'R34', 'not_applicable')
)

select e.*, f.status as actual_status
from expected e
left join f using (unit_name, fiscal_year, rule_id)
where f.status is distinct from e.status
