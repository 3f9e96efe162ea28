-- The award pipeline (step 7–8 of the process): nominations with their dossiers and timelines, council
-- meetings with agendas and ballots, decisions with their lines, notifications. Portable between SQLite
-- and PostgreSQL like 0001: TEXT ids and dates, CHECK instead of enums, org_id on tenant rows.

CREATE TABLE nominations (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    campaign_id TEXT REFERENCES campaigns(id),
    theme_id TEXT REFERENCES campaign_themes(id),
    -- The unit that proposes (its officer prepares the dossier).
    nominating_unit_id TEXT NOT NULL REFERENCES units(id),
    nominee_type TEXT NOT NULL CHECK (nominee_type IN ('person', 'unit', 'household')),
    person_id TEXT REFERENCES persons(id),
    unit_id TEXT REFERENCES units(id),
    household_name TEXT,
    -- Catalog code of the title or form proposed; original_code keeps the form asked for when the
    -- standing office lowered it.
    code TEXT NOT NULL,
    original_code TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('merit', 'campaign', 'ad_hoc', 'career', 'foreign')),
    procedure TEXT NOT NULL CHECK (procedure IN ('standard', 'simplified')),
    year BIGINT NOT NULL,
    achievement TEXT NOT NULL,
    -- Identifies the achievement, so one achievement is never nominated twice.
    achievement_key TEXT,
    justification TEXT,
    status TEXT NOT NULL CHECK (status IN ('draft', 'at_theme_lead', 'submitted', 'returned', 'withdrawn', 'accepted', 'on_agenda', 'passed', 'failed', 'decided', 'forwarded', 'revoked')),
    -- Lead unit the nomination is routed through (from its theme), if any.
    route_unit_id TEXT REFERENCES units(id),
    round BIGINT NOT NULL DEFAULT 1,
    submitted_at TEXT,
    -- Warnings ("Chưa xác định") accepted by the submitter, as JSON.
    checks_json TEXT,
    confidential BOOLEAN NOT NULL DEFAULT FALSE,
    search_text TEXT NOT NULL,
    created_by TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX nominations_org_status ON nominations (org_id, status);
CREATE INDEX nominations_campaign ON nominations (campaign_id);
CREATE INDEX nominations_unit ON nominations (nominating_unit_id);
CREATE INDEX nominations_person ON nominations (person_id);

-- Documents of a dossier: the kind (catalog document code), the file, and for minutes the vote counts.
CREATE TABLE nomination_documents (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    doc_code TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    vote_yes BIGINT,
    vote_total BIGINT,
    round BIGINT NOT NULL,
    created_by TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX nomination_documents_nomination ON nomination_documents (nomination_id);

-- The nomination's own timeline: every step with who, when, the state before and after, reasons.
CREATE TABLE nomination_events (
    id TEXT PRIMARY KEY,
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    at TEXT NOT NULL,
    user_id TEXT,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    round BIGINT NOT NULL,
    note TEXT
);
CREATE INDEX nomination_events_nomination ON nomination_events (nomination_id, at);

CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    title TEXT NOT NULL,
    held_on TEXT NOT NULL,
    place TEXT,
    status TEXT NOT NULL CHECK (status IN ('scheduled', 'open', 'closed')),
    -- All members of the council (the denominator of vote thresholds).
    total_members BIGINT NOT NULL,
    secret_ballot BOOLEAN NOT NULL DEFAULT TRUE,
    chair_name TEXT,
    secretary_name TEXT,
    minutes TEXT,
    closed_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX meetings_org ON meetings (org_id, held_on);

-- Who sits on the council for a meeting: present, absent with a written opinion, or absent.
CREATE TABLE meeting_members (
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    attendance TEXT NOT NULL CHECK (attendance IN ('present', 'written', 'absent')),
    PRIMARY KEY (meeting_id, user_id)
);

CREATE TABLE agenda_items (
    id TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    position BIGINT NOT NULL,
    -- Paper ballots and written opinions entered by the secretary (added to the electronic ones).
    paper_agree BIGINT NOT NULL DEFAULT 0,
    paper_disagree BIGINT NOT NULL DEFAULT 0,
    paper_abstain BIGINT NOT NULL DEFAULT 0,
    result TEXT CHECK (result IN ('passed', 'failed')),
    agree BIGINT,
    disagree BIGINT,
    abstain BIGINT,
    note TEXT,
    UNIQUE (meeting_id, nomination_id)
);
CREATE INDEX agenda_items_nomination ON agenda_items (nomination_id);

-- A member declared a conflict of interest on an item and does not vote on it.
CREATE TABLE agenda_conflicts (
    agenda_item_id TEXT NOT NULL REFERENCES agenda_items(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    reason TEXT,
    PRIMARY KEY (agenda_item_id, user_id)
);

-- That a member voted (never twice); with a secret ballot the choice is stored apart, without the voter.
CREATE TABLE ballots_cast (
    agenda_item_id TEXT NOT NULL REFERENCES agenda_items(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    -- The choice, only when the ballot is open (not secret).
    choice TEXT CHECK (choice IN ('agree', 'disagree', 'abstain')),
    at TEXT NOT NULL,
    PRIMARY KEY (agenda_item_id, user_id)
);

CREATE TABLE ballot_choices (
    id TEXT PRIMARY KEY,
    agenda_item_id TEXT NOT NULL REFERENCES agenda_items(id),
    choice TEXT NOT NULL CHECK (choice IN ('agree', 'disagree', 'abstain'))
);
CREATE INDEX ballot_choices_item ON ballot_choices (agenda_item_id);

CREATE TABLE decisions (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    number TEXT NOT NULL,
    signed_on TEXT NOT NULL,
    issuer TEXT NOT NULL,
    signer_title TEXT,
    signer_name TEXT NOT NULL,
    title TEXT NOT NULL,
    total_amount BIGINT NOT NULL DEFAULT 0,
    version BIGINT NOT NULL DEFAULT 1,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, number)
);

-- One awardee of a decision: its số sổ vàng, money, the public verification code, revocation.
CREATE TABLE decision_lines (
    id TEXT PRIMARY KEY,
    decision_id TEXT NOT NULL REFERENCES decisions(id),
    nomination_id TEXT NOT NULL REFERENCES nominations(id),
    golden_book_no BIGINT NOT NULL,
    amount BIGINT,
    verify_code TEXT NOT NULL UNIQUE,
    award_id TEXT,
    revoked_at TEXT,
    revoked_reason TEXT,
    UNIQUE (decision_id, golden_book_no),
    UNIQUE (nomination_id)
);

-- In-app notices for the people who must act next (e-mail comes with the reminders).
CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    -- Addressed to a user, to the officers of a unit, or to everyone holding a role.
    user_id TEXT REFERENCES users(id),
    unit_id TEXT REFERENCES units(id),
    role TEXT,
    text TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_org ON notifications (org_id, created_at);
