-- The year-end meeting of a cluster or block (tổng kết, bình xét đơn vị dẫn đầu): the members present,
-- the vote on the leading unit, next year's leader and deputy (by rotation unless the cluster decides
-- otherwise, with its reason), and next year's cluster the result set up.
CREATE TABLE cluster_year_ends (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    cluster_id TEXT NOT NULL REFERENCES clusters(id),
    held_on TEXT NOT NULL,
    scale_id TEXT REFERENCES scoring_scales(id),
    present BIGINT NOT NULL,
    leading_unit_id TEXT NOT NULL REFERENCES units(id),
    leading_votes BIGINT NOT NULL,
    next_leader_unit_id TEXT NOT NULL REFERENCES units(id),
    next_deputy_unit_id TEXT REFERENCES units(id),
    repeat_reason TEXT,
    next_cluster_id TEXT NOT NULL REFERENCES clusters(id),
    note TEXT NOT NULL,
    recorded_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (cluster_id)
);
