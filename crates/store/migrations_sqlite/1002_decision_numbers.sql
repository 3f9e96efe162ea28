-- no-transaction
-- A decision's number is unique per issuer and year, not per organisation for ever: numbering restarts
-- each January (the register of decisions refuses a number taken that year), and an organisation that
-- inherits a former district's decisions (the 2025 reorganisation) holds numbers of another issuer.
-- SQLite cannot drop a table constraint: the table is rebuilt, with foreign keys off for the rebuild
-- (dropping the old table would otherwise count every decision line as a violation, and renaming the new
-- one does not clear that count); decision_lines keeps pointing to it by name.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;

CREATE TABLE decisions_rebuilt (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    number TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    issuer TEXT NOT NULL,
    signer_title TEXT,
    signer_name TEXT NOT NULL,
    title TEXT NOT NULL,
    total_amount BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    place TEXT
);

INSERT INTO decisions_rebuilt (id, org_id, number, signed_on, issuer, signer_title, signer_name, title,
    total_amount, version, created_by, created_at, updated_at, place)
SELECT id, org_id, number, signed_on, issuer, signer_title, signer_name, title,
    total_amount, version, created_by, created_at, updated_at, place FROM decisions;

DROP TABLE decisions;
ALTER TABLE decisions_rebuilt RENAME TO decisions;
CREATE INDEX decisions_org_number ON decisions (org_id, number);
COMMIT;
PRAGMA foreign_keys = ON;
