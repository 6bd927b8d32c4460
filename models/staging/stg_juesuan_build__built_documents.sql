select document_id, state_hash, unit_id, unit_hash from {{ source('juesuan_build', 'built_documents') }}
