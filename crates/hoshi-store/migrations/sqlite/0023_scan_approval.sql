-- The exposure check (issue 12): on a shared service an administrator of the instance approves
-- each declared target before it is scanned (whoever declares an address proves nothing about
-- owning it). Portable SQL: the same file is PostgreSQL's migration 23.
ALTER TABLE scan_targets ADD COLUMN approved_by TEXT REFERENCES users(id);
ALTER TABLE scan_targets ADD COLUMN approved_at BIGINT;
