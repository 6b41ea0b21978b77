-- Failed sign-ins are counted per account and client address. A pause after repeated failures
-- holds only for that address, so nobody elsewhere can lock an account (or its API tokens) out.
-- users.failed_logins and users.locked_until are no longer used.
CREATE TABLE login_throttle (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client TEXT NOT NULL,
    failures INTEGER NOT NULL,
    blocked_until INTEGER,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (user_id, client)
);
