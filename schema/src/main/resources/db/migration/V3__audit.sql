-- The audit log. Writers insert into audit_pending inside their own transaction (a plain insert,
-- no lock, so intake is never serialised); one chainer at a time (transaction-scoped advisory lock)
-- moves pending rows into audit_entry, giving each a gapless sequence number, a leaf hash and a
-- chain hash, and signs a checkpoint of the chain head now and then. Entries hold ids, roles,
-- actions, outcomes and hashes only: never personal data or dossier content.
CREATE TABLE audit_pending (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recorded_at    TIMESTAMPTZ NOT NULL,
    action         TEXT        NOT NULL,
    actor_subject  TEXT        NOT NULL,
    actor_role     TEXT        NOT NULL,
    actor_school   TEXT,
    actor_region   TEXT,
    dossier_id     UUID,
    outcome        TEXT        NOT NULL,
    content_sha256 BYTEA
);

CREATE TABLE audit_entry (
    seq            BIGINT      PRIMARY KEY CHECK (seq > 0),
    recorded_at    TIMESTAMPTZ NOT NULL,
    action         TEXT        NOT NULL,
    actor_subject  TEXT        NOT NULL,
    actor_role     TEXT        NOT NULL,
    actor_school   TEXT,
    actor_region   TEXT,
    dossier_id     UUID,
    outcome        TEXT        NOT NULL,
    content_sha256 BYTEA,
    leaf           BYTEA       NOT NULL,
    chain          BYTEA       NOT NULL
);

CREATE INDEX audit_entry_dossier ON audit_entry (dossier_id, seq) WHERE dossier_id IS NOT NULL;
CREATE INDEX audit_entry_school ON audit_entry (actor_school, seq) WHERE actor_school IS NOT NULL;
CREATE INDEX audit_entry_action ON audit_entry (action, seq);
CREATE INDEX audit_entry_time ON audit_entry (recorded_at);

-- A signed statement "the chain had this many entries and this head at this time".
CREATE TABLE audit_checkpoint (
    size       BIGINT      PRIMARY KEY CHECK (size > 0),
    chain_head BYTEA       NOT NULL,
    signed_at  TIMESTAMPTZ NOT NULL,
    algorithm  TEXT        NOT NULL,
    signature  BYTEA       NOT NULL
);

-- Entries and checkpoints are append-only: the database itself refuses to change or remove them,
-- whoever asks. (A superuser can still disable the triggers; the hash chain and the signed
-- checkpoints are what detect that.)
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Production connects as overdracht_app (not the owner, not a superuser): it may read and append,
-- never change or remove. The embedded run connects as the superuser, so the role is created here
-- (without login) when absent and the grants are in place wherever the schema is migrated.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'overdracht_app') THEN
        CREATE ROLE overdracht_app NOLOGIN;
    END IF;
END;
$$;

REVOKE ALL ON audit_entry, audit_checkpoint, audit_pending FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry, audit_checkpoint FROM overdracht_app;
GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO overdracht_app;
GRANT SELECT, INSERT, DELETE ON audit_pending TO overdracht_app;
