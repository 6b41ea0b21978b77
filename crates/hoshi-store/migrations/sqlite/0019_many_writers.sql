-- Several servers on one database (issue 11).
--
-- 1. The portfolio counter per buyer instead of one global row: a supplier's change bumps only the
--    buyers it concerns (their cached portfolios are recomputed; nobody else's), and writers for
--    different buyers no longer queue on one row.
-- 2. The audit chain's head in its own row: an append takes this row's lock first (UPDATE … RETURNING),
--    so concurrent writers append one after the other and never compute the same next entry.
-- 3. Mail claimed before sending: a server sets `claim` and moves the next attempt past the lease;
--    another server does not see the message until the lease has passed.


DROP TRIGGER pg_rel_ins;
DROP TRIGGER pg_rel_upd;
DROP TRIGGER pg_rel_del;
DROP TRIGGER pg_share_ins;
DROP TRIGGER pg_share_upd;
DROP TRIGGER pg_share_del;
DROP TRIGGER pg_review_ins;
DROP TRIGGER pg_review_upd;
DROP TRIGGER pg_review_del;
DROP TRIGGER pg_assessment_level;
DROP TRIGGER pg_assessment_del;
DROP TRIGGER pg_org_name;
DROP TRIGGER pg_org_del;
DROP TRIGGER pg_import_ins;
DROP TRIGGER pg_import_upd;
DROP TRIGGER pg_import_del;
DROP TRIGGER pg_attestation_ins;
DROP TRIGGER pg_attestation_revoke;
DROP TRIGGER pg_answer_ins;
DROP TRIGGER pg_answer_upd;

DROP TABLE portfolio_generation;

CREATE TABLE portfolio_generations (
    buyer_org   TEXT PRIMARY KEY,
    n           BIGINT NOT NULL
);

CREATE TRIGGER pgen_rel_ins AFTER INSERT ON relationships BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT NEW.buyer_org, 1 WHERE true ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_rel_upd AFTER UPDATE ON relationships BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT NEW.buyer_org, 1 WHERE true ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_rel_del AFTER DELETE ON relationships BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT OLD.buyer_org, 1 WHERE true ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_share_ins AFTER INSERT ON shares BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE id = NEW.relationship_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_share_upd AFTER UPDATE ON shares BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE id = NEW.relationship_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_share_del AFTER DELETE ON shares BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE id = OLD.relationship_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_review_ins AFTER INSERT ON reviews BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = NEW.assessment_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_review_upd AFTER UPDATE ON reviews BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = NEW.assessment_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_review_del AFTER DELETE ON reviews BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = OLD.assessment_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_assessment_level AFTER UPDATE OF level ON assessments BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = NEW.id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_assessment_del AFTER DELETE ON assessments BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = OLD.id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_org_name AFTER UPDATE OF name ON orgs BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE supplier_org = NEW.id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_org_del AFTER DELETE ON orgs BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE supplier_org = OLD.id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_import_ins AFTER INSERT ON imported_attestations BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE id = NEW.relationship_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_import_upd AFTER UPDATE ON imported_attestations BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE id = NEW.relationship_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_import_del AFTER DELETE ON imported_attestations BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT buyer_org, 1 FROM relationships WHERE id = OLD.relationship_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_attestation_ins AFTER INSERT ON attestations BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = NEW.assessment_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_attestation_revoke AFTER UPDATE OF revoked_at ON attestations BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = NEW.assessment_id ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_answer_ins AFTER INSERT ON answers BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = NEW.assessment_id AND s.scope IN ('summary', 'full') ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;
CREATE TRIGGER pgen_answer_upd AFTER UPDATE ON answers BEGIN INSERT INTO portfolio_generations (buyer_org, n) SELECT DISTINCT r.buyer_org, 1 FROM shares s JOIN relationships r ON r.id = s.relationship_id WHERE s.assessment_id = NEW.assessment_id AND s.scope IN ('summary', 'full') ON CONFLICT (buyer_org) DO UPDATE SET n = portfolio_generations.n + 1; END;

CREATE TABLE audit_head (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    seq     BIGINT NOT NULL,
    hash    TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
SELECT 1, COALESCE(MAX(seq), 0),
       COALESCE((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000')
FROM audit_log;

ALTER TABLE mail_outbox ADD COLUMN claim TEXT;
