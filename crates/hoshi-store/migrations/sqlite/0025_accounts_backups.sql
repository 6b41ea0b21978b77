-- Accounts and backups as evidence (issue 14): account exports checked in the browser, restic
-- repositories registered for verification (credentials sealed), their verification runs and
-- the restore procedure per repository. Portable SQL: the same file is PostgreSQL's migration 25.

-- One check of uploaded account exports. `report` is the full result with account names and
-- stays with the organisation's members; `summary` holds counts only (what evidence shows).
CREATE TABLE account_checks (
    id           TEXT PRIMARY KEY,
    org_id       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    created_by   TEXT NOT NULL REFERENCES users(id),
    created_at   BIGINT NOT NULL,
    today        TEXT NOT NULL,
    stale_days   BIGINT NOT NULL,
    sources      TEXT NOT NULL,
    report       TEXT NOT NULL,
    summary      TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    accounts     BIGINT NOT NULL,
    findings     BIGINT NOT NULL,
    worst        TEXT NOT NULL
);
CREATE INDEX account_checks_org ON account_checks(org_id, created_at);

-- A restic repository the organisation asked hoshi to verify. `secret` and `offsite_secret` are
-- sealed (AES-256-GCM with the deployment's key) and never shown again; `rev` guards edits.
-- The restore procedure (SCS 4-3-4-3) lives with its repository.
CREATE TABLE backup_targets (
    id                    TEXT PRIMARY KEY,
    org_id                TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name                  TEXT NOT NULL,
    location              TEXT NOT NULL,
    secret                TEXT NOT NULL,
    offsite_location      TEXT NOT NULL DEFAULT '',
    offsite_secret        TEXT NOT NULL DEFAULT '',
    host                  TEXT NOT NULL DEFAULT '',
    paths                 TEXT NOT NULL DEFAULT '',
    max_age_days          BIGINT NOT NULL,
    restore_sample        BIGINT NOT NULL,
    read_data_percent     BIGINT NOT NULL DEFAULT 0,
    every_days            BIGINT NOT NULL DEFAULT 0,
    next_at               BIGINT,
    responsible           TEXT NOT NULL DEFAULT '',
    password_kept         TEXT NOT NULL DEFAULT '',
    steps                 TEXT NOT NULL DEFAULT '',
    procedure_by          TEXT REFERENCES users(id),
    procedure_at          BIGINT,
    rev                   BIGINT NOT NULL,
    created_by            TEXT NOT NULL REFERENCES users(id),
    created_at            BIGINT NOT NULL,
    updated_by            TEXT NOT NULL REFERENCES users(id),
    updated_at            BIGINT NOT NULL,
    UNIQUE (org_id, name)
);

-- One verification: asked for by a member (requested_by) or by the schedule (NULL), claimed by
-- one server with a lease; `result` is hoshi-backup's JSON, `error` why it could not run.
CREATE TABLE backup_runs (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    target_id     TEXT NOT NULL REFERENCES backup_targets(id) ON DELETE CASCADE,
    requested_by  TEXT REFERENCES users(id),
    requested_at  BIGINT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    claim         TEXT,
    claim_until   BIGINT,
    started_at    BIGINT,
    finished_at   BIGINT,
    passed        BIGINT,
    result        TEXT,
    sha256        TEXT,
    error         TEXT,
    alerted_at    BIGINT
);
CREATE INDEX backup_runs_target ON backup_runs(target_id, requested_at);
CREATE INDEX backup_runs_state ON backup_runs(state, requested_at);
