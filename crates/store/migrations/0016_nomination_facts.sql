-- Facts of a nomination only a person can confirm (participation in the movement, exceeded targets…):
-- the appraising officer says whether each holds, with the reason, so the eligibility check is decided
-- and its basis kept. One row per fact; a new confirmation replaces the previous one (audited).
CREATE TABLE nomination_facts (
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    org_id TEXT NOT NULL REFERENCES orgs(id),
    fact_key TEXT NOT NULL,
    holds BOOLEAN NOT NULL,
    note TEXT NOT NULL,
    confirmed_by TEXT,
    confirmed_by_name TEXT NOT NULL,
    confirmed_at TEXT NOT NULL,
    PRIMARY KEY (nomination_id, fact_key)
);
