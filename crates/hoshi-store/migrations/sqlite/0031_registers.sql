-- Registers (issue 16): confidential information, external services, connections to others'
-- systems, partners with confidentiality agreements and incident roles. Portable SQL: the same
-- file is PostgreSQL's migration 31.

-- One entry of one register. `name` is the entry's name as typed, `name_key` the same folded
-- (width, case, spaces) so that "Ａ社" and "A社" are one entry; `fields` is the entry's columns as
-- a JSON object (keys and values checked by hoshi_xlsx::registers before they are written);
-- `rev` counts changes so that two people editing the same entry do not overwrite each other.
CREATE TABLE register_entries (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('confidential', 'services', 'connections', 'partners')),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    fields      TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('form', 'file')),
    rev         BIGINT NOT NULL,
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    updated_by  TEXT NOT NULL REFERENCES users(id),
    updated_at  BIGINT NOT NULL,
    UNIQUE (org_id, kind, name_key)
);
