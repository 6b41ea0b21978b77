-- The exposure check (issue 12): what an organisation declares as its own on the internet, the
-- scans hoshi ran against it, and the scheduled rescans. Portable SQL: the same file is
-- PostgreSQL's migration 22.

-- Addresses, ranges and host names declared by members. A range counts only once an owner has
-- confirmed that the organisation runs it and may have it scanned (confirmed_by set).
CREATE TABLE scan_targets (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    target        TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('address', 'range', 'host')),
    addresses     BIGINT NOT NULL,
    declared_by   TEXT NOT NULL REFERENCES users(id),
    declared_at   BIGINT NOT NULL,
    confirmed_by  TEXT REFERENCES users(id),
    confirmed_at  BIGINT,
    UNIQUE (org_id, target)
);

-- One scan: asked for by an owner (requested_by) or by the schedule (NULL); claimed by one
-- server with a lease; the report is hoshi-scan's JSON (format 1) and its SHA-256.
CREATE TABLE scans (
    id            TEXT PRIMARY KEY,
    org_id        TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    requested_by  TEXT REFERENCES users(id),
    requested_at  BIGINT NOT NULL,
    ports         TEXT NOT NULL,
    targets       TEXT NOT NULL,
    state         TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
    claim         TEXT,
    claim_until   BIGINT,
    started_at    BIGINT,
    finished_at   BIGINT,
    report        TEXT,
    sha256        TEXT,
    worst         TEXT,
    open_ports    BIGINT,
    findings      BIGINT,
    error         TEXT
);
CREATE INDEX scans_org ON scans(org_id, requested_at);
CREATE INDEX scans_state ON scans(state, requested_at);

-- Rescans every `every_days` days; next_at moves forward when one is queued.
CREATE TABLE scan_schedules (
    org_id      TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    every_days  BIGINT NOT NULL,
    ports       TEXT NOT NULL,
    next_at     BIGINT NOT NULL,
    set_by      TEXT NOT NULL REFERENCES users(id),
    set_at      BIGINT NOT NULL
);
