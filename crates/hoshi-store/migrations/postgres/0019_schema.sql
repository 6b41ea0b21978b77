-- hoshi's schema on PostgreSQL, as of SQLite migration 19 (the same tables, columns and
-- constraints). Types mapped: integers BIGINT, flags BOOLEAN, files BYTEA; the portfolio counters
-- kept by trigger functions. Later migrations get the same numbers on both databases.

CREATE TABLE users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    is_admin        BOOLEAN NOT NULL DEFAULT FALSE,
    lang            TEXT NOT NULL DEFAULT 'ja',
    totp_secret     TEXT,
    totp_last_step  BIGINT,
    failed_logins   BIGINT NOT NULL DEFAULT 0,
    locked_until    BIGINT,
    created_at      BIGINT NOT NULL,
    disabled_at BIGINT,
    last_login_at BIGINT,
    time_zone TEXT);
CREATE TABLE recovery_codes (
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    mfa_ok      BOOLEAN NOT NULL DEFAULT FALSE,
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
    created_at  BIGINT NOT NULL,
    corporate_number TEXT);
CREATE TABLE memberships (
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    created_at  BIGINT NOT NULL,
    officer_title TEXT,
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
    level       BIGINT NOT NULL,
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
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
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
CREATE TABLE evidence_links (
    evidence_id     TEXT NOT NULL REFERENCES evidence(id) ON DELETE CASCADE,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    criterion_id    TEXT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    PRIMARY KEY (evidence_id, assessment_id, criterion_id)
);
CREATE INDEX evidence_links_assessment ON evidence_links(assessment_id, criterion_id);
CREATE TABLE api_tokens (
    id          TEXT PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    can_write   BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    last_used   BIGINT,
    revoked_at  BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);
CREATE TABLE relationships (
    id                  TEXT PRIMARY KEY,
    buyer_org           TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    supplier_org        TEXT REFERENCES orgs(id) ON DELETE SET NULL,
    supplier_name       TEXT NOT NULL,
    corporate_number    TEXT NOT NULL,
    contact_name        TEXT NOT NULL DEFAULT '',
    contact_email       TEXT NOT NULL DEFAULT '',
    supplies            TEXT NOT NULL DEFAULT '',
    q_confidential      BOOLEAN NOT NULL,
    q_delay             BOOLEAN NOT NULL,
    q_access            BOOLEAN NOT NULL,
    required_level      BIGINT NOT NULL,
    due_date            TEXT,
    created_by          TEXT NOT NULL REFERENCES users(id),
    created_at          BIGINT NOT NULL,
    accepted_at         BIGINT,
    archived_at BIGINT);
CREATE INDEX relationships_buyer ON relationships(buyer_org);
CREATE INDEX relationships_supplier ON relationships(supplier_org);
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
CREATE TABLE shares (
    relationship_id TEXT PRIMARY KEY REFERENCES relationships(id) ON DELETE CASCADE,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    scope           TEXT NOT NULL CHECK (scope IN ('status', 'summary', 'full')),
    shared_by       TEXT NOT NULL REFERENCES users(id),
    shared_at       BIGINT NOT NULL
);
CREATE INDEX shares_assessment ON shares(assessment_id);
CREATE TABLE expert_profiles (
    user_id             TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    qualification       TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    created_at          BIGINT NOT NULL
);
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
    updated_at      BIGINT NOT NULL,
    evaluator_org TEXT REFERENCES orgs(id),
    declared_in_person BOOLEAN NOT NULL DEFAULT FALSE,
    declaration_evidence TEXT);
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
CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    org_id          TEXT REFERENCES orgs(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    ref_id          TEXT NOT NULL DEFAULT '',
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    attempts        BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    sent_at         BIGINT,
    failed_at       BIGINT,
    last_error      TEXT,
    claim TEXT);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, failed_at, next_attempt_at);
CREATE INDEX mail_outbox_ref ON mail_outbox(ref_id);
CREATE TABLE reminders (
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    sent_at         BIGINT NOT NULL,
    PRIMARY KEY (assessment_id, kind)
);
CREATE TABLE evaluation_bodies (
    org_id              TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    accreditation       TEXT NOT NULL,
    registration_number TEXT NOT NULL,
    created_at          BIGINT NOT NULL
);
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
CREATE TABLE attestations (
    id              TEXT PRIMARY KEY,            -- SHA-256 of the signed payload
    org_id          TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    assessment_id   TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
    keyid           TEXT NOT NULL,
    level           BIGINT NOT NULL,
    valid_until     TEXT NOT NULL,
    envelope        TEXT NOT NULL,
    result_json     TEXT NOT NULL,
    issued_by       TEXT NOT NULL REFERENCES users(id),
    issued_at       BIGINT NOT NULL,
    revoked_at      BIGINT,
    revoked_by      TEXT REFERENCES users(id),
    revoke_reason   TEXT,
    published_at BIGINT,
    report_pdf BYTEA);
