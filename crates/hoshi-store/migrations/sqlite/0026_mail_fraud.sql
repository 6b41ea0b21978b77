-- The fraud mail check in the browser (issue 15): the organisation profile the check uses, and
-- a record of each check — verdict, score and signal codes only; the mail itself is never kept.
-- Portable SQL: the same file is PostgreSQL's migration 26.

CREATE TABLE fraud_profiles (
    org_id      TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    profile     TEXT NOT NULL,
    rev         BIGINT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES users(id),
    updated_at  BIGINT NOT NULL
);

CREATE TABLE mail_checks (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    checked_by  TEXT NOT NULL REFERENCES users(id),
    checked_at  BIGINT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('ok', 'suspicious', 'fraud')),
    score       BIGINT NOT NULL,
    codes       TEXT NOT NULL
);
CREATE INDEX mail_checks_org ON mail_checks(org_id, checked_at);
