{{ config(materialized='incremental', incremental_strategy='append',
          pre_hook="{{ delete_build_scope() }}") }}
-- incremental by document (macros/incremental.sql): per-document inputs are read through ref_scoped()
-- Family 7 (ratios, trends, budget vs final).
--   R10 change amount and change percent agree; R44 they point the same way;
--   R11 a prior-year amount derived from a change = last year's own document;
--   R46 a prior-year figure printed in this year's document = last year's own document;
--   R45 the 年初预算 printed in a 决算 = the unit's 预算 document for the year;
--   R13 / R14 三公 item / project within budget; R15 execution rate recomputes;
--   R42 / R43 completion rate = final ÷ budget (pairs in the dq_rate_terms seed); R47 no rate over a 0 budget;
--   R18 a direction word about the budget (direction_words lexicon) in the clause after a completion
--       rate agrees with the rate; two different directions in one clause → insufficient_data.
with s as (
    select * from {{ ref_scoped('dq_statements') }}
),

q as (
    select * from {{ ref_scoped('dq_quantities') }}
),

docs as (
    select * from {{ ref_scoped('dq_documents') }}
),

yoy as (
    select * from {{ ref_scoped('int_facts_prior_year_derived') }}
),

prior_derived as (
    select y.document_id, y.metric, y.qualifier, y.fiscal_year, y.amount_wan as derived, p.amount as stated,
        p.document_id as prior_document_id,
        case when y.derivation_method = 'amount' then 0.005
             else round(abs(y.current_wan) * 0.0005 + 0.005, 4) end as tolerance,
        y.evidence || coalesce(' || ' || p.evidence, '') as evidence
    from yoy y
    left join q p on p.unit_id = y.unit_id and p.document_year = y.fiscal_year and p.fiscal_year = y.fiscal_year
        and p.doc_kind = y.doc_kind and p.metric = y.metric and p.period = 'current'
        and (p.quantity_key = coalesce(y.subject_key, '') or p.quantity_key = '')
        and p.document_id <> y.document_id
),

prior_printed as (
    select s.document_id, s.fact_id, s.metric, s.quantity_key, s.amount as printed, p.amount as stated,
        p.document_id as prior_document_id, s.evidence || coalesce(' || ' || p.evidence, '') as evidence, s.page, s.line_no
    from s
    left join q p on p.unit_id = s.unit_id and p.document_year = s.fiscal_year and p.fiscal_year = s.fiscal_year
        and p.doc_kind = s.doc_kind and p.metric = s.metric and p.quantity_key = s.quantity_key and p.period = 'current'
        and p.document_id <> s.document_id
    where s.period = 'prior_year' and not s.is_change and s.is_money and s.amount is not null
),

budget_docs as (
    select f.document_id, f.fact_id, f.metric, f.quantity_key, f.amount as printed, b.amount as budget_doc,
        f.evidence || ' || ' || b.evidence as evidence, f.page, f.line_no
    from s f
    join q b on b.unit_id = f.unit_id and b.fiscal_year = f.fiscal_year and b.doc_kind = '预算' and b.measure = '预算'
        and b.metric = f.metric and b.quantity_key = f.quantity_key and b.period = 'current'
    where f.doc_kind = '决算' and f.measure = '年初预算' and f.is_money and f.amount is not null
),

change_pairs as (
    select a.document_id, a.subject_key, a.direction as abs_direction, p.direction as pct_direction,
        a.evidence || ' | ' || p.evidence as evidence, a.page, a.line_no
    from s a
    join s p on p.document_id = a.document_id and p.line_no = a.line_no and p.subject_key = a.subject_key
        and p.metric = 'prior_year_change_pct' and p.char_start > a.char_start
    where a.metric = 'prior_year_change_abs' and a.direction is not null and p.direction is not null
),

rate_terms as (
    select * from {{ ref('dq_rate_terms') }}
),

