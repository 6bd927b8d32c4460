select
    e.code as subject_code,
    e.name as subject_name,
    e.level as subject_level,
    left(e.code, 3) as class_code,
    c.name as class_name,
    -- 基本支出 = 人员经费 (301 工资福利, 303 对个人和家庭的补助)
    --          + 公用经费 (302 商品和服务, 310 资本性支出: 办公设备购置 etc.), as 名词解释 define them
    case left(e.code, 3) when '301' then '人员经费' when '303' then '人员经费'
        when '302' then '公用经费' when '310' then '公用经费' else '其他' end
        as basic_expense_group,
    e.verified
from {{ ref('economic_subjects') }} e
left join {{ ref('economic_subjects') }} c on c.code = left(e.code, 3)
union all
select '-1', '未识别科目', null, '-1', null, '其他', false
