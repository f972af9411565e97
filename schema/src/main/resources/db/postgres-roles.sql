-- Overdracht's database and its two roles. A DBA runs this once, as a superuser, before the
-- service's first start, and may run it again (what exists is kept):
--
--   psql -v ON_ERROR_STOP=1 -d postgres -f postgres-roles.sql
--   psql -d overdracht -c '\password overdracht_owner'
--   psql -d overdracht -c '\password overdracht_app'
--
-- (\password sends the password hashed: it never appears in a statement or a server log.)
--
--   overdracht_owner  owns the database and every object in its schema public; runs the migrations
--                     (quarkus.flyway.username). Never used by the running service otherwise.
--   overdracht_app    every request and job (quarkus.datasource.username): granted per table only
--                     what the service does (migration V12), the audit tables append-only, no DDL.
--                     The service refuses to start as a superuser or as the audit tables' owner.
--
-- The embedded run applies this same file at start (nl.overdracht.embedded.DatabaseRoles), which
-- understands the psql commands used here: \connect and \gexec.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'overdracht_owner') THEN
        CREATE ROLE overdracht_owner LOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'overdracht_app') THEN
        CREATE ROLE overdracht_app LOGIN;
    END IF;
END
$$;

-- Migration V3 creates overdracht_app without login where it was absent; both log in, neither is
-- more than an ordinary role.
ALTER ROLE overdracht_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE overdracht_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

SELECT 'CREATE DATABASE overdracht OWNER overdracht_owner'
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'overdracht') \gexec

ALTER DATABASE overdracht OWNER TO overdracht_owner;
REVOKE ALL ON DATABASE overdracht FROM PUBLIC;
GRANT CONNECT ON DATABASE overdracht TO overdracht_app;

\connect overdracht

-- Only the owner creates objects (PostgreSQL before 15 lets everyone create in public).
ALTER SCHEMA public OWNER TO overdracht_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- Objects an earlier version created as another role (the superuser, when one role did everything)
-- become the owner's, one by one: REASSIGN OWNED cannot move what the bootstrap superuser owns.
-- Identity and serial sequences move with their table; members of extensions stay the extension's.
DO $$
DECLARE
    object record;
BEGIN
    FOR object IN
        SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                   WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind,
               c.oid::regclass::text AS name
        FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace
          AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
          AND c.relowner <> 'overdracht_owner'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO overdracht_owner', object.kind, object.name);
    END LOOP;
    FOR object IN
        SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END AS kind,
               p.oid::regprocedure::text AS name
        FROM pg_proc p
        WHERE p.pronamespace = 'public'::regnamespace
          AND p.proowner <> 'overdracht_owner'::regrole
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                          AND d.deptype = 'e')
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO overdracht_owner', object.kind, object.name);
    END LOOP;
END
$$;
