-- A review, investigation, inspection, complaint or press allegation open about a person or unit: while
-- open it blocks awards (ND 152/2025 Điều 4(4)); resolved_on closes it.
CREATE TABLE ledger_reviews (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('person', 'unit')),
    subject_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    since TEXT NOT NULL,
    resolved_on TEXT,
    note TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX ledger_reviews_subject ON ledger_reviews (org_id, subject_id);
