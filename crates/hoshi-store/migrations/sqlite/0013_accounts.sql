-- Account life-cycle: an administrator can disable an account, and sees when each person last
-- signed in; a forgotten password is replaced through a one-time link an administrator issues
-- (or that is mailed, when SMTP is set up).
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE users ADD COLUMN last_login_at BIGINT;

CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_by  TEXT,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX password_resets_user ON password_resets(user_id);
