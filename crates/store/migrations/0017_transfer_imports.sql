-- The organisations whose data an organisation imported (the 2025 reorganisation): one row each, so two
-- imports of the same archive at the same instant cannot both write everything twice; and the archives
-- each organisation uploaded, so an import reads only an archive its own administrator uploaded.
CREATE TABLE transfer_imports (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    source_org_id TEXT NOT NULL,
    source_org_name TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (org_id, source_org_id)
);

CREATE TABLE transfer_uploads (
    org_id TEXT NOT NULL REFERENCES orgs(id),
    archive_key TEXT NOT NULL,
    uploaded_by TEXT,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (org_id, archive_key)
);
