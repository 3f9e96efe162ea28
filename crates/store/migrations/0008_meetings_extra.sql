-- Council meetings, extra record kept by the secretary: members without an account in the app who took
-- part in person or sent a written opinion (they count for the quorum), and the meeting-level quota cap
-- entered when closing (NULL: no cap).
ALTER TABLE meetings ADD COLUMN others_present BIGINT NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN others_written BIGINT NOT NULL DEFAULT 0;
ALTER TABLE meetings ADD COLUMN quota_cap BIGINT;
