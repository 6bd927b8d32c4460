select
    document_id,
    text as document_text
from {{ source('juesuan', 'document_texts') }}
