-- Housekeeping (nl.overdracht.platform.Housekeeping) prunes, after the periods the README documents,
-- the outbox events the relay published, the consumers' processed-event records and the idempotency
-- keys. overdracht_app may now delete from those three tables, and from no other that V12 left without.
GRANT DELETE ON outbox_event, processed_event, idempotency_key TO overdracht_app;
