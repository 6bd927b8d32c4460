select
    document_id,
    block_no,
    kind        as block_kind,
    text        as block_text,
    page,
    line_start,
    char_start,
    char_end,
    table_no,
    location    as location_json
from {{ source('juesuan', 'blocks') }}
