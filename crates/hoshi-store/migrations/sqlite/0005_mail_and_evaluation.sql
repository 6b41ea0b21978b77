-- Outgoing mail, expiry reminders, ★4 evaluation bodies.

-- Mail waiting to be sent, written in the same transaction as the change that caused it, so a
-- crash never loses an invitation and a failed change never sends one. A background worker sends
-- and retries; sent and failed rows are kept as a delivery record.
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    org_id          TEXT REFERENCES orgs(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    ref_id          TEXT NOT NULL DEFAULT '',
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at         BIGINT,
    failed_at       BIGINT,
    last_error      TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, failed_at, next_attempt_at);
CREATE INDEX mail_outbox_ref ON mail_outbox(ref_id);

-- Expiry reminders already given, one per assessment and threshold (e.g. 'd60', 'd30', 'd7').
CREATE TABLE reminders (
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    sent_at         BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, kind)
);

-- Organisations that act as ★4 evaluation bodies, with what they declared about themselves.
CREATE TABLE evaluation_bodies (
    org_id              TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    accreditation       TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    created_at          BIGINT NOT NULL
);

-- For ★4 the review is done by an evaluation body on behalf of its organisation.
ALTER TABLE reviews ADD COLUMN evaluator_org TEXT REFERENCES orgs(id);

-- ★4 results per requirement and verification method.
CREATE TABLE evaluation_results (
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    requirement_id  TEXT NOT NULL,
    method          TEXT NOT NULL CHECK (method IN ('document', 'onsite', 'technical')),
    result          TEXT NOT NULL CHECK (result IN ('pass', 'fail', 'na')),
    note            TEXT NOT NULL DEFAULT '',
    recorded_by     TEXT NOT NULL REFERENCES users(id),
    recorded_at     BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, requirement_id, method)
);
