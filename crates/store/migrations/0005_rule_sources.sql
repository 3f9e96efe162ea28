-- An organisation's edited copies of the rule data files (catalog.toml, ruleset_*.toml,
-- base_salary.toml). Every save is a new row: version 1, 2, 3… per (org, file), never updated or
-- deleted, so each saved version stays retrievable (re-check a past decision, roll back an edit).
-- The latest row of a file is in force; `text` NULL means "back to the file shipped with the binary".
-- A file with no row at all uses the shipped file. Portable between SQLite and PostgreSQL like 0001.

CREATE TABLE rule_sources (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    file_name TEXT NOT NULL,
    version BIGINT NOT NULL,
    text TEXT,
    note TEXT,
    created_by TEXT,
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, file_name, version)
);
CREATE INDEX rule_sources_org ON rule_sources (org_id, file_name, version);
