-- The higher level's answer to a dossier forwarded upward (issue 14): awarded or not, by which
-- decision. One answer per forwarded nomination; an award feeds the award history.
CREATE TABLE forward_answers (
    nomination_id TEXT PRIMARY KEY REFERENCES nominations(id),
    org_id TEXT NOT NULL REFERENCES orgs(id),
    awarded BOOLEAN NOT NULL,
    decision_no TEXT,
    decided_on TEXT,
    issuer TEXT,
    golden_book_no BIGINT,
    note TEXT,
    recorded_by TEXT,
    recorded_at TEXT NOT NULL
);
