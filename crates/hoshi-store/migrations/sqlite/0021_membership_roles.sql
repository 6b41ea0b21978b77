-- A person's memberships by role (whether they own an organisation, on every page for the second
-- factor rule) without reading each membership row. Portable: PostgreSQL's migration 21 too.
CREATE INDEX memberships_user_role ON memberships(user_id, role);
