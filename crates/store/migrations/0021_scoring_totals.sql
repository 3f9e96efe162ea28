-- Each scored unit's points under a scale, kept up to date by every write of its scores, so that a
-- ranking of thousands of units reads one row per unit instead of every answer (derived data: it is
-- computed again from scoring_entries whenever a unit's scores change).
CREATE TABLE scoring_totals (
    scale_id TEXT NOT NULL REFERENCES scoring_scales(id),
    unit_id TEXT NOT NULL REFERENCES units(id),
    total DOUBLE PRECISION NOT NULL,
    -- Points of each group and of each tie-break criterion, in the scale's order (JSON arrays).
    groups_json TEXT NOT NULL,
    ties_json TEXT NOT NULL,
    answered BIGINT NOT NULL,
    PRIMARY KEY (scale_id, unit_id)
);
