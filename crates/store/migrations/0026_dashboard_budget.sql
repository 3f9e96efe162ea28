-- The dashboards' aggregates and the emulation budget (kinh phí thi đua, khen thưởng).
-- Portable between SQLite and PostgreSQL like 0001.

-- The dashboards count a year's awards, nominations and decisions of an organisation: index the year.
CREATE INDEX ledger_awards_org_year ON ledger_awards (org_id, year);
CREATE INDEX nominations_org_year ON nominations (org_id, year);
CREATE INDEX decisions_org_signed ON decisions (org_id, signed_on);
CREATE INDEX decision_lines_award ON decision_lines (award_id);

-- A year's estimate of the money for emulation and commendation, one line per source of funds
-- (ngân sách nhà nước, quỹ thi đua, khen thưởng, xã hội hóa, nguồn khác). The office enters it;
-- each change is audited and bumps the line's version.
CREATE TABLE budget_lines (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    year BIGINT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('state_budget', 'emulation_fund', 'socialized', 'other')),
    -- đồng
    amount BIGINT NOT NULL CHECK (amount >= 0),
    note TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (org_id, year, source)
);
