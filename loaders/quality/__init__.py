"""Quality tooling outside dbt: the mutation harness that proves the DQ rules (mutate, sites,
harness) and the generator of the README's rule table (rules_doc)."""
