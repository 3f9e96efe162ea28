-- Exemplary people and models (gương điển hình tiên tiến, người tốt việc tốt): what each unit puts
-- forward (each quarter, under a movement), what the standing office does with it, the consent to
-- publish, the photos, the units that adopted a model (nhân rộng) and the plan to foster it.
-- Portable between SQLite and PostgreSQL like 0001.

CREATE TABLE exemplars (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    -- The unit that put it forward (its scope decides who may see and change it).
    unit_id TEXT NOT NULL REFERENCES units(id),
    kind TEXT NOT NULL CHECK (kind IN ('person', 'collective', 'model')),
    -- The person's, the collective's or the model's name as it will be shown.
    name TEXT NOT NULL,
    -- One line saying what they did (the gallery's card).
    headline TEXT NOT NULL,
    story TEXT NOT NULL,
    -- The person's record when the exemplar is a person of the organisation (honours, eligibility).
    person_id TEXT REFERENCES persons(id),
    -- The movement or campaign it belongs to.
    campaign_id TEXT REFERENCES campaigns(id),
    put_forward_on TEXT NOT NULL,
    year BIGINT NOT NULL,
    quarter BIGINT NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    status TEXT NOT NULL CHECK (status IN ('proposed', 'more_info', 'selected', 'declined')),
    -- The office's last reason (what to add, why not selected).
    reason TEXT,
    decided_on TEXT,
    forwarded_on TEXT,
    forwarded_to TEXT,
    -- Consent to publication: who gave it, when; withdrawn_on set when it was taken back.
    consent_by TEXT,
    consent_on TEXT,
    consent_withdrawn_on TEXT,
    published_at TEXT,
    search_text TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX exemplars_org_year ON exemplars (org_id, year, quarter);
CREATE INDEX exemplars_unit ON exemplars (unit_id);
CREATE INDEX exemplars_public ON exemplars (published_at);

-- Photos, resized and re-encoded (no location metadata survives); the bytes live in the blob store.
CREATE TABLE exemplar_photos (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    exemplar_id TEXT NOT NULL REFERENCES exemplars(id),
    sha256 TEXT NOT NULL,
    thumb_sha256 TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    caption TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX exemplar_photos_exemplar ON exemplar_photos (exemplar_id);

-- Replication (nhân rộng): a unit that adopted the model, when, with what result.
CREATE TABLE exemplar_adoptions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    exemplar_id TEXT NOT NULL REFERENCES exemplars(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    adopted_on TEXT NOT NULL,
    result TEXT NOT NULL,
    created_by TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (exemplar_id, unit_id)
);

-- The fostering plan (kế hoạch bồi dưỡng) of a selected exemplar: the next honour aimed at, who
-- supports, by when; done_on once reached.
CREATE TABLE exemplar_fostering (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    exemplar_id TEXT NOT NULL REFERENCES exemplars(id),
    goal TEXT NOT NULL,
    supporter TEXT NOT NULL,
    due_on TEXT NOT NULL,
    note TEXT,
    done_on TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX exemplar_fostering_exemplar ON exemplar_fostering (exemplar_id);