rates as (
    select r.document_id, t.rule_id, r.fact_id, r.quantity_key, r.value as stated_pct,
        f.amount as final, b.amount as budget,
        concat_ws(' | ', r.evidence, f.evidence, b.evidence) as evidence, r.page, r.line_no
    from s r
    join rate_terms t on t.rate_metric = r.metric
    left join q f on f.document_id = r.document_id and f.metric = t.final_metric and f.quantity_key = r.quantity_key
        and f.period = 'current'
    left join q b on b.document_id = r.document_id and b.metric = t.budget_metric and b.quantity_key = r.quantity_key
        and b.period = 'current'
    where r.value is not null and r.period = 'current'
),

direction_words as (
    select * from {{ ref('direction_words') }} where reference = 'budget'
),

labels as (
    select
        string_agg(label, '|' order by length(label) desc) filter (where role = 'budget') as budget_re,
        string_agg(label, '|' order by length(label) desc) filter (where role = 'final') as final_re,
        (select string_agg(word, '|' order by length(word) desc) from direction_words) as word_re
    from {{ ref('budget_final_labels') }}
),

lines as (
    -- the lines that hold a direction word (plain substring search first: the regexes, built from
    -- the lexicon, then run on these few lines only)
    -- (the split keeps only the id beside each line: carrying the text to every line is quadratic)
    select distinct t.document_id, t.line
    from (
        select document_id, unnest(string_split(document_text, chr(10))) as line
        from {{ ref_scoped('dq_documents') }} where document_text is not null
    ) t
    join direction_words w on contains(t.line, w.word)
),

