{#- Name key for matching subject / item names across wordings:
    drops whitespace, level markers （类）（款）（项）, brackets, and the words 支出 / 缴费. -#}
{% macro name_key(expr) -%}
    regexp_replace(
        regexp_replace(
            regexp_replace(coalesce({{ expr }}, ''), '[（(]\s*[类款项]\s*[）)]', '', 'g'),
            '[\s　（）()【】\[\]“”"：:、，,。*]', '', 'g'),
        '支出|缴费', '', 'g')
{%- endmacro %}

{#- Rounding envelope in 万元 for a sum of n printed parts, each rounded to 0.01:
    (n + 1) × 0.005; a single part restates the same number, so it must match exactly. -#}
{% macro money_tolerance(n) -%}
    (case when coalesce({{ n }}, 0) <= 1 then 0 else ({{ n }} + 1) * {{ var('half_cent_wan') }} end)::decimal(18, 4)
{%- endmacro %}

{#- Percentages agree within max(0.5 pp, 1 % relative). -#}
{% macro pct_tolerance(pct) -%}
    greatest({{ var('pct_abs_pp') }}, {{ var('pct_rel') }} * abs({{ pct }}))::decimal(18, 4)
{%- endmacro %}

{#- a / b × 100 as DECIMAL(18,4) (DuckDB divides decimals in double; the result is rounded at once). -#}
{% macro pct_of(a, b) -%}
    case when {{ b }} is not null and {{ b }} <> 0 then round(({{ a }})::double / ({{ b }})::double * 100, 4)::decimal(18, 4) end
{%- endmacro %}

{#- Status of a tolerance check. -#}
{% macro check_status(difference, tolerance) -%}
    case
        when {{ difference }} is null then 'insufficient_data'
        when abs({{ difference }}) <= {{ tolerance }} then 'pass'
        else 'fail'
    end
{%- endmacro %}

{#- Money in 万元: value × the unit's factor_to_wan from the money_units seed (the same table
    loaders.numbers.to_wan holds; a pytest keeps them equal). NULL for % and counters. -#}
{% macro to_wan(value, unit) -%}
    ({{ value }} * (select u.factor_to_wan from {{ ref('money_units') }} u where u.unit = {{ unit }}))
{%- endmacro %}

{#- True when the unit is a money unit of the money_units seed. -#}
{% macro is_money_unit(unit) -%}
    ({{ unit }} in (select u.unit from {{ ref('money_units') }} u))
{%- endmacro %}
