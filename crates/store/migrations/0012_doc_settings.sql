-- Per organisation: the header lines, place, symbols, signers and recipients of its official
-- documents, and where the variable text goes on pre-printed certificate blanks (JSON of
-- thidua_app::doc_settings::DocSettings). No row: defaults derived from the organisation's body.
CREATE TABLE doc_settings (
    org_id TEXT PRIMARY KEY REFERENCES orgs(id),
    data TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
