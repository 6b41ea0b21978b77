-- The asset register and patch evidence (issue 13): what an organisation runs, the software
-- found on each asset, the yearly review of the register, and the vulnerability reports kept as
-- evidence. Portable SQL: the same file is PostgreSQL's migration 24.

-- One asset. `tag` is the organisation's own asset number; `rev` counts changes so that two
-- people editing the same asset do not overwrite each other.
CREATE TABLE assets (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    tag          TEXT NOT NULL,
    kind         TEXT NOT NULL,
    name         TEXT NOT NULL,
    maker        TEXT NOT NULL DEFAULT '',
    model        TEXT NOT NULL DEFAULT '',
    os           TEXT NOT NULL DEFAULT '',
    version      TEXT NOT NULL DEFAULT '',
    cpe          TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL DEFAULT '',
    location     TEXT NOT NULL DEFAULT '',
    maintainer   TEXT NOT NULL DEFAULT '',
    support_end  TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL CHECK (source IN ('form', 'file', 'scan')),
    rev          BIGINT NOT NULL,
    created_by   TEXT NOT NULL REFERENCES users(id),
    created_at   BIGINT NOT NULL,
    updated_by   TEXT NOT NULL REFERENCES users(id),
    updated_at   BIGINT NOT NULL,
    UNIQUE (org_id, tag)
);

-- The software list last uploaded for an asset (an SBOM, a package list, an installed-software
-- export): which file, and the components read from it.
CREATE TABLE asset_inventories (
    asset_id     TEXT PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    components   BIGINT NOT NULL,
    uploaded_by  TEXT NOT NULL REFERENCES users(id),
    uploaded_at  BIGINT NOT NULL
);
CREATE TABLE asset_software (
    asset_id  TEXT NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
    org_id    TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    seq       BIGINT NOT NULL,
    name      TEXT NOT NULL,
    version   TEXT NOT NULL,
    purl      TEXT NOT NULL,
    cpe       TEXT NOT NULL,
    PRIMARY KEY (asset_id, seq)
);
CREATE INDEX asset_software_org ON asset_software(org_id);

-- The yearly review of the register (SCS 3-1-1-4): who looked, when, how many assets, a note.
CREATE TABLE asset_reviews (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    reviewed_by  TEXT NOT NULL REFERENCES users(id),
    reviewed_at  BIGINT NOT NULL,
    assets       BIGINT NOT NULL,
    note         TEXT NOT NULL
);
CREATE INDEX asset_reviews_org ON asset_reviews(org_id, reviewed_at);

-- A patch report: the register's software checked against the server's vulnerability data,
-- kept as it was (hoshi vulns JSON format 1 and its SHA-256) so it can be evidence.
CREATE TABLE vuln_reports (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    snapshot    TEXT NOT NULL,
    report      TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    findings    BIGINT NOT NULL,
    overdue     BIGINT NOT NULL,
    support_ended BIGINT NOT NULL
);
CREATE INDEX vuln_reports_org ON vuln_reports(org_id, created_at);

-- Reminders of the yearly review already sent, one per organisation, due date and threshold.
CREATE TABLE asset_review_reminders (
    org_id   TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL,
    sent_at  BIGINT NOT NULL,
    PRIMARY KEY (org_id, kind)
);
