-- The transactional outbox: every state change writes its event here in the same transaction.
-- A relay publishes unpublished rows to Kafka (topic = aggregate type's topic, key = aggregate id).
-- Events carry ids, states, times and hashes only: never personal data.
CREATE TABLE outbox_event (
    position      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      UUID        NOT NULL UNIQUE,
    aggregate_type TEXT       NOT NULL,
    aggregate_id  UUID        NOT NULL,
    event_type    TEXT        NOT NULL,
    payload       JSONB       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    published_at  TIMESTAMPTZ
);

CREATE INDEX outbox_event_unpublished ON outbox_event (position) WHERE published_at IS NULL;

-- Idempotent consumers: a consumer records the event id in the same transaction as its effect,
-- so a redelivered event finds its id here and changes nothing.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
