-- Form submissions carry a one-time key so a double click or a retried POST never creates twice.
-- A claimed key without a location is being processed; with a location, it is done and the same
-- answer (a redirect) is given again.
CREATE TABLE idempotency_keys (
    key TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    location TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