CREATE INDEX attestations_assessment ON attestations(assessment_id);
CREATE INDEX attestations_revoked ON attestations(revoked_at);
CREATE INDEX attestations_published ON attestations(published_at);
CREATE TABLE report_inputs (
    assessment_id   TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    records         BIGINT NOT NULL,
    revenue_yen     BIGINT NOT NULL,
    stoppage_days   BIGINT NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users(id),
    updated_at      BIGINT NOT NULL
);
CREATE TABLE imported_attestations (
    relationship_id TEXT NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    envelope        TEXT NOT NULL,
    keys_json       TEXT NOT NULL,
    revoked_json    TEXT,
    issuer          TEXT NOT NULL,
    organisation    TEXT NOT NULL,
    corporate_number TEXT,
    level           BIGINT NOT NULL,
    valid_until     TEXT NOT NULL,
    imported_by     TEXT NOT NULL REFERENCES users(id),
    imported_at     BIGINT NOT NULL,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    checked_at BIGINT,
    check_problem TEXT,
    PRIMARY KEY (relationship_id, id)
);
CREATE TABLE login_throttle (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client TEXT NOT NULL,
    failures BIGINT NOT NULL,
    blocked_until BIGINT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, client)
);
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_by  TEXT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX password_resets_user ON password_resets(user_id);
CREATE TABLE portfolio_generations (
    buyer_org   TEXT PRIMARY KEY,
    n           BIGINT NOT NULL
);
CREATE TABLE audit_head (
    id      BIGINT PRIMARY KEY CHECK (id = 1),
    seq     BIGINT NOT NULL,
    hash    TEXT NOT NULL
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Portfolio counters per buyer (see SQLite migration 19): what each table's change concerns.
CREATE FUNCTION pgen_bump(buyer TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO portfolio_generations (buyer_org, n) VALUES (buyer, 1)
    ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1
$$;
CREATE FUNCTION pgen_bump_relationship(rel TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO portfolio_generations (buyer_org, n)
    SELECT DISTINCT buyer_org, 1 FROM relationships WHERE id = rel
    ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1
$$;
CREATE FUNCTION pgen_bump_assessment(aid TEXT, progress_only BOOLEAN) RETURNS void LANGUAGE sql AS $$
    INSERT INTO portfolio_generations (buyer_org, n)
    SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id
    WHERE s.assessment_id = aid AND (NOT progress_only OR s.scope IN ('summary', 'full'))
    ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1
$$;
CREATE FUNCTION pgen_bump_supplier(org TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO portfolio_generations (buyer_org, n)
    SELECT DISTINCT buyer_org, 1 FROM relationships WHERE supplier_org = org
    ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1
$$;

CREATE FUNCTION pgen_relationships() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM pgen_bump(OLD.buyer_org);
    ELSE PERFORM pgen_bump(NEW.buyer_org);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION pgen_by_relationship() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM pgen_bump_relationship(OLD.relationship_id);
    ELSE PERFORM pgen_bump_relationship(NEW.relationship_id);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION pgen_by_assessment_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM pgen_bump_assessment(OLD.assessment_id, FALSE);
    ELSE PERFORM pgen_bump_assessment(NEW.assessment_id, FALSE);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION pgen_by_answer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pgen_bump_assessment(NEW.assessment_id, TRUE);
    RETURN NULL;
END $$;
CREATE FUNCTION pgen_assessments() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM pgen_bump_assessment(OLD.id, FALSE);
    ELSE PERFORM pgen_bump_assessment(NEW.id, FALSE);
    END IF;
    RETURN NULL;
END $$;
CREATE FUNCTION pgen_orgs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN PERFORM pgen_bump_supplier(OLD.id);
    ELSE PERFORM pgen_bump_supplier(NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER pgen_relationships AFTER INSERT OR UPDATE OR DELETE ON relationships
    FOR EACH ROW EXECUTE FUNCTION pgen_relationships();
CREATE TRIGGER pgen_shares AFTER INSERT OR UPDATE OR DELETE ON shares
    FOR EACH ROW EXECUTE FUNCTION pgen_by_relationship();
CREATE TRIGGER pgen_imports AFTER INSERT OR UPDATE OR DELETE ON imported_attestations
    FOR EACH ROW EXECUTE FUNCTION pgen_by_relationship();
CREATE TRIGGER pgen_reviews AFTER INSERT OR UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION pgen_by_assessment_id();
CREATE TRIGGER pgen_attestation_ins AFTER INSERT ON attestations
    FOR EACH ROW EXECUTE FUNCTION pgen_by_assessment_id();
CREATE TRIGGER pgen_attestation_revoke AFTER UPDATE OF revoked_at ON attestations
    FOR EACH ROW EXECUTE FUNCTION pgen_by_assessment_id();
CREATE TRIGGER pgen_answers AFTER INSERT OR UPDATE ON answers
    FOR EACH ROW EXECUTE FUNCTION pgen_by_answer();
CREATE TRIGGER pgen_assessment_level AFTER UPDATE OF level ON assessments
    FOR EACH ROW EXECUTE FUNCTION pgen_assessments();
CREATE TRIGGER pgen_assessment_del AFTER DELETE ON assessments
    FOR EACH ROW EXECUTE FUNCTION pgen_assessments();
CREATE TRIGGER pgen_org_name AFTER UPDATE OF name ON orgs
    FOR EACH ROW EXECUTE FUNCTION pgen_orgs();
CREATE TRIGGER pgen_org_del AFTER DELETE ON orgs
    FOR EACH ROW EXECUTE FUNCTION pgen_orgs();
