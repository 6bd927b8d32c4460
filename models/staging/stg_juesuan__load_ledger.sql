select
    run_id,
    seq,
    input_path,
    document_id,
    status          as load_status,
    reason          as load_reason,
    format          as file_format,
    bytes           as file_bytes,
    facts           as fact_count,
    started_at,
    finished_at,
    loader_version
from {{ source('juesuan', 'load_ledger') }}
