"""The .txt/.md segmenter as it was at commit 58600d9 (loaders/formats/text.py, text_tables.py and
text_columns.py, imports made absolute): the oracle the faster segmenter is compared with
(tests/test_text_segmenter_equivalence.py). Frozen: never edit to follow the loaders."""
