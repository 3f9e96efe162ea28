-- A campaign's review reports (báo cáo sơ kết, tổng kết): the office's number and date, the day the
-- figures are read at, and its text for each section of the organisation's outline (JSON object, key →
-- text; the outline itself is part of doc_settings). The figures are never stored: they are read from
-- the records each time, so the report always matches them.
CREATE TABLE campaign_reports (
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    kind TEXT NOT NULL CHECK (kind IN ('interim', 'final')),
    number TEXT,
    issued_on TEXT,
    as_of TEXT NOT NULL,
    texts TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    PRIMARY KEY (campaign_id, kind)
);

-- Other per-organisation settings kept as one JSON text each, under a name ('report_outline': the
-- sections of its review reports, JSON of thidua_domain::campaign::report::Section). No row: defaults.
CREATE TABLE org_settings (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    name TEXT NOT NULL,
    data TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT,
    PRIMARY KEY (org_id, name)
);
