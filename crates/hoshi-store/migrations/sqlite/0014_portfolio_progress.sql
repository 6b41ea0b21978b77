-- Buyers see each supplier's progress when it shares a summary or everything: saving an answer of
-- such a shared assessment changes what a portfolio shows. Answers of assessments nobody shares
-- at that scope still cost the portfolio cache nothing.
CREATE TRIGGER pg_answer_ins AFTER INSERT ON answers
WHEN EXISTS (SELECT 1 FROM shares WHERE assessment_id = NEW.assessment_id AND scope IN ('summary', 'full'))
BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER pg_answer_upd AFTER UPDATE ON answers
WHEN EXISTS (SELECT 1 FROM shares WHERE assessment_id = NEW.assessment_id AND scope IN ('summary', 'full'))
BEGIN UPDATE portfolio_generation SET n = n + 1 WHERE id = 1; END;
