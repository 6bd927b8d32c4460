"""The one table reader: facts from table blocks of every format (PDF ruled/unruled, DOCX, HTML,
XLSX and text tables), with one column-role classifier (loaders.vocab.tables, from seeds).

    dispatch      which table a block is (table kinds from seeds), continuation over page breaks
    grid          Grid, headers, codes, units, captions, evidence
    columns       column roles and fund scopes
    standard      subject tables (支出 / 收入 / 基本支出 / 项目支出 决算表)
    totals        收入支出决算总表 and 财政拨款收入支出决算总表
    three_public  the 三公 table
    project       project / performance tables
"""

from .dispatch import extract_tables, table_contexts

__all__ = ["extract_tables", "table_contexts"]
