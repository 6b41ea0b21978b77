-- A supplier's signed result counts in its buyers' portfolios only while it is not revoked:
-- issuing or revoking one changes what portfolios show.
CREATE TRIGGER pg_attestation_ins AFTER INSERT ON attestations BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_attestation_revoke AFTER UPDATE OF revoked_at ON attestations BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
