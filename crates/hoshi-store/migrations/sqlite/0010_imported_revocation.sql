-- A buyer can bring a newer revocation list for an imported attestation: once it names the
-- attestation, the attestation no longer counts in the portfolio.
ALTER TABLE imported_attestations ADD COLUMN revoked INTEGER NOT NULL DEFAULT 0;
