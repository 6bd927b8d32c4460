-- Every current document with its unit and a hash of its unit row (int_units_canonicalised): what
-- `juesuan build` records as built (loaders/store/increment.py), so that the next build sees a
-- document whose unit changed (a rename printed in another document of its region).
select
    u.document_id,
    u.unit_id,
    md5(to_json(u)::varchar) as unit_hash
from {{ ref('int_units_canonicalised') }} u
