-- The service's own login, ringfence_app, that cannot change or delete what the audit trail holds.
--
-- Run as the owner of the schema (the login Flyway migrates with) after the first start and again
-- after every upgrade (it is idempotent): it grants the service what its work needs on every table
-- that exists then. Set the password apart: ALTER ROLE ringfence_app PASSWORD '...';
--
-- The owner keeps what ownership gives: migrations (spring.flyway.user), daily partitions and
-- retention (ringfence.store.owner.username, docs/audit.md). A rewrite by the owner is caught by the
-- heads published outside the database (audit-verify --heads).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ringfence_app') THEN
        CREATE ROLE ringfence_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
    END IF;
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO ringfence_app', current_database());
END
$$;

GRANT USAGE ON SCHEMA public TO ringfence_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ringfence_app;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ringfence_app;

-- The trail: appended and read, never changed. The chain head row is updated on every append (and
-- locked FOR UPDATE, which needs UPDATE), never deleted; a changed head is caught by the published heads.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_entry FROM ringfence_app;
REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_chain_head FROM ringfence_app;
-- The migration history is the owner's.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM ringfence_app;

-- Partitions are reached through their parent, whose privileges PostgreSQL checks; direct access to
-- a partition (audit_entry_20261125) would bypass the revokes above, so the service gets none. Daily
-- partitions created later by the owner start without privileges for anyone else.
DO $$
DECLARE
    p record;
BEGIN
    FOR p IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relispartition AND c.relkind IN ('r', 'p')
    LOOP
        EXECUTE format('REVOKE ALL ON %I FROM ringfence_app', p.relname);
    END LOOP;
END
$$;
