-- Opt-in public register: a supplier may list an attestation publicly (organisation, level,
-- validity and the signed file only).
ALTER TABLE attestations ADD COLUMN published_at BIGINT;
CREATE INDEX attestations_published ON attestations(published_at);
