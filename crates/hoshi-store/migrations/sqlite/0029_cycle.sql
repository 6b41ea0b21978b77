-- The yearly cycle (issue 16): recurring checks the criteria ask for (owner, interval, the next
-- due date in Japan as YYYY-MM-DD, whether still active), each check recorded against a task
-- (what was looked at, the result, the due date it answered), the reminders given (one "coming
-- due" and one "overdue" per task and due date, claimed by the insert so that several servers
-- send each once), and training sessions with who attended (members by id, others by name).
-- Portable SQL: the same file is PostgreSQL's migration 29.

CREATE TABLE recurring_tasks (
    id              TEXT PRIMARY KEY,
    org_id          TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    -- The criterion the check keeps current ('' for none).
    criterion_id    TEXT NOT NULL,
    title           TEXT NOT NULL,
    look_at         TEXT NOT NULL,
    -- NULL: the organisation's owners are reminded.
    owner_id        TEXT REFERENCES users(id) ON DELETE SET NULL,
    interval_months BIGINT NOT NULL CHECK (interval_months BETWEEN 1 AND 120),
    next_due        TEXT NOT NULL,
    active          BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    rev             BIGINT NOT NULL,
    created_by      TEXT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    updated_at      BIGINT NOT NULL
);
CREATE INDEX recurring_tasks_org ON recurring_tasks(org_id, next_due);
CREATE INDEX recurring_tasks_due ON recurring_tasks(active, next_due);

CREATE TABLE task_checks (
    id          TEXT PRIMARY KEY,
    task_id     TEXT NOT NULL REFERENCES recurring_tasks(id) ON DELETE CASCADE,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    checked_on  TEXT NOT NULL,
    checked_by  TEXT NOT NULL REFERENCES users(id),
    looked_at   TEXT NOT NULL,
    result      TEXT NOT NULL CHECK (result IN ('ok', 'findings')),
    note        TEXT NOT NULL,
    -- The due date this check answered, and the one it set.
    due_was     TEXT NOT NULL,
    due_next    TEXT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX task_checks_task ON task_checks(task_id, checked_on);

CREATE TABLE task_reminders (
    task_id TEXT NOT NULL REFERENCES recurring_tasks(id) ON DELETE CASCADE,
    due     TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('soon', 'overdue')),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (task_id, due, kind)
);

CREATE TABLE training_sessions (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    held_on     TEXT NOT NULL,
    title       TEXT NOT NULL,
    topic       TEXT NOT NULL,
    trainer     TEXT NOT NULL,
    minutes     BIGINT NOT NULL,
    recorded_by TEXT NOT NULL REFERENCES users(id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX training_sessions_org ON training_sessions(org_id, held_on);

CREATE TABLE training_attendance (
    session_id TEXT NOT NULL REFERENCES training_sessions(id) ON DELETE CASCADE,
    seq        BIGINT NOT NULL,
    -- A member (NULL for someone without an account, or a member since removed).
    user_id    TEXT REFERENCES users(id) ON DELETE SET NULL,
    -- The name as it was recorded (a member's display name at the time).
    name       TEXT NOT NULL,
    PRIMARY KEY (session_id, seq)
);
