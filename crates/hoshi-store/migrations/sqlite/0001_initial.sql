-- hoshi schema, version 1.
-- Portable SQL: TEXT / BIGINT / INTEGER types, ISO-free integer timestamps (Unix seconds),
-- explicit foreign keys, upserts with ON CONFLICT. Identifiers are random 128-bit values in hex,
-- never sequential, so they cannot be guessed.

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    is_admin        INTEGER NOT NULL DEFAULT 0,
    lang            TEXT NOT NULL DEFAULT 'ja',
    totp_secret     TEXT,
    totp_last_step  BIGINT,
    failed_logins   INTEGER NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    created_at      BIGINT NOT NULL
);

CREATE TABLE recovery_codes (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (user_id, code_hash)
);

CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mfa_ok      INTEGER NOT NULL DEFAULT 0,
    csrf        TEXT NOT NULL,
    pending_totp TEXT,
    created_at  BIGINT NOT NULL,
    last_seen   BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE setup_tokens (
    token_hash  TEXT PRIMARY KEY,
    created_at  BIGINT NOT NULL,
    used_at     BIGINT
);

CREATE TABLE orgs (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

CREATE TABLE memberships (
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships(user_id);

CREATE TABLE invitations (
    token_hash  TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    used_by     TEXT REFERENCES users(id)
);

CREATE TABLE assessments (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    catalog     TEXT NOT NULL,
    edition     TEXT NOT NULL,
    level       INTEGER NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);
CREATE INDEX assessments_org ON assessments(org_id);

CREATE TABLE answers (
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    criterion_id    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('met', 'partial', 'not-met', 'not-applicable', 'unanswered')),
    reason          TEXT NOT NULL DEFAULT '',
    evidence        TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    version         BIGINT NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users(id),
    updated_at      BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, criterion_id)
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash || canonical entry).
CREATE TABLE audit_log (
    seq         INTEGER PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor       TEXT,
    org_id      TEXT,
    action      TEXT NOT NULL,
    target      TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_target ON audit_log(target);
CREATE INDEX audit_org ON audit_log(org_id);
