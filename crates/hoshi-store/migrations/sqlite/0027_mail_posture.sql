-- Mail domain posture in the browser (issue 15): each check an editor ran on the organisation's
-- own mail domains — who, when, the domains and DKIM selectors, the worst finding and the counts,
-- the hoshi-posture/1 report (JSON) and its printable page in Japanese and English as hoshi
-- rendered them (kept as evidence) — and each organisation's latest start, so that one check runs
-- at a time and at most once a minute, whichever server on the database takes the request.
-- Portable SQL: the same file is PostgreSQL's migration 27.

CREATE TABLE mail_posture_runs (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    checked_by  TEXT NOT NULL REFERENCES users(id),
    checked_at  BIGINT NOT NULL,
    domains     TEXT NOT NULL,
    selectors   TEXT NOT NULL,
    worst       TEXT NOT NULL CHECK (worst IN ('good', 'info', 'low', 'medium', 'high')),
    high        BIGINT NOT NULL,
    medium      BIGINT NOT NULL,
    low         BIGINT NOT NULL,
    report      TEXT NOT NULL,
    page_ja     TEXT NOT NULL,
    page_en     TEXT NOT NULL
);
CREATE INDEX mail_posture_runs_org ON mail_posture_runs(org_id, checked_at);

CREATE TABLE mail_posture_claims (
    org_id      TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    started_by  TEXT NOT NULL REFERENCES users(id),
    started_at  BIGINT NOT NULL,
    -- NULL while the check runs.
    finished_at BIGINT
);
