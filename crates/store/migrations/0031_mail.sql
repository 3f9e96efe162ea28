-- E-mail beyond single notices: a daily digest for those who want one, one-time links to reset a
-- forgotten password, and the head of a unit who is told when the unit stays late.

-- `digest` joins the mail modes. The table is rebuilt because SQLite cannot change a CHECK.
CREATE TABLE user_contacts_new (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    email TEXT NOT NULL,
    mail_mode TEXT NOT NULL CHECK (mail_mode IN ('off', 'immediate', 'digest')),
    updated_at TEXT NOT NULL
);
INSERT INTO user_contacts_new (user_id, email, mail_mode, updated_at)
    SELECT user_id, email, mail_mode, updated_at FROM user_contacts;
DROP TABLE user_contacts;
ALTER TABLE user_contacts_new RENAME TO user_contacts;

-- What a digest user would have been mailed at once; the day's digest job takes the lines still
-- without a digest (`digest_job`), so a digest sent again after a crash holds the same lines.
CREATE TABLE mail_digest_items (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    link TEXT NOT NULL,
    created_at TEXT NOT NULL,
    digest_job TEXT
);
CREATE INDEX mail_digest_items_pending ON mail_digest_items (user_id, digest_job, created_at);

-- A one-time link to set a new password: only the token's hash is kept; used or expired, it is dead.
CREATE TABLE password_resets (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX password_resets_user ON password_resets (user_id, created_at);

-- The head of a unit (thủ trưởng): who is told by e-mail when the unit has let a deadline pass.
CREATE TABLE unit_heads (
    unit_id TEXT PRIMARY KEY REFERENCES units(id),
    org_id TEXT NOT NULL REFERENCES orgs(id),
    full_name TEXT NOT NULL,
    email TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
