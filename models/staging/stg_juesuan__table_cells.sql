select
    document_id,
    table_no,
    block_no,
    row_no,
    col_no,
    text        as cell_text,
    page,
    sheet,
    cell_ref,
    bbox        as bbox_json,
    char_start,
    char_end
from {{ source('juesuan', 'table_cells') }}
