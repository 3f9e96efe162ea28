-- Decisions, revocations and forwarding packages (step 8 of the process), on top of 0006.

-- Where the decision was signed (printed on certificates, ND 98 Điều 104(2)).
ALTER TABLE decisions ADD COLUMN place TEXT;

-- The decision that revoked a line (Law Điều 93), shown on the public verification page.
ALTER TABLE decision_lines ADD COLUMN revoked_by TEXT;
ALTER TABLE decision_lines ADD COLUMN revoked_by_user TEXT;
CREATE INDEX decision_lines_decision ON decision_lines (decision_id, golden_book_no);

-- A nomination sent to a higher authority: the package (ZIP of a JSON and the dossier files) kept
-- in the blob store under its SHA-256.
CREATE TABLE nomination_forwards (
    nomination_id TEXT PRIMARY KEY REFERENCES nominations(id),
    org_id TEXT NOT NULL REFERENCES orgs(id),
    authority TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    created_by TEXT,
    created_at TEXT NOT NULL
);

-- Folded text the public honour roll searches (name, unit, decision number).
ALTER TABLE decision_lines ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
