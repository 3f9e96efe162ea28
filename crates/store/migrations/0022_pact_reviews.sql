-- The mid-year review of a cluster's pact (sơ kết giao ước thi đua): on a date, each member is weighed
-- against the pact's clauses on the campaign's targets. The measured values are kept as they stood on
-- that date, so the record does not move when later progress is reported or the pact is amended.
CREATE TABLE pact_reviews (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    pact_id TEXT NOT NULL REFERENCES pacts(id),
    reviewed_on TEXT NOT NULL,
    summary TEXT,
    recorded_by_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (pact_id, reviewed_on)
);

-- Each member's assessment by the reviewers.
CREATE TABLE pact_review_members (
    review_id TEXT NOT NULL REFERENCES pact_reviews(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    assessment TEXT NOT NULL CHECK (assessment IN ('met', 'partly', 'not_met')),
    comment TEXT,
    PRIMARY KEY (review_id, unit_id)
);

-- Each member's value on each measured clause on the review date (NULL: nothing reported yet).
CREATE TABLE pact_review_values (
    review_id TEXT NOT NULL REFERENCES pact_reviews(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    comparator TEXT NOT NULL CHECK (comparator IN ('>=', '>', '=', '<=')),
    threshold DOUBLE PRECISION NOT NULL,
    measure TEXT,
    value DOUBLE PRECISION,
    PRIMARY KEY (review_id, unit_id, position)
);
