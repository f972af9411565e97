-- What overdracht_app, the role of every request and job, may do: per table exactly what the
-- repositories' SQL does, and nothing else. The migrations run as the owner (overdracht_owner, see
-- db/postgres-roles.sql), which the service never connects as. Nothing on flyway_schema_history,
-- no DDL (only the owner creates in schema public), and the audit log append-only: SELECT and
-- INSERT on audit_entry and audit_checkpoint, never UPDATE, DELETE or TRUNCATE (V3's triggers
-- refuse those too). A table added later gets nothing until its migration grants it deliberately,
-- and the test that pins these grants names it.
--
-- SELECT ... FOR UPDATE needs UPDATE, an UPDATE or DELETE with a WHERE needs SELECT. The identity
-- columns (outbox_event.position, audit_pending.id) draw from their sequences without a grant.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM overdracht_app;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM overdracht_app;

-- outbox: events are written with their change and marked published by the relay
GRANT SELECT, INSERT, UPDATE ON outbox_event TO overdracht_app;
-- consumers record the events they took; read back to tell whether one was taken
GRANT SELECT, INSERT ON processed_event TO overdracht_app;

-- lifecycle: dossiers change state and are purged in place; revisions lose their ciphertext at purge
GRANT SELECT, INSERT, UPDATE ON dossier, dossier_revision TO overdracht_app;
GRANT SELECT, INSERT ON idempotency_key TO overdracht_app;

-- audit: pending entries are moved into the chain; entries and checkpoints are only ever added
GRANT SELECT, INSERT, DELETE ON audit_pending TO overdracht_app;
GRANT SELECT, INSERT ON audit_entry, audit_checkpoint TO overdracht_app;

-- enrolments match and are purged in place; inspections and objections are recorded, withdrawn, purged
GRANT SELECT, INSERT, UPDATE ON enrolment, inspection, objection TO overdracht_app;

-- registry: operators register and change schools and add and revoke certificates (rows are kept)
GRANT SELECT, INSERT, UPDATE ON school, school_certificate TO overdracht_app;

-- delivery: packages are made, re-encrypted, downloaded, acknowledged and deleted at purge
GRANT SELECT, INSERT, UPDATE, DELETE ON delivery_package TO overdracht_app;
GRANT SELECT, INSERT ON school_notification TO overdracht_app;
