-- The award history (ledger) of people and units: titles and forms received, yearly ratings
-- (xếp loại), disciplines with their periods, initiatives (sáng kiến). Portable SQL like 0001.
-- A row belongs to one subject: a person or a unit (`subject_type`, `subject_id`); merged units keep
-- their own rows and the successor reads them through units.successor_id.

CREATE TABLE ledger_awards (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('person', 'unit')),
    subject_id TEXT NOT NULL,
    -- Catalog code of the title or form (thidua_rules catalog), e.g. CSTDCS, BK_TINH.
    code TEXT NOT NULL,
    -- Year of achievement (for a multi-year title: the last year of the run).
    year BIGINT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'merit' CHECK (kind IN ('merit', 'campaign', 'ad_hoc', 'career', 'foreign')),
    decision_no TEXT,
    decision_date TEXT,
    issuer TEXT,
    golden_book_no BIGINT,
    -- Stable id of the achievement rewarded (one achievement is never rewarded twice) and its text.
    achievement_id TEXT,
    achievement TEXT,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ledger_awards_subject ON ledger_awards (org_id, subject_id);

CREATE TABLE ledger_ratings (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('person', 'unit')),
    subject_id TEXT NOT NULL,
    year BIGINT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('excellent', 'good', 'completed', 'not_completed')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (subject_id, year)
);
CREATE INDEX ledger_ratings_subject ON ledger_ratings (org_id, subject_id);

CREATE TABLE ledger_disciplines (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('person', 'unit')),
    subject_id TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('reprimand', 'warning', 'demotion', 'removal', 'dismissal')),
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    note TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ledger_disciplines_subject ON ledger_disciplines (org_id, subject_id);

CREATE TABLE ledger_initiatives (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    subject_type TEXT NOT NULL CHECK (subject_type IN ('person', 'unit')),
    subject_id TEXT NOT NULL,
    name TEXT NOT NULL,
    year BIGINT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('base', 'province', 'national')),
    research BOOLEAN NOT NULL DEFAULT FALSE,
    applied_in TEXT,
    -- The award this initiative was used as the basis of (usable once).
    used_by_award_id TEXT REFERENCES ledger_awards(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX ledger_initiatives_subject ON ledger_initiatives (org_id, subject_id);
