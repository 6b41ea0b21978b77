-- Incidents (issue 16): an organisation's incident records and tabletop drills, and each one's
-- timeline. The report form (what happened, systems, data, people, leak facts …) is kept as the
-- JSON hoshi_core::incident::Report; the checklist's state is not a column but replayed from the
-- timeline's step_done / step_undone events. Timeline events are append-only and hash-chained
-- per incident (as the audit log): each row keeps the previous event's hash and its own, and the
-- incident row keeps the newest event's number and hash (event_seq, event_head), so that a
-- deleted newest event is noticed too. Portable SQL: the same file is PostgreSQL's migration 30.

CREATE TABLE incidents (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('ransomware_vpn', 'ceo_fraud', 'supplier_breach', 'lost_device', 'other')),
    title       TEXT NOT NULL,
    drill       BIGINT NOT NULL CHECK (drill IN (0, 1)),
    opened_by   TEXT NOT NULL REFERENCES users(id),
    opened_at   BIGINT NOT NULL,
    -- When the company learned of it (for a drill: when the drill started).
    known_at    BIGINT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    closed_by   TEXT REFERENCES users(id),
    closed_at   BIGINT,
    report      TEXT NOT NULL,
    event_seq   BIGINT NOT NULL,
    event_head  TEXT NOT NULL
);
CREATE INDEX incidents_org ON incidents(org_id, status, opened_at);

CREATE TABLE incident_events (
    incident_id TEXT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
    seq         BIGINT NOT NULL,
    at          BIGINT NOT NULL,
    actor       TEXT NOT NULL REFERENCES users(id),
    kind        TEXT NOT NULL CHECK (kind IN ('opened', 'note', 'step_done', 'step_undone', 'facts_changed', 'notice_drafted', 'closed', 'drill_started', 'drill_ended')),
    body        TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL,
    PRIMARY KEY (incident_id, seq)
);
