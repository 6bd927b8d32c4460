select document_id from {{ source('juesuan_build', 'build_delta') }}
