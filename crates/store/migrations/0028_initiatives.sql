-- The register of initiatives (sáng kiến) and research works: registered by a unit with their authors
-- and shares, evaluated by the initiative council (Hội đồng sáng kiến / Hội đồng khoa học) in a recorded
-- session that recognises each at a level (base; ministry or province; national), and used once as the
-- basis of a title or an award (Công văn 5007/BNV-TĐKT, Mục III.5.c). Portable SQL like 0001.

-- A council session: when it met, who sat, its minutes.
CREATE TABLE initiative_sessions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    council TEXT NOT NULL CHECK (council IN ('initiative', 'science')),
    held_on TEXT NOT NULL,
    minutes_no TEXT NOT NULL,
    -- The members present, one name a line.
    members_present TEXT NOT NULL,
    present BIGINT NOT NULL CHECK (present > 0),
    note TEXT,
    recorded_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX initiative_sessions_org ON initiative_sessions (org_id, held_on);

CREATE TABLE initiatives (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    unit_path TEXT NOT NULL,
    name TEXT NOT NULL,
    field TEXT NOT NULL,
    -- The day it was first applied (yyyy-mm-dd); its year is the year of the register.
    applied_on TEXT NOT NULL,
    year BIGINT NOT NULL,
    description TEXT NOT NULL,
    research BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'under_evaluation', 'recognised', 'not_recognised', 'withdrawn')),
    -- Set by the council's session when recognised.
    level TEXT CHECK (level IN ('base', 'province', 'national')),
    scope_note TEXT,
    session_id TEXT REFERENCES initiative_sessions(id),
    result_note TEXT,
    search_text TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((status = 'recognised') = (level IS NOT NULL))
);
CREATE INDEX initiatives_org_year ON initiatives (org_id, year, status);
CREATE INDEX initiatives_org_path ON initiatives (org_id, unit_path);
CREATE INDEX initiatives_session ON initiatives (session_id);

-- Authors and their shares in hundredths of a per cent (each > 0, together 10000).
CREATE TABLE initiative_authors (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    person_id TEXT NOT NULL REFERENCES persons(id),
    share_bp BIGINT NOT NULL CHECK (share_bp > 0 AND share_bp <= 10000),
    position BIGINT NOT NULL,
    UNIQUE (initiative_id, person_id)
);
CREATE INDEX initiative_authors_person ON initiative_authors (org_id, person_id);

-- Files of the dossier (description, certificate of application), in the blob store.
CREATE TABLE initiative_files (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX initiative_files_initiative ON initiative_files (initiative_id);

-- The one use of an initiative as the basis of a title or an award: an award of the ledger
-- (`ledger_awards`) or a nomination. The unique key refuses a second use even between two requests
-- that arrive together.
CREATE TABLE initiative_uses (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    initiative_id TEXT NOT NULL REFERENCES initiatives(id),
    target_type TEXT NOT NULL CHECK (target_type IN ('award', 'nomination')),
    target_id TEXT NOT NULL,
    person_id TEXT NOT NULL REFERENCES persons(id),
    -- What it was used for, in words (the title or form, its decision), for the refusal of a second use.
    label TEXT NOT NULL,
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (initiative_id)
);

-- A recognised initiative is written into each author's ledger, where the eligibility engine reads it;
-- this column ties the ledger row to the register (empty for rows recorded straight into a ledger).
ALTER TABLE ledger_initiatives ADD COLUMN register_id TEXT REFERENCES initiatives(id);
CREATE INDEX ledger_initiatives_register ON ledger_initiatives (register_id);
