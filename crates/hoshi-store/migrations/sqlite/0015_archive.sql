-- A buyer archives suppliers it no longer deals with: they leave the portfolio (and its counts and
-- exports) but stay on record, and can be brought back.
ALTER TABLE relationships ADD COLUMN archived_at BIGINT;
