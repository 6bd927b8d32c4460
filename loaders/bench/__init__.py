"""`make bench`: a synthetic corpus of N distinct documents, loaded, built, rebuilt and reported,
with a table of named measurements per N (see run.py; add a column with ``@stage``)."""
