{#- The finding contract of the quality layer: every family model builds its rows with dq_check(),
    so every check has the same columns and the same status logic.
      comparison 'eq': pass when |actual − expected| ≤ tolerance
                 'le': pass when actual ≤ expected + tolerance (one-way, e.g. within budget)
                 'ge': pass when actual ≥ expected − tolerance
      forced_status: set by the family when it knows better (an ambiguous identity is
                 'insufficient_data', a check that does not apply is 'not_applicable'); it must
                 come with a reason.
    Fail closed: a missing expected or actual is insufficient_data, never a pass or a fail. -#}
{#- rule_id is an SQL expression: a quoted literal ('R05') or a column holding the id. -#}
{% macro dq_check(rule_id, check_key, expected, actual, tolerance='0', comparison='eq', forced_status='null',
                  reason='null', evidence='null', page='null', line_no='null') -%}
    ({{ rule_id }})::varchar                                        as rule_id,
    ({{ check_key }})::varchar                                     as check_key,
    ({{ expected }})::decimal(18, 4)                               as expected,
    ({{ actual }})::decimal(18, 4)                                 as actual,
    (({{ actual }}) - ({{ expected }}))::decimal(18, 4)            as difference,
    ({{ tolerance }})::decimal(18, 4)                              as tolerance,
    case
        when ({{ forced_status }}) is not null then ({{ forced_status }})::varchar
        when ({{ expected }}) is null or ({{ actual }}) is null then 'insufficient_data'
        {%- if comparison == 'le' %}
        when ({{ actual }}) <= ({{ expected }}) + ({{ tolerance }}) then 'pass'
        {%- elif comparison == 'ge' %}
        when ({{ actual }}) >= ({{ expected }}) - ({{ tolerance }}) then 'pass'
        {%- else %}
        when abs(({{ actual }}) - ({{ expected }})) <= ({{ tolerance }}) then 'pass'
        {%- endif %}
        else 'fail'
    end                                                            as status,
    coalesce(({{ reason }})::varchar, case
        when ({{ forced_status }}) is null and (({{ expected }}) is null or ({{ actual }}) is null)
            then 'a figure the check needs is missing'
    end)                                                           as reason,
    ({{ evidence }})::varchar                                      as evidence,
    ({{ page }})::integer                                          as page,
    ({{ line_no }})::integer                                       as line_no
{%- endmacro %}

{#- The columns of a finding, in contract order (for the union of the family models). -#}
{% macro dq_columns() -%}
    document_id, rule_id, check_key, expected, actual, difference, tolerance, status, reason, evidence, page, line_no
{%- endmacro %}
