-- Cross-scoring inside a cluster (chấm chéo): which member scores which (never itself), and what each
-- assessor gave each criterion of the unit it scores. The office may take the average as the review.
CREATE TABLE scoring_assignments (
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    assessor_unit_id TEXT NOT NULL REFERENCES units(id),
    assessed_unit_id TEXT NOT NULL REFERENCES units(id),
    assigned_by_name TEXT NOT NULL,
    assigned_at TEXT NOT NULL,
    PRIMARY KEY (scale_id, assessor_unit_id, assessed_unit_id),
    CHECK (assessor_unit_id <> assessed_unit_id)
);

CREATE TABLE scoring_cross_entries (
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    assessor_unit_id TEXT NOT NULL REFERENCES units(id),
    assessed_unit_id TEXT NOT NULL REFERENCES units(id),
    criterion_id TEXT NOT NULL REFERENCES scoring_criteria(id),
    precondition_met BOOLEAN NOT NULL,
    amount DOUBLE PRECISION NOT NULL,
    target DOUBLE PRECISION,
    comment TEXT NOT NULL,
    by_name TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (scale_id, assessor_unit_id, assessed_unit_id, criterion_id)
);
