-- Numbering registers (sổ đăng ký văn bản): one per organisation, document kind and year. A document's
-- number is "{seq}/{symbol}"; the primary key refuses the same number twice in one register, also
-- when two users take it at the same instant.
CREATE TABLE register_entries (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    kind TEXT NOT NULL,
    year BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    number TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- What the number was given to ('decision', 'meeting', 'campaign'…); NULL for a document made
    -- outside the system.
    subject_type TEXT,
    subject_id TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (org_id, kind, year, seq)
);
CREATE INDEX register_entries_subject ON register_entries (org_id, kind, subject_type, subject_id);
