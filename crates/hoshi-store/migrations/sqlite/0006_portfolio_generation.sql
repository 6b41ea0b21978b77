-- A counter that changes whenever anything a buyer's portfolio shows changes, kept by triggers so
-- that every writer (this server, another process on the same file) bumps it. The web layer keeps
-- each buyer's computed portfolio in memory and reuses it while the counter is unchanged, so a
-- revoked share is gone on the very next request and an unrelated write (an answer saved)
-- costs nothing.
CREATE TABLE portfolio_generation (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO portfolio_generation (id, n) VALUES (1, 0);

CREATE TRIGGER pg_rel_ins AFTER INSERT ON relationships BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_rel_upd AFTER UPDATE ON relationships BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_rel_del AFTER DELETE ON relationships BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_share_ins AFTER INSERT ON shares BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_share_upd AFTER UPDATE ON shares BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_share_del AFTER DELETE ON shares BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_review_ins AFTER INSERT ON reviews BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_review_upd AFTER UPDATE ON reviews BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_review_del AFTER DELETE ON reviews BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_assessment_level AFTER UPDATE OF level ON assessments BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_assessment_del AFTER DELETE ON assessments BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_org_name AFTER UPDATE OF name ON orgs BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_org_del AFTER DELETE ON orgs BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
