-- Buyers and suppliers.

-- A buyer's registration of a supplier. supplier_org is set when the supplier accepts.
CREATE TABLE relationships (
    id                  TEXT PRIMARY KEY,
    buyer_org           TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    supplier_org        TEXT REFERENCES orgs(id) ON DELETE SET NULL,
    supplier_name       TEXT NOT NULL,
    corporate_number    TEXT NOT NULL,
    contact_name        TEXT NOT NULL DEFAULT '',
    contact_email       TEXT NOT NULL DEFAULT '',
    supplies            TEXT NOT NULL DEFAULT '',
    q_confidential      INTEGER NOT NULL,
    q_delay             INTEGER NOT NULL,
    q_access            INTEGER NOT NULL,
    required_level      INTEGER NOT NULL,
    due_date            TEXT,
    created_by          TEXT NOT NULL REFERENCES users(id),
    created_at          BIGINT NOT NULL,
    accepted_at         BIGINT
);
CREATE INDEX relationships_buyer ON relationships(buyer_org);
CREATE INDEX relationships_supplier ON relationships(supplier_org);
-- A buyer registers a given company once.
CREATE UNIQUE INDEX relationships_buyer_number ON relationships(buyer_org, corporate_number);

CREATE TABLE relationship_invites (
    token_hash      TEXT PRIMARY KEY,
    relationship_id TEXT NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    used_at         BIGINT,
    used_by         TEXT REFERENCES users(id)
);

-- What a supplier shows a buyer: one assessment, at one scope. Deleting the row revokes it.
CREATE TABLE shares (
    relationship_id TEXT PRIMARY KEY REFERENCES relationships(id) ON DELETE CASCADE,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    scope           TEXT NOT NULL CHECK (scope IN ('status', 'summary', 'full')),
    shared_by       TEXT NOT NULL REFERENCES users(id),
    shared_at       BIGINT NOT NULL
);
CREATE INDEX shares_assessment ON shares(assessment_id);

-- Experts who confirm ★3 self-assessments.
CREATE TABLE expert_profiles (
    user_id             TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    qualification       TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    created_at          BIGINT NOT NULL
);

-- Review of an assessment: draft → submitted → in-review → returned | confirmed (→ expired by date).
CREATE TABLE reviews (
    assessment_id   TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'in-review', 'returned', 'confirmed')),
    expert_user     TEXT REFERENCES users(id),
    submitted_at    BIGINT,
    confirmed_at    BIGINT,
    valid_until     TEXT,
    officer_name    TEXT,
    officer_title   TEXT,
    declared_on     TEXT,
    declared_by     TEXT REFERENCES users(id),
    statement       TEXT,
    updated_at      BIGINT NOT NULL
);

CREATE TABLE review_invites (
    token_hash      TEXT PRIMARY KEY,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    expires_at      BIGINT NOT NULL,
    used_at         BIGINT,
    used_by         TEXT REFERENCES users(id)
);

CREATE TABLE review_comments (
    id              TEXT PRIMARY KEY,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    criterion_id    TEXT NOT NULL,
    author          TEXT NOT NULL REFERENCES users(id),
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL
);
CREATE INDEX review_comments_assessment ON review_comments(assessment_id, criterion_id);
