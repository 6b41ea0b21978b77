-- Attestation ids are chosen by the issuer before signing (predicate.id, 32 random bytes in hex)
-- so that the PDF report can print it; attestations.id holds that value from now on.

-- The PDF report an attestation names as its second subject, kept byte for byte: its digest
-- is signed.
ALTER TABLE attestations ADD COLUMN report_pdf BLOB;

-- 法人番号 of an organisation, set by an owner (check digit verified by the application).
ALTER TABLE orgs ADD COLUMN corporate_number TEXT;

-- What the damage-cost estimate of an assessment's PDF report is based on.
CREATE TABLE report_inputs (
    assessment_id   TEXT PRIMARY KEY REFERENCES assessments(id) ON DELETE CASCADE,
    records         BIGINT NOT NULL,
    revenue_yen     BIGINT NOT NULL,
    stoppage_days   INTEGER NOT NULL,
    updated_by      TEXT NOT NULL REFERENCES users(id),
    updated_at      BIGINT NOT NULL
);

-- Attestations issued by another hoshi instance that a buyer attached to a supplier, with the
-- issuer's public keys (and revocation list, if given) as the buyer supplied them. The status
-- is verified again each time it is shown.
CREATE TABLE imported_attestations (
    relationship_id TEXT NOT NULL REFERENCES relationships(id) ON DELETE CASCADE,
    id              TEXT NOT NULL,
    envelope        TEXT NOT NULL,
    keys_json       TEXT NOT NULL,
    revoked_json    TEXT,
    issuer          TEXT NOT NULL,
    organisation    TEXT NOT NULL,
    corporate_number TEXT,
    level           INTEGER NOT NULL,
    valid_until     TEXT NOT NULL,
    imported_by     TEXT NOT NULL REFERENCES users(id),
    imported_at     BIGINT NOT NULL,
    PRIMARY KEY (relationship_id, id)
);

-- An imported attestation counts in the buyer's portfolio: keep the cache honest.
CREATE TRIGGER pg_import_ins AFTER INSERT ON imported_attestations BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_import_upd AFTER UPDATE ON imported_attestations BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_import_del AFTER DELETE ON imported_attestations BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
