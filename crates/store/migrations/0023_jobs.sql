-- The durable job queue (e-mails, reminders, batch documents): polled by workers inside `thidua
-- serve`, no external broker. A job is claimed with a lease (`locked_by`, `locked_until`) so a node
-- that dies mid-job gives it back when the lease runs out; `dedupe_key` makes enqueueing the same
-- event twice (user × event × occurrence) a no-op. Times are UTC timestamps as stored elsewhere
-- (fixed width, so they compare as text).
CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    org_id TEXT REFERENCES orgs(id),
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    run_at TEXT NOT NULL,
    locked_by TEXT,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX jobs_due ON jobs (status, run_at);
CREATE INDEX jobs_org ON jobs (org_id, created_at);
