-- Signed results issued by this instance.
CREATE TABLE attestations (
    id              TEXT PRIMARY KEY,            -- SHA-256 of the signed payload
    org_id          TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    keyid           TEXT NOT NULL,
    level           INTEGER NOT NULL,
    valid_until     TEXT NOT NULL,
    envelope        TEXT NOT NULL,
    result_json     TEXT NOT NULL,
    issued_by       TEXT NOT NULL REFERENCES users(id),
    issued_at       BIGINT NOT NULL,
    revoked_at      BIGINT,
    revoked_by      TEXT REFERENCES users(id),
    revoke_reason   TEXT
);
CREATE INDEX attestations_assessment ON attestations(assessment_id);
CREATE INDEX attestations_revoked ON attestations(revoked_at);
