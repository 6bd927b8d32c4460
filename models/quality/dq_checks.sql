{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Every check of every rule family: one row per (document, rule, check_key), in the finding
-- contract of the dq_check() macro. The only reader of the family models.
{% set families = ['dq_sum_identities', 'dq_inter_table', 'dq_table_narrative', 'dq_narrative_consistency',
                   'dq_ratios_trends', 'dq_structure', 'dq_plausibility', 'dq_text_residue', 'dq_extraction'] %}
{% for family in families %}
select {{ dq_columns() }}, '{{ family }}' as family_model from {{ ref_scoped(family) }}
{% if not loop.last %}union all{% endif %}
{% endfor %}
