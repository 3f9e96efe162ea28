-- Statutory statistics (Thông tư 02/2023/TT-BNV, Biểu 0601.N–0605.N): the figures the records cannot
-- give, entered by the standing office per organisation, year, form, row and column; and an index so a
-- year's awards of the counted forms are read without scanning the whole ledger.

CREATE TABLE statistics_entries (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    year BIGINT NOT NULL,
    form TEXT NOT NULL CHECK (form IN ('0601', '0602', '0603', '0604', '0605')),
    row_code TEXT NOT NULL,
    col_code TEXT NOT NULL,
    value BIGINT NOT NULL CHECK (value >= 0),
    updated_by TEXT,
    updated_by_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, year, form, row_code, col_code)
);

CREATE INDEX ledger_awards_org_code_decided ON ledger_awards (org_id, code, decision_date);
