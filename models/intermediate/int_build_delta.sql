-- The documents whose own current version changed since the published marts were built (new,
-- superseded, un-superseded, withdrawn, reloaded): the scope of models whose rows depend on the
-- document alone. Computed by `juesuan build` (loaders/store/increment.py) before dbt runs.
select distinct document_id from {{ ref('stg_juesuan_build__delta') }}
