select key as state_key, value as state_value from {{ source('juesuan_build', 'state') }}
