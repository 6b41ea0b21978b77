-- Evidence: uploaded files (stored content-addressed by SHA-256 under <data>/evidence) or links.
CREATE TABLE evidence (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('file', 'link')),
    title           TEXT NOT NULL,
    file_name       TEXT,
    sha256          TEXT,
    size            BIGINT,
    media_type      TEXT,
    url             TEXT,
    effective_date  TEXT NOT NULL,
    expires_date    TEXT,
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL
);
CREATE INDEX evidence_org ON evidence(org_id);

-- One evidence item can support several criteria.
CREATE TABLE evidence_links (
    evidence_id     TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    criterion_id    TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (evidence_id, assessment_id, criterion_id)
);
CREATE INDEX evidence_links_assessment ON evidence_links(assessment_id, criterion_id);
