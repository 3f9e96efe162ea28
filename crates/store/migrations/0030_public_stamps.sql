-- What the public site's copies of its pages are checked against: the latest change of an exemplar,
-- of a decision and of a revocation (each read as a MAX, which these indexes answer at once).
CREATE INDEX exemplars_updated ON exemplars (updated_at);
CREATE INDEX decisions_created ON decisions (created_at);
CREATE INDEX decision_lines_revoked ON decision_lines (revoked_at);
