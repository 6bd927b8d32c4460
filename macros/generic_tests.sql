{#- Own generic tests (no dbt packages: the hub is unreachable). -#}

{% test expression_is_true(model, expression, where_clause=none) %}
select * from {{ model }}
where not ({{ expression }})
{% if where_clause %} and ({{ where_clause }}) {% endif %}
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
select * from {{ model }}
where {{ column_name }} is not null and (
    false
    {% if min_value is not none %} or {{ column_name }} {{ '<' if inclusive else '<=' }} {{ min_value }} {% endif %}
    {% if max_value is not none %} or {{ column_name }} {{ '>' if inclusive else '>=' }} {{ max_value }} {% endif %}
)
{% endtest %}

{#- The rows of one model, grouped, sum to a column of another (e.g. Σ class rows = stated total). -#}
{% test sum_equals(model, column_name, group_by, compare_model, compare_column, compare_group_by, tolerance=0) %}
with a as (
    select {{ group_by | join(', ') }}, sum({{ column_name }}) as total_a
    from {{ model }} group by all
), b as (
    select {{ compare_group_by | join(', ') }}, sum({{ compare_column }}) as total_b
    from {{ compare_model }} group by all
)
select * from a
join b using ({{ group_by | join(', ') }})
where abs(total_a - total_b) > {{ tolerance }}
{% endtest %}

{% test unique_combination_of_columns(model, combination_of_columns) %}
select {{ combination_of_columns | join(', ') }}, count(*) as n
from {{ model }}
group by all
having count(*) > 1
{% endtest %}
