-- Foundation schema, portable between SQLite and PostgreSQL (one tree for both engines):
-- TEXT ids (UUIDv7 made by the app), TEXT timestamps in UTC (RFC 3339, fixed width so they sort),
-- TEXT dates (yyyy-mm-dd), BIGINT counters, BOOLEAN flags, CHECK constraints instead of enum types.
-- Every tenant-owned row carries org_id; every editable row carries a version for optimistic locking.

CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Levels (cấp) and unit kinds are data with effective dates: the district level ended on 2025-06-30.
CREATE TABLE levels (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    rank BIGINT NOT NULL,
    valid_from TEXT NOT NULL,
    valid_to TEXT
);

CREATE TABLE unit_kinds (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    sort_order BIGINT NOT NULL
);

CREATE TABLE units (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    parent_id TEXT REFERENCES units(id),
    path TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT,
    kind TEXT NOT NULL REFERENCES unit_kinds(code),
    level TEXT NOT NULL REFERENCES levels(code),
    valid_from TEXT NOT NULL,
    valid_to TEXT,
    successor_id TEXT REFERENCES units(id),
    search_text TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, code)
);
CREATE INDEX units_org_path ON units (org_id, path);
CREATE INDEX units_parent ON units (parent_id);

-- Former names of a unit, so documents of a past year show the name of that year.
CREATE TABLE unit_names (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    unit_id TEXT NOT NULL REFERENCES units(id),
    name TEXT NOT NULL,
    valid_to TEXT NOT NULL
);
CREATE INDEX unit_names_unit ON unit_names (unit_id);

-- A merge, split or rename: which units it closed and which carry them on.
CREATE TABLE unit_changes (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    kind TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename')),
    effective_on TEXT NOT NULL,
    note TEXT,
    created_by TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE unit_change_links (
    change_id TEXT NOT NULL REFERENCES unit_changes(id),
    from_unit_id TEXT NOT NULL REFERENCES units(id),
    to_unit_id TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (change_id, from_unit_id, to_unit_id)
);
CREATE INDEX unit_change_links_to ON unit_change_links (to_unit_id);

CREATE TABLE persons (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    unit_path TEXT NOT NULL,
    full_name TEXT NOT NULL,
    gender TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date TEXT,
    position TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('cadre', 'civil_servant', 'public_employee', 'worker', 'soldier', 'citizen')),
    direct_worker BOOLEAN NOT NULL DEFAULT FALSE,
    search_text TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX persons_org_path ON persons (org_id, unit_path);
CREATE INDEX persons_unit ON persons (unit_id);

CREATE TABLE clusters (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    year BIGINT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('cluster', 'block')),
    name TEXT NOT NULL,
    leader_unit_id TEXT REFERENCES units(id),
    deputy_unit_id TEXT REFERENCES units(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, year, name)
);

CREATE TABLE cluster_members (
    cluster_id TEXT NOT NULL REFERENCES clusters(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    PRIMARY KEY (cluster_id, unit_id)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'standing_office', 'unit_officer', 'council_member', 'chairman', 'viewer')),
    scope_unit_id TEXT REFERENCES units(id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Server-side sessions: the cookie holds a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Failed logins, counted per user name over a window, so throttling works across app nodes.
CREATE TABLE login_failures (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_user_at ON login_failures (username, at);

-- Append-only audit log: who did what to which object, with the values before and after (JSON).
CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    at TEXT NOT NULL,
    user_id TEXT,
    user_name TEXT NOT NULL,
    action TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id TEXT NOT NULL,
    object_label TEXT NOT NULL,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_org_at ON audit_log (org_id, at);
CREATE INDEX audit_object ON audit_log (object_type, object_id);
CREATE INDEX audit_user ON audit_log (user_id);

INSERT INTO levels (code, name, rank, valid_from, valid_to) VALUES
    ('central', 'Trung ương', 0, '1945-09-02', NULL),
    ('province', 'Cấp tỉnh', 1, '1945-09-02', NULL),
    ('district', 'Cấp huyện', 2, '1945-09-02', '2025-06-30'),
    ('commune', 'Cấp xã', 3, '1945-09-02', NULL),
    ('grassroots', 'Cơ sở', 4, '1945-09-02', NULL);

INSERT INTO unit_kinds (code, name, sort_order) VALUES
    ('peoples_committee', 'Ủy ban nhân dân', 1),
    ('department', 'Phòng, ban, cơ quan chuyên môn', 2),
    ('ward', 'Phường, xã, thị trấn', 3),
    ('mass_org', 'Mặt trận, đoàn thể', 4),
    ('public_service', 'Đơn vị sự nghiệp', 5),
    ('school', 'Trường học', 6),
    ('enterprise', 'Doanh nghiệp', 7),
    ('residential_group', 'Khu phố, tổ dân phố', 8),
    ('other', 'Khác', 9);
