-- Imported attestations are re-checked against their issuer's revocation list on a schedule:
-- when that last happened, and what went wrong the last time it could not be done (the issuer
-- unreachable, a list that could not be read); NULL after a check that worked.
ALTER TABLE imported_attestations ADD COLUMN checked_at BIGINT;
ALTER TABLE imported_attestations ADD COLUMN check_problem TEXT;
