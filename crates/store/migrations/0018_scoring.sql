-- Scoring scales (thang điểm) of clusters and blocks, the units' self-assessment, the review with its
-- reasons, publication, appeals (kiến nghị) and the votes that break a remaining tie.
CREATE TABLE scoring_scales (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    year BIGINT NOT NULL,
    name TEXT NOT NULL,
    campaign_id TEXT REFERENCES campaigns(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'open', 'review', 'published')),
    -- Last day of the units' self-assessment (a day in Vietnam, ISO).
    self_until TEXT NOT NULL,
    -- Days after publication during which a unit may appeal; the last day once published.
    appeal_days BIGINT NOT NULL,
    appeal_until TEXT,
    negative_total BOOLEAN NOT NULL,
    -- Whether units see each other's scores before publication.
    peers_visible BOOLEAN NOT NULL,
    copied_from TEXT,
    published_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX scoring_scales_org ON scoring_scales (org_id, year);

-- The clusters and blocks a scale scores: their members are the units scored and ranked.
CREATE TABLE scoring_scale_clusters (
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    cluster_id TEXT NOT NULL REFERENCES clusters(id),
    PRIMARY KEY (scale_id, cluster_id)
);

CREATE TABLE scoring_groups (
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    max_points DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (scale_id, position)
);

CREATE TABLE scoring_criteria (
    id TEXT PRIMARY KEY,
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    group_position BIGINT NOT NULL,
    position BIGINT NOT NULL,
    code TEXT NOT NULL,
    text TEXT NOT NULL,
    guidance TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fixed', 'rate', 'yes_no', 'deduction', 'bonus')),
    points DOUBLE PRECISION NOT NULL,
    rate_cap DOUBLE PRECISION,
    target_value DOUBLE PRECISION,
    max_count BIGINT,
    precondition TEXT,
    target_id TEXT REFERENCES campaign_targets(id),
    assessor TEXT NOT NULL CHECK (assessor IN ('office', 'cluster_leader')),
    tie_break BIGINT
);
CREATE INDEX scoring_criteria_scale ON scoring_criteria (scale_id, group_position, position);

-- The current assessment of one criterion for one unit (what counts), beside what the unit itself
-- said; `stage` says who set the current value last.
CREATE TABLE scoring_entries (
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    criterion_id TEXT NOT NULL REFERENCES scoring_criteria(id),
    precondition_met BOOLEAN NOT NULL,
    amount DOUBLE PRECISION NOT NULL,
    target DOUBLE PRECISION,
    -- The unit's own assessment; empty when the criterion was scored only by a reviewer or an appeal.
    self_precondition_met BOOLEAN,
    self_amount DOUBLE PRECISION,
    self_target DOUBLE PRECISION,
    comment TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('self', 'review', 'appeal')),
    updated_by_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (scale_id, unit_id, criterion_id)
);

-- Every change of a score: who, when, before, after, why. A unit sees its own.
CREATE TABLE scoring_changes (
    id TEXT PRIMARY KEY,
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    criterion_id TEXT NOT NULL REFERENCES scoring_criteria(id),
    stage TEXT NOT NULL CHECK (stage IN ('self', 'review', 'appeal')),
    before_points DOUBLE PRECISION,
    after_points DOUBLE PRECISION NOT NULL,
    before_json TEXT,
    after_json TEXT NOT NULL,
    reason TEXT NOT NULL,
    by_user TEXT,
    by_name TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX scoring_changes_unit ON scoring_changes (scale_id, unit_id, at);

CREATE TABLE scoring_evidence (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    criterion_id TEXT NOT NULL REFERENCES scoring_criteria(id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX scoring_evidence_entry ON scoring_evidence (scale_id, unit_id, criterion_id);

CREATE TABLE scoring_appeals (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    criterion_id TEXT NOT NULL REFERENCES scoring_criteria(id),
    text TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
    filed_by_name TEXT NOT NULL,
    filed_at TEXT NOT NULL,
    decision TEXT,
    decided_by_name TEXT,
    decided_at TEXT,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX scoring_appeals_scale ON scoring_appeals (scale_id, status);

-- Votes recorded to break a tie that remains after the tie-break criteria.
CREATE TABLE scoring_tie_votes (
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    votes BIGINT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (scale_id, unit_id)
);
