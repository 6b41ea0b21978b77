-- The management declaration is made by an officer (役員). An owner records which members are
-- officers, with their title; such a member declares in person, under their own account.
ALTER TABLE memberships ADD COLUMN officer_title TEXT;
-- How the declaration was made: 1 = in person by an officer under their own account; 0 = recorded
-- by an owner on an officer's behalf, with the officer's signed statement kept as evidence
-- (declaration_evidence; empty for declarations recorded before this distinction existed).
ALTER TABLE reviews ADD COLUMN declared_in_person INTEGER NOT NULL DEFAULT 0;
ALTER TABLE reviews ADD COLUMN declaration_evidence TEXT;
