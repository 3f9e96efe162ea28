-- Where a user is reached outside the app: an e-mail address and whether reminders and notices go
-- there too. Kept beside `users` so signing in never depends on it.
CREATE TABLE user_contacts (
    user_id TEXT PRIMARY KEY REFERENCES users(id),
    email TEXT NOT NULL,
    mail_mode TEXT NOT NULL CHECK (mail_mode IN ('off', 'immediate')),
    updated_at TEXT NOT NULL
);
