"""DDL of the raw schema: the loaders' output and the dbt sources' input."""

RAW_DDL = """
CREATE SCHEMA IF NOT EXISTS raw;

CREATE TABLE IF NOT EXISTS raw.documents (
    document_id     VARCHAR PRIMARY KEY,   -- sha256 of the file bytes
    path            VARCHAR NOT NULL,      -- path as given when first loaded
    file_name       VARCHAR NOT NULL,
    format          VARCHAR NOT NULL,      -- pdf, docx, doc, html, xlsx, xls, txt, md
    bytes           BIGINT NOT NULL,
    pages           INTEGER,
    encoding        VARCHAR,
    title           VARCHAR,
    unit_name       VARCHAR,
    fiscal_year     INTEGER,
    doc_kind        VARCHAR,               -- 决算 / 预算
    scope           VARCHAR,               -- 部门 / 单位
    province        VARCHAR,
    city            VARCHAR,
    county          VARCHAR,
    text_chars      INTEGER,
    part            VARCHAR,               -- whole / narrative / tables: one disclosure in two files (NULL read as whole)
    published_on    DATE,                  -- date printed on the document, when known
    loaded_at       TIMESTAMP NOT NULL,
    loader_version  VARCHAR NOT NULL,
    extractor_version VARCHAR,             -- loaders.extract.EXTRACTOR_VERSION of its facts (NULL in
                                           -- warehouses made before it existed = stale for `reload --stale`)
    caliber         VARCHAR,               -- 汇总 (部门 with its 单位) / 本级 (one unit's own level)
    extraction      VARCHAR,               -- text / mixed / ocr (loaders/formats/pdf_ocr)
    ocr_pages       INTEGER,               -- pages read by OCR
    ocr_seconds     DOUBLE                 -- OCR wall time
);

CREATE TABLE IF NOT EXISTS raw.document_texts (
    document_id     VARCHAR PRIMARY KEY,
    text            VARCHAR NOT NULL       -- ParsedDocument.text: all offsets refer to it
);

CREATE TABLE IF NOT EXISTS raw.blocks (
    document_id     VARCHAR NOT NULL,
    block_no        INTEGER NOT NULL,
    kind            VARCHAR NOT NULL,      -- heading / paragraph / table
    text            VARCHAR NOT NULL,
    page            INTEGER,
    line_start      INTEGER,
    char_start      INTEGER,
    char_end        INTEGER,
    table_no        INTEGER,
    location        VARCHAR,               -- JSON of Location
    PRIMARY KEY (document_id, block_no)
);

CREATE TABLE IF NOT EXISTS raw.table_cells (
    document_id     VARCHAR NOT NULL,
    table_no        INTEGER NOT NULL,
    block_no        INTEGER NOT NULL,
    row_no          INTEGER NOT NULL,
    col_no          INTEGER NOT NULL,
    text            VARCHAR NOT NULL,
    page            INTEGER,
    sheet           VARCHAR,
    cell_ref        VARCHAR,
    bbox            VARCHAR,               -- JSON [x0, top, x1, bottom]
    char_start      INTEGER,
    char_end        INTEGER,
    PRIMARY KEY (document_id, table_no, row_no, col_no)
);

CREATE TABLE IF NOT EXISTS raw.facts (
    document_id     VARCHAR NOT NULL,
    fact_no         INTEGER NOT NULL,
    metric          VARCHAR NOT NULL,
    value_text      VARCHAR,               -- as printed, e.g. 1,145.52
    value           DECIMAL(20, 4),        -- NULL for printed missing markers
    unit            VARCHAR NOT NULL,      -- as printed: 万元 / 元 / 百元 / % / 人 ...
    amount_wan      DECIMAL(24, 6),        -- money normalised to 万元
    qualifier       VARCHAR,
    subject_code    VARCHAR,
    direction       VARCHAR,
    period          VARCHAR,
    fiscal_year     INTEGER,
    source          VARCHAR NOT NULL,      -- prose / table
    evidence        VARCHAR NOT NULL,
    page            INTEGER,
    line_no         INTEGER,
    char_start      INTEGER,
    char_end        INTEGER,
    location        VARCHAR,               -- JSON of Location
    extractor_version VARCHAR NOT NULL,
    subject_code_origin VARCHAR,           -- printed / name / path / document (loaders.extract.subjects)
    approximate     BOOLEAN,               -- 约/近/余/多 ...: not exact; raw.current_facts leaves it out
    ocr_confidence  DOUBLE,                -- OCR'd facts only (0..1)
    ocr_unverified  BOOLEAN,               -- OCR'd, and no identity or agreement confirms the number
    PRIMARY KEY (document_id, fact_no)
);

CREATE TABLE IF NOT EXISTS raw.load_ledger (
    run_id          VARCHAR NOT NULL,
    seq             INTEGER NOT NULL,      -- order within the run
    input_path      VARCHAR NOT NULL,
    document_id     VARCHAR,               -- NULL when the bytes could not be read
    status          VARCHAR NOT NULL,      -- loaded / duplicate / quarantined
    reason          VARCHAR,
    format          VARCHAR,
    bytes           BIGINT,
    facts           INTEGER,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP NOT NULL,
    loader_version  VARCHAR NOT NULL,
    PRIMARY KEY (run_id, seq)
);

"""
