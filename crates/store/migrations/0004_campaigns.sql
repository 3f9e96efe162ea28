-- Plans and campaigns (kế hoạch, phong trào, đợt thi đua) and the units' work on them: themes, targets,
-- deadlines, award forms, quotas; registrations, pacts, progress reports, submissions; attached files.
-- Portable between SQLite and PostgreSQL like 0001: TEXT ids and dates, CHECK instead of enums.

CREATE TABLE campaigns (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    number TEXT,
    issued_on TEXT,
    issuer TEXT NOT NULL,
    place TEXT,
    title TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('regular', 'multi_year', 'thematic', 'peak')),
    period_from TEXT NOT NULL,
    period_to TEXT NOT NULL,
    signer_title TEXT,
    signer_name TEXT,
    purposes TEXT,
    content TEXT,
    participants_note TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'launched', 'closed')),
    launched_at TEXT,
    closed_at TEXT,
    copied_from_id TEXT REFERENCES campaigns(id),
    search_text TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX campaigns_org_period ON campaigns (org_id, period_from);

CREATE TABLE campaign_legal_bases (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    position BIGINT NOT NULL,
    number TEXT,
    issued_on TEXT,
    title TEXT
);
CREATE INDEX campaign_legal_bases_campaign ON campaign_legal_bases (campaign_id);

CREATE TABLE campaign_participants (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (campaign_id, unit_id)
);
CREATE INDEX campaign_participants_unit ON campaign_participants (unit_id);

CREATE TABLE campaign_themes (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    position BIGINT NOT NULL,
    title TEXT NOT NULL,
    lead_unit_id TEXT REFERENCES units(id),
    lead_name TEXT,
    period_from TEXT,
    period_to TEXT,
    description TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX campaign_themes_campaign ON campaign_themes (campaign_id);

CREATE TABLE theme_coordinators (
    theme_id TEXT NOT NULL REFERENCES campaign_themes(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (theme_id, unit_id)
);

CREATE TABLE campaign_targets (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    theme_id TEXT REFERENCES campaign_themes(id),
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    comparator TEXT NOT NULL CHECK (comparator IN ('>=', '>', '=', '<=')),
    threshold DOUBLE PRECISION NOT NULL,
    measure TEXT,
    scope TEXT NOT NULL CHECK (scope IN ('body', 'per_unit')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX campaign_targets_campaign ON campaign_targets (campaign_id);

CREATE TABLE campaign_deadlines (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    kind TEXT NOT NULL CHECK (kind IN ('registration', 'unit_plan', 'mid_year_report', 'year_end_report', 'nomination', 'exemplary_models', 'cluster_dossier', 'scoring', 'other')),
    what TEXT NOT NULL,
    opens_on TEXT,
    due_on TEXT NOT NULL,
    recurrence TEXT NOT NULL CHECK (recurrence IN ('once', 'monthly', 'quarterly', 'half_yearly')),
    repeat_until TEXT,
    addressees TEXT NOT NULL CHECK (addressees IN ('all', 'unit_kind', 'unit', 'cluster_leaders')),
    unit_kind TEXT REFERENCES unit_kinds(code),
    unit_id TEXT REFERENCES units(id),
    recipient TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX campaign_deadlines_campaign ON campaign_deadlines (campaign_id);
CREATE INDEX campaign_deadlines_org_due ON campaign_deadlines (org_id, due_on);

CREATE TABLE campaign_award_forms (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    catalog_code TEXT,
    criteria TEXT
);
CREATE INDEX campaign_award_forms_campaign ON campaign_award_forms (campaign_id);

CREATE TABLE campaign_quotas (
    id TEXT PRIMARY KEY,
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    position BIGINT NOT NULL,
    who TEXT NOT NULL,
    unit_kind TEXT REFERENCES unit_kinds(code),
    unit_id TEXT REFERENCES units(id),
    award_form TEXT,
    collectives_max BIGINT,
    individuals_max BIGINT
);
CREATE INDEX campaign_quotas_campaign ON campaign_quotas (campaign_id);

-- A unit's registration: titles aimed for (catalog codes) and its own targets.
CREATE TABLE registrations (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    titles TEXT NOT NULL,
    note TEXT,
    registered_at TEXT NOT NULL,
    registered_by TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (campaign_id, unit_id)
);

-- Own targets of a registration or of a pact (owner_type says which).
CREATE TABLE commitment_targets (
    id TEXT PRIMARY KEY,
    owner_type TEXT NOT NULL CHECK (owner_type IN ('registration', 'pact')),
    owner_id TEXT NOT NULL,
    position BIGINT NOT NULL,
    target_id TEXT REFERENCES campaign_targets(id),
    text TEXT NOT NULL,
    comparator TEXT NOT NULL CHECK (comparator IN ('>=', '>', '=', '<=')),
    threshold DOUBLE PRECISION NOT NULL,
    measure TEXT
);
CREATE INDEX commitment_targets_owner ON commitment_targets (owner_type, owner_id);

CREATE TABLE pacts (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    cluster_id TEXT NOT NULL REFERENCES clusters(id),
    signed_on TEXT NOT NULL,
    content TEXT,
    signed_by TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (campaign_id, cluster_id)
);

-- The members at signing, kept even if the cluster changes later.
CREATE TABLE pact_members (
    pact_id TEXT NOT NULL REFERENCES pacts(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (pact_id, unit_id)
);

-- Progress reports: append-only, the latest by date (then time) is the current value.
CREATE TABLE progress_reports (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    target_id TEXT NOT NULL REFERENCES campaign_targets(id),
    unit_id TEXT REFERENCES units(id),
    value DOUBLE PRECISION NOT NULL,
    reported_on TEXT NOT NULL,
    comment TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX progress_reports_target ON progress_reports (target_id, unit_id, reported_on);

-- What a unit sent for one occurrence of a deadline (who-sent-what).
CREATE TABLE submissions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    deadline_id TEXT NOT NULL REFERENCES campaign_deadlines(id),
    due_on TEXT NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    sent_on TEXT NOT NULL,
    document_number TEXT,
    note TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX submissions_deadline ON submissions (deadline_id, unit_id, due_on);
CREATE INDEX submissions_campaign ON submissions (campaign_id);

-- Files attached to a record (evidence of progress, documents sent). The bytes live in the blob store
-- under their SHA-256; the row says whose they are, so permission follows the owner.
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    owner_type TEXT NOT NULL CHECK (owner_type IN ('progress_report', 'submission')),
    owner_id TEXT NOT NULL,
    unit_id TEXT REFERENCES units(id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX attachments_owner ON attachments (owner_type, owner_id);
