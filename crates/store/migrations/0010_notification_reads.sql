-- Who has read which in-app notification. A notification addressed to a unit or to a role is seen by
-- several users, so each marks it read for themselves; `notifications.read_at` (from 0006) is not used.
CREATE TABLE notification_reads (
    notification_id TEXT NOT NULL REFERENCES notifications(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    read_at TEXT NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);

-- The unread count beside the menu entry is read on every page: the three ways a notification is
-- addressed each get an index.
CREATE INDEX notifications_user ON notifications (user_id);
CREATE INDEX notifications_role ON notifications (org_id, role);
CREATE INDEX notifications_unit ON notifications (unit_id);
