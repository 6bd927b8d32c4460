{#- Incremental builds keyed on document_id (loaders/store/increment.py computes the delta).

    An incremental model is `materialized='incremental'`, `incremental_strategy='append'`, with
    the pre-hook delete_build_scope(): a build first deletes the rows of every document in the
    build scope, then appends the rows the model yields for those documents. Its per-document
    inputs are read through ref_scoped(), which restricts them to the scope.

    int_build_scope (the default scope) is closed under the unit: every document of a unit
    that has a changed document is in it, so models that combine the documents of one unit
    (deduplication, budget vs final, year on year, last year's document) see all of them.
    int_build_delta is the documents whose own current version changed, for models whose rows
    depend on nothing but the document itself.

    A full build (first build, `juesuan build --full-refresh`, changed models / seeds / macros,
    dbt --full-refresh) is_incremental() = false: the inputs are not restricted and the hook
    deletes nothing. -#}

{#- ref(scope) is called at parse time (the dependency) and in an incremental run, not in a unit
    test (whose given inputs hold no scope; unit tests run as full builds). -#}
{% macro ref_scoped(name, scope='int_build_scope') -%}
    {%- set relation = ref(name) -%}
    {%- if not execute -%}{%- do ref(scope) -%}{%- endif -%}
    {%- if this is not none and is_incremental() -%}
        (select * from {{ relation }} where document_id in (select document_id from {{ ref(scope) }}))
    {%- else -%}
        {{ relation }}
    {%- endif -%}
{%- endmacro %}

{% macro delete_build_scope(scope='int_build_scope') -%}
    {%- if not execute -%}{%- do ref(scope) -%}{%- endif -%}
    {%- if this is not none and is_incremental() -%}
        delete from {{ this }} where document_id in (select document_id from {{ ref(scope) }})
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}

{#- on-run-start: the build-state tables exist even when dbt runs without `juesuan build` (a
    fixture warehouse, a hand-run dbt). Empty, they put every document in the scope. Same DDL as
    loaders/store/increment.py ensure_tables(), which creates them before the delta is written. -#}
{% macro ensure_build_state() -%}
    create schema if not exists _juesuan;
    create table if not exists _juesuan.state (key varchar primary key, value varchar);
    create table if not exists _juesuan.build_delta (document_id varchar);
    create table if not exists _juesuan.built_documents
        (document_id varchar primary key, state_hash varchar, unit_id varchar, unit_hash varchar);
{%- endmacro %}