stated_pairs as (
    -- "年初预算为 1560.05 万元，支出决算为1511.89万元。决算数小于预算数的主要原因…": a direction
    -- word and the budget and final amounts printed before it on the same line (labels from the
    -- budget_final_labels lexicon); the last budget and the last final before the word count.
    -- A hit is the text from the previous word (at most 160 characters of it) to the end of the
    -- next word: the pieces the words split the line into, beside the words (a pattern built from
    -- the lexicon is compiled once per row, and a short alternation compiles fast; the hits are those
    -- of regexp_extract_all(line, '.{0,160}?(' || word_re || ')'), whose 160-fold repeat took most
    -- of the model's time)
    select s.document_id, h.hit, h.word,
        nullif(replace(regexp_extract(h.hit, '.*(' || l.budget_re || ')\s*([0-9][0-9,]*\.?[0-9]*)\s*万元', 2), ',', ''), '')::decimal(18, 4) as budget,
        nullif(replace(regexp_extract(h.hit, '.*(' || l.final_re || ')\s*([0-9][0-9,]*\.?[0-9]*)\s*万元', 2), ',', ''), '')::decimal(18, 4) as final
    from lines s
    cross join labels l
    cross join lateral (
        select right(p.piece, 160) || p.word as hit, p.word
        from (select unnest(regexp_split_to_array(s.line, l.word_re)[:-2]) as piece,
                     unnest(regexp_extract_all(s.line, l.word_re)) as word) p
    ) h
),

stated_directions as (
    select s.*, w.direction from stated_pairs s
    join direction_words w on w.word = s.word
    where s.budget is not null and s.final is not null
),

clauses as (
    -- the clause printed right after a completion rate (up to the next ；。 or line end)
    select r.document_id, r.fact_id, r.value as pct, r.evidence, r.page, r.line_no,
        regexp_extract(substr(d.document_text, r.char_start + 1, 80), '^[^；;。\n]*') as clause
    from s r
    join docs d using (document_id)
    where r.metric like '%completion\_pct' escape '\' and r.value is not null and r.char_start is not null
),

directions as (
    select c.document_id, c.fact_id, c.pct, c.page, c.line_no, c.clause,
        count(distinct w.direction) as n_directions, any_value(w.direction) as direction,
        string_agg(w.word, '/') as words
    from clauses c
    join direction_words w on contains(c.clause, w.word)
    group by all
)

select document_id, {{ dq_check("'R10'", "metric || '/' || coalesce(qualifier, '')", 'change_pct', 'implied_pct',
    pct_tolerance('change_pct'), evidence='evidence') }}
from yoy where change_pct is not null and implied_pct is not null
union all
select document_id, {{ dq_check("'R44'", 'subject_key', '0', "case when abs_direction = pct_direction then 0 else 1 end", '0',
    evidence='evidence', page='page', line_no='line_no') }}
from change_pairs
union all
select document_id, {{ dq_check("'R11'", "metric || '/' || coalesce(qualifier, '') || '/' || fiscal_year::varchar", 'stated', 'derived',
    'tolerance', forced_status="case when prior_document_id is null then 'insufficient_data' end",
    reason="case when prior_document_id is null then 'last year''s document of the unit is not loaded' end",
    evidence='evidence') }}
from prior_derived
union all
select document_id, {{ dq_check("'R46'", "metric || '/' || quantity_key", 'stated', 'printed', '0',
    forced_status="case when prior_document_id is null then 'insufficient_data' end",
    reason="case when prior_document_id is null then 'last year''s document of the unit is not loaded' end",
    evidence='evidence', page='page', line_no='line_no') }}
from prior_printed
union all
select document_id, {{ dq_check("'R45'", "metric || '/' || quantity_key", 'budget_doc', 'printed', '0',
    evidence='evidence', page='page', line_no='line_no') }}
from budget_docs
union all
select document_id, {{ dq_check("'R13'", 'item', 'budget_wan', 'actual_wan', '0', comparison='le', evidence='evidence') }}
from {{ ref_scoped('fct_three_public') }} where budget_wan is not null and actual_wan is not null
union all
select document_id, {{ dq_check("'R14'", 'project_key', 'coalesce(adjusted_budget_wan, budget_wan)', 'executed_wan', '0',
    comparison='le', evidence='evidence') }}
from {{ ref_scoped('fct_project_execution') }}
where executed_wan is not null and coalesce(adjusted_budget_wan, budget_wan) is not null
union all
select document_id, {{ dq_check("'R15'", 'project_key', 'execution_rate',
    pct_of('executed_wan', 'coalesce(adjusted_budget_wan, budget_wan)'), pct_tolerance('execution_rate'), evidence='evidence') }}
from {{ ref_scoped('fct_project_execution') }}
where execution_rate is not null and executed_wan is not null and coalesce(adjusted_budget_wan, budget_wan) is not null
union all
select document_id, {{ dq_check('rule_id', "quantity_key || '/' || fact_id", 'stated_pct', pct_of('final', 'budget'),
    pct_tolerance('stated_pct'),
    forced_status="case when budget = 0 then 'not_applicable' end",
    reason="case when budget = 0 then 'the budget is 0: no rate can be recomputed (R47)' end",
    evidence='evidence', page='page', line_no='line_no') }}
from rates where final is not null and budget is not null
union all
select document_id, {{ dq_check("'R47'", "quantity_key || '/' || fact_id", '0',
    "case when budget = 0 and not (stated_pct = 0 and final = 0) then 1 else 0 end", '0',
    evidence='evidence', page='page', line_no='line_no') }}
from rates where budget is not null and final is not null
union all
select document_id, {{ dq_check("'R18'", "fact_id || '/' || words", '100', 'pct', '0',
    forced_status="case
        when n_directions > 1 then 'insufficient_data'
        when direction = 'up' then case when pct > 100 then 'pass' else 'fail' end
        when direction = 'down' then case when pct < 100 then 'pass' else 'fail' end
        when direction = 'not_up' then case when pct <= 100 then 'pass' else 'fail' end
        when direction = 'equal' then case when abs(pct - 100) <= " ~ var('pct_abs_pp') ~ " then 'pass' else 'fail' end
    end",
    reason="case when n_directions > 1 then 'the clause holds two directions: ' || words end",
    evidence="clause", page='page', line_no='line_no') }}
from directions
union all
select document_id, {{ dq_check("'R18'", "word || ' ' || budget::varchar || '→' || final::varchar", 'budget', 'final', '0',
    forced_status="case
        when direction = 'up' then case when final > budget then 'pass' else 'fail' end
        when direction = 'down' then case when final < budget then 'pass' else 'fail' end
        when direction = 'not_up' then case when final <= budget then 'pass' else 'fail' end
        when direction = 'equal' then case when final = budget then 'pass' else 'fail' end
        when direction = 'approx' then case when abs(final - budget) <= greatest(0.005, 0.01 * abs(budget)) then 'pass' else 'fail' end
    end",
    evidence='hit') }}
from stated_directions
