-- The documents an incremental build recomputes (macros/incremental.sql): every document, old or
-- current, of a unit that has a changed document, so that models combining the documents of one
-- unit (deduplication, budget vs final, year on year, last year's document) see all of them.
-- Changed: the build delta (a document's current version changed), plus documents whose unit
-- row changed (a rename printed in another document of the region moves them to another unit).
-- Both the unit before (as built) and after count. When the subject fingerprint differs from the
-- last build's, every document is in scope.
with delta as (
    select document_id from {{ ref('int_build_delta') }}
),

built as (
    select * from {{ ref('stg_juesuan_build__built_documents') }}
),

now as (
    select * from {{ ref('int_build_documents') }}
),

changed as (
    select document_id from delta
    union
    select n.document_id from now n left join built b using (document_id)
    where b.unit_hash is distinct from n.unit_hash
),

affected_units as (
    select n.unit_id from now n semi join changed c using (document_id)
    union
    select b.unit_id from built b semi join changed c using (document_id)
),

subjects_changed as (
    select count(*) > 0 as changed
    from {{ ref('int_build_fingerprint') }} f
    where f.subjects_fingerprint is distinct from (
        select max(state_value) from {{ ref('stg_juesuan_build__state') }} where state_key = 'built_subjects')
)

select document_id from now where unit_id in (select unit_id from affected_units)
union
select document_id from built where unit_id in (select unit_id from affected_units)
union
select document_id from changed
union
select document_id from now where (select changed from subjects_changed)
