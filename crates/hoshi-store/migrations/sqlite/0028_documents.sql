-- The documents ★3 asks a company to write (issue 16): each organisation's documents (one per
-- kind and language), every saved version with its author and what changed, the approval and the
-- publication (effective date) of a version, members' confirmations that they read a published
-- version, and the organisation's answers the drafts are filled with (contacts, chosen rules,
-- authorities, insurer) as JSON. Portable SQL: the same file is PostgreSQL's migration 28.

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    org_id      TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    lang        TEXT NOT NULL CHECK (lang IN ('ja', 'en')),
    created_by  TEXT NOT NULL REFERENCES users(id),
    created_at  BIGINT NOT NULL,
    -- The newest version's number.
    latest      BIGINT NOT NULL,
    -- The version in force (NULL until one is published).
    published   BIGINT,
    UNIQUE (org_id, kind, lang)
);

CREATE TABLE document_versions (
    doc_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version      BIGINT NOT NULL,
    title        TEXT NOT NULL,
    -- The sections as JSON: [{"key", "heading", "body"}].
    sections     TEXT NOT NULL,
    -- What changed, in the author's words.
    note         TEXT NOT NULL,
    author       TEXT NOT NULL REFERENCES users(id),
    created_at   BIGINT NOT NULL,
    approved_by  TEXT REFERENCES users(id),
    approved_at  BIGINT,
    published_by TEXT REFERENCES users(id),
    published_at BIGINT,
    -- YYYY-MM-DD, chosen on publication.
    effective_on TEXT,
    PRIMARY KEY (doc_id, version)
);

CREATE TABLE document_reads (
    doc_id   TEXT NOT NULL,
    version  BIGINT NOT NULL,
    user_id  TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    read_at  BIGINT NOT NULL,
    PRIMARY KEY (doc_id, version, user_id),
    FOREIGN KEY (doc_id, version) REFERENCES document_versions(doc_id, version) ON DELETE CASCADE
);

CREATE TABLE document_inputs (
    org_id     TEXT PRIMARY KEY REFERENCES orgs(id) ON DELETE CASCADE,
    inputs     TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at BIGINT NOT NULL
);
