-- State that several servers on one database must share (issue 11). Portable SQL: the same file
-- is PostgreSQL's migration 20.

-- Evidence files in the database, in parts of 1 MiB, by their SHA-256. PostgreSQL only: with
-- SQLite the files stay in the data directory and this table stays empty.
CREATE TABLE evidence_blobs (
    sha256  TEXT NOT NULL,
    part    BIGINT NOT NULL,
    data    BYTEA NOT NULL,
    PRIMARY KEY (sha256, part)
);

-- Sign-in attempts per client address and minute, counted by whichever server takes them.
CREATE TABLE sign_in_budget (
    client  TEXT NOT NULL,
    minute  BIGINT NOT NULL,
    n       BIGINT NOT NULL,
    PRIMARY KEY (client, minute)
);

-- Catalogs imported from the official workbook (the file as imported), for every server.
CREATE TABLE catalog_files (
    file_name   TEXT PRIMARY KEY,
    content     TEXT NOT NULL,
    imported_at BIGINT NOT NULL
);

-- Previews of a bulk supplier registration between "check" and "register".
CREATE TABLE bulk_previews (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    payload     TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Facts all servers of a deployment must agree on: the active signing key's id, so that a server
-- given another key directory by mistake refuses to start instead of signing with its own key.
CREATE TABLE deployment_settings (
    name    TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);
